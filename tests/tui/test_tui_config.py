"""The analyst's config file: key maps that would make one key do two things are refused."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tui_helpers import settle

import tui.config
from tui.app import QuoteDeskApp, default_keys
from tui.config import ConfigError, load_config

ROOT = Path(__file__).resolve().parents[2]


def toml_examples() -> list[pytest.param]:
    """Every example config the analyst is shown: the help screen, docs/app.md, config.py."""
    examples = []
    for path in (ROOT / "tui/screens/help.md", ROOT / "docs/app.md"):
        for block in re.findall(r"```toml\n(.*?)```", path.read_text(encoding="utf-8"), re.S):
            examples.append(pytest.param(block, id=path.name))
    docstring = tui.config.__doc__ or ""
    after = docstring.split("Example::", 1)[1]
    example = re.match(r"\n*((?:    .*\n|\n)+)", after).group(1)
    examples.append(pytest.param(re.sub(r"(?m)^    ", "", example), id="config.py"))
    return examples


@pytest.mark.parametrize("example", toml_examples())
def test_every_example_config_loads(tmp_path, example):
    path = tmp_path / "config.toml"
    path.write_text(example, encoding="utf-8")
    config = load_config(path, bindings=default_keys)
    assert config.keymap, "the example remaps some keys"


def test_a_key_on_two_actions_is_refused_in_one_line(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('[keys]\nreject = "n,x"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path, bindings=default_keys)
    message = str(caught.value)
    assert "\n" not in message
    assert 'key "n" is bound to both' in message
    assert "reject" in message and "note" in message and "Quotes" in message


def test_the_same_key_on_two_screens_is_fine(tmp_path):
    path = tmp_path / "config.toml"
    # Speakers' find and Quotes' search on one key: never on the same screen.
    path.write_text('[keys]\nsearch = "g"\n"speaker-find" = "g"\n', encoding="utf-8")
    assert load_config(path, bindings=default_keys).keymap["search"] == "g"


def test_a_global_key_clashes_with_every_screen(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('[keys]\naccept = "q"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match='"q" is bound to both accept and quit'):
        load_config(path, bindings=default_keys)


async def test_app_opens_with_default_keys_and_says_why(db_path, tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('[keys]\nreject = "n"\n', encoding="utf-8")
    app = QuoteDeskApp(db_path, "tester", path)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert app.config.keymap == {}
        assert 'key "n" is bound to both reject and note' in (app.config_error or "")
        await pilot.press("n")
        await settle(pilot)
        assert type(app.screen).__name__ == "NoteEditor"
