"""The analyst's settings: key remapping and stance labels, from a TOML file.

Looked up in this order: the --config path, $XDG_CONFIG_HOME/quotedesk/config.toml,
~/.config/quotedesk/config.toml. Example::

    stance_labels = ["for", "against", "neutral", "unclear"]

    stance_targets = ["the summit", "arms sales"]   # what a stance may be about

    [codebook]            # one line per stance label: what coders tag it for
    for = "the speaker backs the stance target"

    [keys]
    accept = "y"          # binding id = key(s), comma-separated for several
    reject = "x,delete"
    note = "N"

Binding ids are listed in the `?` help screen. A broken file never stops the
app: it opens with the defaults and says what was wrong. A key map that puts
one key on two actions of one screen (say reject = "n" while note keeps its
default "n") is broken too: the key would do only one of them, silently.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_STANCE_LABELS: tuple[str, str, str, str] = ("support", "oppose", "neutral", "unclear")


class ConfigError(Exception):
    """A config file that cannot be used; the message is one line for a notification."""


@dataclass(frozen=True)
class Config:
    keymap: dict[str, str] = field(default_factory=dict)
    stance_labels: tuple[str, ...] = DEFAULT_STANCE_LABELS
    codebook: dict[str, str] = field(default_factory=dict)  # stance label -> definition
    stance_targets: tuple[str, ...] = ()
    path: Path | None = None


def default_config_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "quotedesk" / "config.toml"


# (screen, binding id, default keys) for every remappable binding; EVERYWHERE
# bindings share their keys with every screen.
BindingRow = tuple[str, str, str]
EVERYWHERE = "Everywhere"


def load_config(
    path: Path | None = None, bindings: Callable[[], Iterable[BindingRow]] | None = None
) -> Config:
    """Read the config; an explicit path must exist, the default one may not.

    With `bindings`, a key map that binds one key to two actions is refused.
    It is a callable so the screens are imported only when there is a key map.
    """
    explicit = path is not None
    path = path or default_config_path()
    if not path.exists():
        if explicit:
            raise ConfigError(f"config file {path} does not exist")
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"config file {path}: {exc}") from exc
    config = parse_config(data, path)
    if config.keymap and bindings is not None:
        clashes = key_clashes(config.keymap, list(bindings()))
        if clashes:
            raise ConfigError(f"config file {path}: {clashes[0]}")
    return config


def parse_config(data: dict, path: Path | None = None) -> Config:
    where = f"config file {path}" if path else "config"
    keys = data.get("keys", {})
    if not isinstance(keys, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in keys.items()
    ):
        raise ConfigError(f'{where}: [keys] must map binding ids to key strings, e.g. accept = "y"')
    labels = data.get("stance_labels", list(DEFAULT_STANCE_LABELS))
    if (
        not isinstance(labels, list)
        or not 1 <= len(labels) <= 4
        or not all(isinstance(x, str) and x.strip() for x in labels)
        or len(set(labels)) != len(labels)
    ):
        raise ConfigError(f"{where}: stance_labels must be 1 to 4 different non-empty strings")
    stance_labels = tuple(x.strip() for x in labels)
    targets = data.get("stance_targets", [])
    if not isinstance(targets, list) or not all(isinstance(x, str) and x.strip() for x in targets):
        raise ConfigError(f"{where}: stance_targets must be a list of non-empty strings")
    return Config(
        keymap={k: v.replace(" ", "") for k, v in keys.items()},
        stance_labels=stance_labels,
        codebook=parse_codebook(data.get("codebook", {}), stance_labels, where),
        stance_targets=tuple(x.strip() for x in targets),
        path=path,
    )


def key_clashes(keymap: dict[str, str], bindings: list[BindingRow]) -> list[str]:
    """Keys that the remapping leaves on two actions of one screen, one line each.

    Only clashes that involve a remapped binding count: the defaults are the
    app's business, not the analyst's.
    """
    screens = sorted({where for where, _, _ in bindings if where != EVERYWHERE})
    clashes = []
    for screen in screens or [EVERYWHERE]:
        owners: dict[str, list[str]] = {}
        for where, binding_id, default in bindings:
            if where not in (screen, EVERYWHERE):
                continue
            for key in keymap.get(binding_id, default).split(","):
                ids = owners.setdefault(key.strip(), [])
                if binding_id not in ids:
                    ids.append(binding_id)
        for key, ids in owners.items():
            if len(ids) > 1 and any(i in keymap for i in ids):
                line = f'key "{key}" is bound to both {ids[0]} and {ids[1]} ({screen})'
                if line not in clashes:
                    clashes.append(line)
    return clashes


def parse_codebook(codebook: object, labels: tuple[str, ...], where: str) -> dict[str, str]:
    """[codebook]: a one-line definition for some or all of the stance labels."""
    if not isinstance(codebook, dict) or not all(
        isinstance(v, str) and v.strip() for v in codebook.values()
    ):
        raise ConfigError(
            f'{where}: [codebook] must map stance labels to definitions, e.g. support = "..."'
        )
    unknown = sorted(set(codebook) - set(labels))
    if unknown:
        raise ConfigError(f"{where}: [codebook] defines {', '.join(unknown)}, not a stance label")
    return {label: " ".join(codebook[label].split()) for label in labels if label in codebook}
