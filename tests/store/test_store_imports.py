"""The store's imports: what the app pays for before its first rows."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_store_loads_without_numpy_and_numpy_still_loads_after_it():
    code = (
        "import sys, store.db, store.queries\n"
        "print('numpy' in sys.modules)\n"
        "import numpy, spacy\n"
        "print(int(numpy.arange(4).sum()), spacy.blank('en')('two words').__len__())\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["False", "6", "2"]
