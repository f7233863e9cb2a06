"""The `numbers` and `check` commands: list a text's quantities, check a text against a source."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from briefing.cli_support import reported_errors
from briefing.errors import InputError, NumbersFailedError
from briefing.ingest import ARTICLE_WANTED, read_source
from briefing.numbers import find_quantities
from briefing.numbers_digits import separators_of
from briefing.schema import NumberCheck, Quantity, Source
from briefing.verify import check_claim, index_sources

CLAIMS_WANTED = "Pass the text whose numbers to check: a draft or a summary."

JSON_HELP = "Print JSON instead of one line per number."


def register(app: typer.Typer) -> None:
    """Add the `numbers` and `check` commands to the app."""
    app.command(name="numbers")(numbers)
    app.command(name="check")(check)


def numbers(
    file: Annotated[str, typer.Argument(help="A .txt, .md or .html file; - reads stdin.")],
    as_json: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """List the quantities found in a text: value, unit, kind, and what they count.

    Example: briefing numbers seeds/kursk-north-korean-troops.txt --json
    """
    with reported_errors():
        source = read_text(file)
        with separators_of(source.text):
            found = [q for s in source.sentences for q in find_quantities(s.text, sentence_id=s.id)]
        if as_json:
            typer.echo(json.dumps([q.model_dump(mode="json") for q in found], indent=2))
            return
        for quantity in found:
            typer.echo(format_quantity(quantity))


def check(
    source_file: Annotated[
        str, typer.Argument(metavar="SOURCE", help="The source article; - reads stdin.")
    ],
    claims_file: Annotated[
        str, typer.Argument(metavar="CLAIMS", help="The text to check; - reads stdin.")
    ],
    as_json: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
    strict: Annotated[bool, typer.Option(help="Exit 3 if any number is unsupported.")] = False,
) -> None:
    """Check every number of a text (a draft, another tool's summary) against a source.

    One line per number: its status (exact, rounded, converted, derived, unsupported, mismatch)
    and the source sentence behind it.

    Example: briefing check seeds/kursk-north-korean-troops.txt draft.md --strict
    """
    with reported_errors():
        if source_file == "-" and claims_file == "-":
            raise InputError(
                "SOURCE and CLAIMS cannot both be - (stdin)", "Pass one of them as a file."
            )
        index = index_sources([read_text(source_file)])
        claims = read_text(claims_file, source_id="C1", wanted=CLAIMS_WANTED)
        checks = check_claim(claims.text, [], index)
        if as_json:
            typer.echo(json.dumps([c.model_dump(mode="json") for c in checks], indent=2))
        else:
            for number in checks:
                typer.echo(format_check(number))
        failed = sum(not number.supported for number in checks)
        if strict and failed:
            raise NumbersFailedError(
                f"{failed} of {len(checks)} numbers are not supported by the source",
                "Fix them, or rerun without --strict to only list them.",
            )


def read_text(path: str, *, source_id: str = "A1", wanted: str = ARTICLE_WANTED) -> Source:
    """Read a file or stdin the way `generate` reads an article."""
    return read_source(path, source_id=source_id, wanted=wanted)


def format_quantity(quantity: Quantity) -> str:
    """One line: where, as written, value and unit, kind, counted noun."""
    # A calendar year prints without a thousands separator; a span of years keeps its fraction.
    calendar_year = quantity.unit == "year" and quantity.kind == "date"
    shown = f"{quantity.value:.0f}" if calendar_year else _show_value(quantity.value)
    parts = [f"{quantity.sentence_id or '-'}", quantity.text, f"= {shown}"]
    if quantity.low is not None and quantity.high is not None:
        parts[-1] = f"= {_show_value(quantity.low)}..{_show_value(quantity.high)}"
    if quantity.unit:
        parts.append(quantity.unit)
    parts.append(f"[{quantity.kind}]")
    if quantity.approx:
        parts.append(f"({quantity.approx})")
    if quantity.noun:
        parts.append(f"of {quantity.noun}")
    return "  ".join(parts)


def format_check(number: NumberCheck) -> str:
    """One line: status, the number as written, the evidence (and arithmetic) behind it."""
    line = f"{number.status:<11}  {number.text}"
    if number.arithmetic:
        line += f"  [{number.arithmetic}]"
    if number.note and (number.evidence is None or not number.supported):
        line += f"  ({number.note})"  # why it fails: "said of something else", who said it
    if number.evidence is not None:
        line += f"  <- {number.evidence.sentence_id}: {_shorten(number.evidence.text)}"
    return line


def _shorten(text: str, width: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _show_value(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.6g}"
