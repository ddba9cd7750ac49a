"""The output contract as pydantic v2 models: the last stage of the pipeline.

These models ARE the JSON shape other systems import (``spec/output-contract.md``,
schema_version "1"). Field names of the contract are fixed; fields beyond it are
additions. ``referat schema`` prints the JSON Schema generated from these classes, so
every description here is also documentation for importers.

The contract is closed and means what it says: every field of the contract is **required**
(present, though it may be ``null`` where the contract allows), unknown keys are refused,
dates are real ISO dates, times ``HH:MM``, and kinds, outcomes, statuses, levels and
diagnostic codes are enums. The fields added beyond the contract (``source.pages``,
``source.tables``, ``source.chrome_removed``, ``source.parser_version``, ``meeting.span``,
``participant.party``/``line``, ``agenda.duration_minutes``/``line``, ``item.complete``,
``decision.heading``/``body``/``date``) may be absent: JSON written before they were added
stays valid. The tool itself always writes every field.
"""

from __future__ import annotations

from datetime import date as _date
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    SerializationInfo,
    SerializerFunctionWrapHandler,
    model_serializer,
)

SCHEMA_VERSION = "1"

Outcome = Literal["approved", "noted", "discussed", "postponed", "rejected", "recommended", "other"]
SectionKind = Literal["recommendation", "case", "decision", "attachments", "summary", "other"]
Status = Literal["present", "absent", "guest"]
Level = Literal["info", "warning", "error"]
DiagnosticCode = Literal[
    # what the reader repaired (level info), first
    "nul-bytes-dropped", "encoding-repaired", "markup-residue", "html-flattened",
    "nul-line-breaks", "terminal-codes-dropped", "byte-order-mark-ignored", "markdown-timeout",
    # what the parser noticed
    "no-items", "truncated", "item-only-in-agenda", "numbering-gap", "item-without-decision",
    "unrecognised-heading", "regex-timeout",
    # which reading of the document's structure was chosen, and how close the runner-up came
    "structure-chosen", "structure-uncertain",
    # how the header's weighed fields (date, place, body) were chosen, where there was a choice
    "header-chosen",
]


def _real_date(value: str) -> str:
    _date.fromisoformat(value)  # the pattern admits 2025-02-30; a real date does not
    return value


IsoDate = Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}$", json_schema_extra={"format": "date"}),
                    AfterValidator(_real_date)]
ClockTime = Annotated[str, Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


_PAGE_FIELDS = ("page_start", "page_end")


class Span(_Model):
    """Lines of the input text a value came from: 1-based, inclusive; and, for a paged input (PDF, a Word
    file that records its page breaks), the pages those lines are on."""

    start_line: int = Field(ge=1)
    end_line: int = Field(ge=1)
    page_start: int | None = Field(None, ge=1, description="Page (1-based) of the span's first line, in a paged "
                                   "input; absent (not null) in the output of an input without pages.")
    page_end: int | None = Field(None, ge=1, description="Page (1-based) of the span's last line, in a paged "
                                 "input; absent (not null) in the output of an input without pages.")

    # Absent rather than null when unknown: the output of a text input stays what it was before pages existed.
    @model_serializer(mode="wrap")
    def _omit_unknown_pages(self, handler: SerializerFunctionWrapHandler, info: SerializationInfo) -> dict:
        data = handler(self)
        for name in _PAGE_FIELDS:
            if data.get(name, 0) is None:
                del data[name]
        return data


class Source(_Model):
    """Where the text came from."""

    path: str | None = Field(description="The input path as given, or null for stdin.")
    sha256: str | None = Field(pattern="^[0-9a-f]{64}$", description="SHA-256 of the input bytes (hex).")
    media_type: str = Field(description="text/plain, text/html, application/pdf, …")
    encoding: str | None = Field(description="Detected encoding of a text input, else null.")
    chars: int = Field(ge=0, description="Characters in the decoded text.")
    lines: int = Field(ge=0, description="Lines in the decoded text.")
    pages: int | None = Field(None, ge=0, description="Pages of a paged input (PDF), else null.")
    tables: int | None = Field(None, ge=0, description="Tables the reader found and read as rows with their cells "
                               "kept apart (Word, OpenDocument, HTML; PDF: pages with a table), else null.")
    chrome_removed: int | None = Field(
        None, ge=0, description="Page chrome the reader removed: lines of running headers, footers and page numbers "
        "(PDF); navigation, banners, toolbars of print/download links, page footers, as elements (HTML). "
        "Null where the body holds none (text; Word and OpenDocument keep headers and footers apart).")
    parser_version: str | None = Field(None, description="Version of referat-parser that wrote this.")


class Meeting(_Model):
    """The meeting the minutes record."""

    title: str | None = Field(description="The document's title line.")
    body: str | None = Field(description="The committee / forum / board that met.")
    number: str | None = Field(description='Meeting number, e.g. "6" for "6. møde i …".')
    date: IsoDate | None = Field(description="ISO 8601 date of the meeting.")
    start_time: ClockTime | None = Field(description="HH:MM, 24 h.")
    end_time: ClockTime | None = Field(description="HH:MM, 24 h.")
    location: str | None = Field(description="Where the meeting took place, as written.")
    chair: str | None = Field(description="Name of the chair / ordstyrer / mødeleder if stated.")
    minute_takers: list[str] = Field(description="Names under Referent.")
    span: Span | None = Field(None, description="Lines of the meeting header.")


class Participant(_Model):
    """A person listed as present, absent or guest."""

    name: str
    title: str | None = Field(description='Job title or role word, e.g. "direktør".')
    organisation: str | None
    party: str | None = Field(None, description='Party letter as printed, e.g. "A" for "(A)".')
    note: str | None = Field(description='Anything else on the line, e.g. "sekretariat".')
    status: Status
    line: int | None = Field(None, description="Input line the person was read from.")


class AgendaEntry(_Model):
    """One line of the printed table of contents."""

    number: str
    title: str
    duration_minutes: int | None = None
    line: int | None = None


class Recommendation(_Model):
    """The recommendation: Det indstilles / Indstilling / X indstiller, at …"""

    text: str
    clauses: list[str] = Field(
        description='One per at-clause or numbered point, without the leading "at" / "1.".',
    )


class Decision(_Model):
    """What was decided: Beslutning / Referat / Beslutning i X den …"""

    text: str
    outcome: Outcome = Field(description="First explicit verdict in the text; 'other' if none.")
    heading: str | None = Field(None, description="The heading the decision stood under.")
    body: str | None = Field(None, description="Body named in the heading (Beslutning i X …).")
    date: IsoDate | None = Field(None, description="ISO date named in the heading, if any.")


class Section(_Model):
    """A sub-section of an item, recognised or not."""

    kind: SectionKind
    heading: str | None
    text: str
    span: Span


class Item(_Model):
    """One agenda item (dagsordenspunkt)."""

    number: str | None = Field(description='Digits as printed ("Pkt. 15" -> "15").')
    title: str
    duration_minutes: int | None
    recommendation: Recommendation | None
    case_description: str | None
    decision: Decision | None
    attachments: list[str]
    sections: list[Section]
    complete: bool = Field(True, description="False if the text ends inside this item.")
    span: Span


class Diagnostic(_Model):
    """Something the parser noticed but could not resolve. Never an exception."""

    level: Level
    code: DiagnosticCode
    message: str
    line: int | None


class Minutes(_Model):
    """A parsed set of Danish meeting minutes (or an agenda)."""

    schema_version: Literal["1"]
    source: Source
    kind: Literal["referat", "dagsorden"] | None
    meeting: Meeting
    participants: list[Participant]
    agenda: list[AgendaEntry]
    items: list[Item]
    diagnostics: list[Diagnostic]


def json_schema() -> dict:
    """The published JSON Schema of the output."""
    schema = Minutes.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "referat-parser output (schema_version 1)"
    return schema
