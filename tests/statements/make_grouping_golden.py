"""Write grouping_golden.json: the statements the grouping on the path makes of
grouping_corpus's desk. Run from the checkout whose behaviour is the reference:

    uv run python tests/statements/make_grouping_golden.py [--check]

(--check prints whether the snapshot equals the committed one instead.)
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
sys.path.insert(0, str(HERE))

from grouping_corpus import build  # noqa: E402

GOLDEN = HERE / "grouping_golden.json"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        made = build(Path(tmp) / "golden.db")
    text = json.dumps(made, separators=(",", ":")) + "\n"
    if "--check" in sys.argv:
        same = GOLDEN.read_text("utf-8") == text
        print("same as committed" if same else "DIFFERENT from committed")
        return
    GOLDEN.write_text(text, "utf-8")
    print(f"wrote {GOLDEN}: {len(made['everything']['quote_statements'])} quotes")


if __name__ == "__main__":
    main()
