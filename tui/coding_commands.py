"""Coding as a team from the shell: `quotedesk sample ...`, `agreement`, `adjudicate`.

The same store functions the app calls (store.coding, store.agreement). Data
goes to stdout, confirmations to stderr; bad input is a StoreError, which the
entry point prints as one `quotedesk: error:` line.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Annotated

import typer

from store.errors import StoreError
from tui.cli_format import DeskCommand, PlainGroup, say
from tui.cli_options import (
    DEFAULT_DB,
    AnalystOption,
    ConfigOption,
    DbOption,
    IncludeRejectedOption,
    KindFilter,
    OutletFilter,
    QuoteIdArgument,
    SpeakerFilter,
    StanceFilter,
    StanceTargetOption,
    StatusFilter,
    analyst_name,
    existing_db,
)
from tui.review_commands import checked_filter, stance_labels

sample_app = typer.Typer(
    rich_markup_mode=None,
    cls=PlainGroup,
    help="Reliability samples: quotes that several coders code blind.",
)
NameArgument = Annotated[str, typer.Argument(help="The sample's name.")]
FORMATS = ("text", "csv", "md", "json")
MATRIX_MAX = 6  # values; more (speakers) and the text report lists differences only


@sample_app.command("create", cls=DeskCommand)
def create(
    name: NameArgument,
    size: Annotated[int, typer.Option(help="How many quotes to draw.")],
    coders: Annotated[str, typer.Option(help="Who codes it, comma-separated: ann,bo[,cy].")],
    stratify: Annotated[
        str | None, typer.Option(help="outlet or speaker: each gets its share of the sample.")
    ] = None,
    seed: Annotated[int | None, typer.Option(help="Draw the same sample again.")] = None,
    speaker: SpeakerFilter = None,
    outlet: OutletFilter = None,
    kind: KindFilter = None,
    stance: StanceFilter = None,
    status: StatusFilter = None,
    include_rejected: IncludeRejectedOption = False,
    db: DbOption = DEFAULT_DB,
    analyst: AnalystOption = None,
    config: ConfigOption = None,
) -> None:
    """Draw a reproducible random sample of quotes and assign it to the coders."""
    from store.coding import create_sample

    database = existing_db(db)
    wanted = checked_filter(
        database,
        config,
        speaker=speaker,
        outlet=outlet,
        kind=kind,
        stance=stance,
        status=status,
        include_rejected=include_rejected,
    )
    sample = create_sample(
        database,
        name,
        size,
        coders.split(","),
        wanted,
        analyst=analyst_name(analyst),
        stratify=stratify,
        seed=seed,
    )
    say(
        f"sample {sample.name!r}: {len(sample.quote_keys)} quotes for"
        f" {', '.join(sample.coders)} (seed {sample.seed});"
        f" each codes it with  quotedesk tui --sample {sample.name} --analyst NAME"
    )


@sample_app.command("list", cls=DeskCommand)
def list_(db: DbOption = DEFAULT_DB) -> None:
    """The samples: name, size, coders, seed."""
    from store.coding import list_samples

    for sample in list_samples(existing_db(db)):
        typer.echo(
            f"{sample.name}\t{len(sample.quote_keys)} quotes\t{','.join(sample.coders)}"
            f"\tseed {sample.seed}" + (f"\tby {sample.stratify}" if sample.stratify else "")
        )


@sample_app.command("code", cls=DeskCommand)
def code(
    name: NameArgument,
    quote_id: QuoteIdArgument,
    accept: Annotated[bool, typer.Option("--accept", help="It is a quote.")] = False,
    reject: Annotated[bool, typer.Option("--reject", help="It is not a quote.")] = False,
    stance: Annotated[str | None, typer.Option(help="Your stance label.")] = None,
    target: StanceTargetOption = None,
    speaker: Annotated[str | None, typer.Option(help="The right speaker (a known name).")] = None,
    note: Annotated[str | None, typer.Option(help="Your note.")] = None,
    db: DbOption = DEFAULT_DB,
    analyst: AnalystOption = None,
    config: ConfigOption = None,
) -> None:
    """Code one sample quote as one coder (what the app does in --sample mode)."""
    from store.coding import code as code_quote
    from store.coding import coded_values, get_sample

    if accept and reject:
        raise StoreError("--accept or --reject, not both")
    status = ("accepted" if accept else "rejected") if accept or reject else None
    database = existing_db(db)
    values = coded_values(
        database, status=status, stance=stance, stance_target=target, speaker=speaker, note=note
    )
    who = analyst_name(analyst)
    sample = get_sample(database, name)
    code_quote(database, sample, quote_id, values, analyst=who, stance_labels=stance_labels(config))
    say(f"coded quote {quote_id} in {name!r} as {who}")


def open_for_app(db: Path, sample: str | None, adjudicate: str | None, analyst: str) -> dict:
    """What `quotedesk tui --sample / --adjudicate` opens: the sample to code blind
    (the analyst must be one of its coders) or the one to adjudicate."""
    from store.coding import check_coder, get_sample

    if sample is None and adjudicate is None:
        return {}
    if sample is not None and adjudicate is not None:
        raise StoreError("--sample codes a sample, --adjudicate settles one: give one of them")
    database = existing_db(db)
    try:
        found = get_sample(database, sample or adjudicate)
        if sample is not None:
            check_coder(found, analyst)
    finally:
        database.conn.close()
    return {"sample": found} if sample is not None else {"adjudicate": found}


def agreement(
    name: NameArgument,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text, csv, md or json.")] = "text",
    config: ConfigOption = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Intercoder reliability of a sample: percent agreement, Krippendorff's alpha
    (95 % bootstrap interval), Cohen's kappa and confusion matrix per pair, per outlet.
    The codebook (stance labels and definitions) goes with the text, md and json reports."""
    from store.agreement import agreement as measure
    from store.coding import get_sample
    from tui.config import ConfigError, load_config

    if fmt not in FORMATS:
        raise StoreError(f"unknown format {fmt!r}: use {', '.join(FORMATS)}")
    try:
        settings = load_config(config)
    except ConfigError as exc:
        raise StoreError(str(exc)) from None
    database = existing_db(db)
    report = measure(database, get_sample(database, name))
    codebook = Codebook(
        {label: settings.codebook.get(label, "") for label in settings.stance_labels},
        list(settings.stance_targets),
    )
    typer.echo(FORMATTERS[fmt](report, codebook), nl=False)


def adjudicate(
    name: NameArgument,
    quote: Annotated[int | None, typer.Option(help="Settle this quote ...")] = None,
    field: Annotated[
        str | None, typer.Option(help="... on this field: stance, status, speaker.")
    ] = None,
    take: Annotated[str | None, typer.Option(help="... with this coder's value.")] = None,
    set_: Annotated[str | None, typer.Option("--set", help="... or with this value.")] = None,
    agreed: Annotated[
        bool, typer.Option("--agreed", help="Settle every unit all coders coded alike.")
    ] = False,
    db: DbOption = DEFAULT_DB,
    analyst: AnalystOption = None,
    config: ConfigOption = None,
) -> None:
    """List the units coders disagree on; with --quote, --field and --take or --set, settle one."""
    from store.coding import adjudicate as settle
    from store.coding import disagreements, get_sample, settle_agreed

    database = existing_db(db)
    sample = get_sample(database, name)
    if agreed:
        count = settle_agreed(database, sample, analyst=analyst_name(analyst))
        say(f"settled {count} units the coders agree on (one undo takes them back)")
        return
    if quote is None and field is None and take is None and set_ is None:
        for unit in disagreements(database, sample):
            typer.echo(unit_line(unit))
        return
    if quote is None or field is None:
        raise StoreError(
            "to settle a unit give --quote ID, --field and --take CODER or --set VALUE"
        )
    value = settle(
        database,
        sample,
        quote,
        field,
        analyst=analyst_name(analyst),
        stance_labels=stance_labels(config),
        take=take,
        value=set_,
    )
    say(f"quote {quote}: {field} settled as {value!r} (undo takes it back)")


def unit_line(unit) -> str:
    values = "  ".join(f"{coder}={value or '-'}" for coder, value in unit.values.items())
    notes = "  ".join(f"[{coder}: {note}]" for coder, note in unit.notes.items() if note)
    settled = f"  -> {unit.settled}" if unit.settled is not None else ""
    return f"#{unit.quote_id}\t{unit.field}\t{values}{settled}" + (f"\t{notes}" if notes else "")


# ---- report formats ----------------------------------------------------------


def _num(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}%"


def _interval(row) -> str:
    if row.alpha_low is None:
        return "-"
    return f"[{_num(row.alpha_low)}, {_num(row.alpha_high)}]"


def _kappas(row) -> str:
    return ", ".join(f"{a}/{b} {_num(p.kappa)}" for (a, b), p in ((p.coders, p) for p in row.pairs))


@dataclass
class Codebook:
    """What the coders coded with: stance labels and definitions, stance targets."""

    labels: dict[str, str]
    targets: list[str]


def as_text(report, codebook: Codebook) -> str:
    out = [
        f"sample {report.sample}: {report.quotes} quotes, coders {', '.join(report.coders)}",
        "",
    ]
    for row in report.fields:
        where = f"  {row.outlet}" if row.outlet else row.field
        out.append(
            f"{where:<28} units {row.units:>4}  agree {_pct(row.percent):>7}"
            f"  alpha {_num(row.alpha):>6} {_interval(row):<17}  kappa {_kappas(row)}"
        )
        if row.outlet is None:
            for p in row.pairs:
                out += _confusion_lines(p)
    out += ["", "codebook (stance):"]
    out += [f"  {label}: {text or '(no definition)'}" for label, text in codebook.labels.items()]
    if codebook.targets:
        out.append(f"  targets: {'; '.join(codebook.targets)}")
    return "\n".join(out) + "\n"


def _confusion_lines(p) -> list[str]:
    """The pair's confusion matrix; with many values (speakers) only the cells
    where the two coders differ, as a full matrix would not fit a terminal."""
    seen = sorted({a for a in p.confusion} | {b for row in p.confusion.values() for b in row})
    if not seen:
        return []
    if len(seen) > MATRIX_MAX:
        cells = [(a, b, n) for a, row in p.confusion.items() for b, n in row.items() if a != b]
        head = f"  {p.coders[0]} -> {p.coders[1]}, where they differ:"
        return [head] + [f"    {a} -> {b}: {n}" for a, b, n in sorted(cells)] if cells else []
    width = max(len(v) for v in [*seen, p.coders[0]]) + 2
    head = f"  {p.coders[0]} \\ {p.coders[1]}".ljust(width + 4)
    lines = [head + "".join(v.rjust(width) for v in seen)]
    for a in seen:
        counts = "".join(str(p.confusion.get(a, {}).get(b, 0)).rjust(width) for b in seen)
        lines.append(f"    {a}".ljust(width + 4) + counts)
    return lines


def as_markdown(report, codebook: Codebook) -> str:
    out = [
        f"### Intercoder reliability: sample {report.sample}",
        "",
        f"{report.quotes} quotes, coders {', '.join(report.coders)}. Krippendorff's alpha"
        " (nominal) with a 95 % bootstrap interval; Cohen's kappa per pair.",
        "",
        "| field | outlet | units | agreement | alpha | 95 % interval | kappa |",
        "|---|---|---:|---:|---:|---|---|",
    ]
    for row in report.fields:
        out.append(
            f"| {row.field} | {row.outlet or 'all'} | {row.units} | {_pct(row.percent)}"
            f" | {_num(row.alpha)} | {_interval(row)} | {_kappas(row)} |"
        )
    out += ["", "#### Codebook (stance)", "", "| label | definition |", "|---|---|"]
    out += [f"| {label} | {text} |" for label, text in codebook.labels.items()]
    if codebook.targets:
        out += ["", f"Stance targets: {'; '.join(codebook.targets)}."]
    return "\n".join(out) + "\n"


CSV_COLUMNS = (
    "field",
    "outlet",
    "units",
    "percent_agreement",
    "alpha",
    "alpha_low",
    "alpha_high",
    "coder_1",
    "coder_2",
    "pair_units",
    "kappa",
)


def as_csv(report, codebook: Codebook) -> str:
    """One row per field, outlet and pair of coders (the codebook does not fit a table)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for row in report.fields:
        head = [row.field, row.outlet or "all", row.units, row.percent, row.alpha]
        head += [row.alpha_low, row.alpha_high]
        for p in row.pairs:
            writer.writerow(head + [p.coders[0], p.coders[1], p.units, p.kappa])
    return buffer.getvalue()


def as_json(report, codebook: Codebook) -> str:
    data = report.as_dict() | {"codebook": asdict(codebook)}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


FORMATTERS = {"text": as_text, "csv": as_csv, "md": as_markdown, "json": as_json}


def register(app: typer.Typer) -> None:
    app.add_typer(sample_app, name="sample")
    app.command(cls=DeskCommand)(agreement)
    app.command(cls=DeskCommand)(adjudicate)
