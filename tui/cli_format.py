"""How the command line reads: one-line errors and plain help, in the desk's style.

Typer's defaults box a usage error in a panel under the usage line and label
every option by its Python type (`--db <path>`, `--help <bool>`, `{paths}...`),
while the desk's own errors are one line. DeskGroup runs the commands with
click's standalone mode off and prints every error itself, usage errors
included; DeskCommand writes help the way click always has (`--db FILE`,
`PATHS...`).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

import typer

# Typer vendors click and re-exports only some of its exceptions.
from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError
from typer.core import TyperArgument, TyperCommand, TyperGroup

from nlp.records import encodable
from store.errors import StoreError

PROG = "quotedesk"
USAGE_ERROR = 2
INTERRUPTED = 130

# Messages from pydantic, which typer uses to convert values, in the desk's words.
REWORDED = (
    (
        r"Input should be a valid integer, unable to parse string as an integer",
        "not a whole number",
    ),
    (r"Input should be a valid number, unable to parse string as a number", "not a number"),
    (r"Input should be greater than or equal to", "should be at least"),
    (r"Input should be less than or equal to", "should be at most"),
    (r"Input should be", "should be"),
    (r"Value error, ", ""),
)


def say(message: str) -> None:
    typer.echo(message, err=True)


def error(message: str) -> None:
    say(f"{PROG}: error: {message}")


def fail(message: str) -> NoReturn:
    """Stop the command with one error line and exit code 1."""
    error(message)
    raise typer.Exit(1)


def usage_message(exc: ClickException) -> str:
    """click's message as one lower-case line without the final full stop."""
    message = exc.format_message()
    for theirs, ours in REWORDED:
        message = re.sub(theirs, ours, message)
    message = re.sub(r"\s+", " ", message).strip().rstrip(".")
    return message[:1].lower() + message[1:]


class PlainGroup(TyperGroup):
    """A group whose command list gives each command's whole first sentence."""

    def format_commands(self, ctx: typer.Context, formatter: Any) -> None:
        # click cuts these at the terminal width with '...'; wrapping reads better.
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=200)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


class DeskGroup(PlainGroup):
    """The top-level `quotedesk` group: every error is `quotedesk: error: ...`."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        code = self._run(args, complete_var, **extra)
        if not standalone_mode:
            return code
        sys.exit(code or 0)

    def _run(self, args: Sequence[str] | None, complete_var: str | None, **extra: Any) -> Any:
        try:
            code = super().main(args, PROG, complete_var, standalone_mode=False, **extra)
        except NoArgsIsHelpError as exc:  # bare `quotedesk`: the help, as click does
            say(exc.format_message())
            return USAGE_ERROR
        except UsageError as exc:
            error(usage_message(exc))
            if exc.ctx is not None:
                say(f"Try '{exc.ctx.command_path} --help'.")
            return USAGE_ERROR
        except ClickException as exc:
            error(usage_message(exc))
            return exc.exit_code
        except typer.Abort:
            error("aborted")
            return 1
        except StoreError as exc:
            error(str(exc))
            return 1
        if code == INTERRUPTED:  # typer turns ctrl-c into this exit code
            say(f"{PROG}: interrupted; everything stored so far is kept")
        return code


class DeskCommand(TyperCommand):
    """A command whose help names values in words (`--db FILE`), not types (`<path>`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if param.metavar is None:
                param.metavar = _metavar(param)

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:
        rest = super().parse_args(ctx, args)
        for name, value in ctx.params.items():
            for item in value if isinstance(value, list | tuple) else [value]:
                problem = _unstorable(item)
                if problem:
                    param = next((p for p in self.params if p.name == name), None)
                    shown = _shown_name(param, name)
                    raise UsageError(f"Invalid value for {shown}: {problem}", ctx)
        return rest

    def collect_usage_pieces(self, ctx: typer.Context) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument):
                name = _argument_name(param)
                pieces.append(name if param.required else f"[{name}]")
        return pieces

    def format_options(self, ctx: typer.Context, formatter: Any) -> None:
        arguments, options = [], []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if isinstance(param, TyperArgument):
                arguments.append((_argument_name(param), record[1]))
            else:
                options.append(record)
        for title, records in (("Arguments", arguments), ("Options", options)):
            if records:
                with formatter.section(title):
                    formatter.write_dl(records)


# SQLite stores integers in 64 bits; a bigger id or limit is no row and no count.
SQLITE_INTEGERS = range(-(2**63), 2**63)


def _unstorable(value: object) -> str | None:
    """Why a parsed value cannot reach the database or the terminal, if it cannot.

    An id past SQLite's integers overflows in sqlite3; an argument that is not
    UTF-8 (`$'caf\\xe9'` from a Latin-1 terminal) arrives as a lone surrogate
    that can be neither stored nor printed.
    """
    if isinstance(value, int) and not isinstance(value, bool) and value not in SQLITE_INTEGERS:
        return "out of range (a whole number between -2^63 and 2^63-1)"
    if isinstance(value, str | Path) and not encodable(str(value)):
        return "not valid UTF-8 text (check the terminal's encoding)"
    return None


def _shown_name(param: Any, name: str) -> str:
    if param is None:
        return name
    if isinstance(param, TyperArgument):
        return param.metavar or name.upper()
    return max(param.opts, key=len)


def _metavar(param: Any) -> str:
    """An argument's name (QUOTE_ID); for an option N if a number, else its own name
    (`--limit N`, `--role ROLE`)."""
    if isinstance(param, TyperArgument):
        return param.name.upper()
    if getattr(param.type_descriptor, "annotation", None) is int:
        return "N"
    longest = max(param.opts, key=len).lstrip("-")
    return longest.upper().replace("-", "_")


def _argument_name(param: TyperArgument) -> str:
    return param.metavar + ("..." if param.nargs != 1 else "")
