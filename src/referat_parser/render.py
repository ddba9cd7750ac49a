"""Human view of parsed minutes for ``referat show`` (rich, imported only here).

Every value from a document is put in a :class:`~rich.text.Text`, never in a markup string:
a title such as ``[/bold]`` is shown as written, not read as rich markup. Long decision texts
are shortened at a word (``full`` shows them whole, with the case texts); items the parser saw
only in the table of contents are marked so, not as cut off. A reader that goes away
(``| head``) ends the command quietly (:class:`StdoutConsole`).
"""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from referat_parser.models import Minutes

OUTCOME_STYLE = {"approved": "green", "noted": "cyan", "discussed": "blue", "postponed": "yellow",
                 "rejected": "red", "recommended": "magenta", "other": "white"}


CUT = 400  # characters of a decision shown unless ``full``


def shorten(text: str, limit: int = CUT) -> str:
    """``text`` cut at the last word boundary before ``limit`` characters, with `` …`` (or whole)."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = max(cut.rfind(" "), cut.rfind("\n"))
    if space > limit // 2:  # a word boundary not too far back; else one very long "word"
        cut = cut[:space]
    return cut.rstrip(" ,;:-\n") + " …"


def _agenda_only(m: Minutes) -> set[int]:
    """Indexes of items known only from the table of contents: no body, on a contents line."""
    lines = {e.line for e in m.agenda if e.line is not None}
    return {k for k, it in enumerate(m.items)
            if not it.complete and not it.sections and it.span.start_line in lines}


class StdoutConsole(Console):
    """A console on stdout that lets a closed pipe (``referat show | head``) raise BrokenPipeError,
    so the command ends as ``cat`` does (141, quietly); rich's own handling exits with 1."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError


def render(m: Minutes, console: Console | None = None, *, full: bool = False) -> None:
    console = console or StdoutConsole()
    mt = m.meeting
    head = Table.grid(padding=(0, 2))
    for label, value in (
        ("Title", mt.title), ("Kind", m.kind), ("Body", mt.body), ("Date", mt.date),
        ("Time", " – ".join(t for t in (mt.start_time, mt.end_time) if t) or None),
        ("Location", mt.location), ("Chair", mt.chair),
        ("Minute takers", ", ".join(mt.minute_takers) or None),
    ):
        if value:
            head.add_row(Text(label, style="bold"), Text(str(value)))
    console.print(Panel(head, title="Meeting", expand=False))
    if m.participants:
        table = Table(title="Participants")
        for col in ("Name", "Title", "Organisation", "Status"):
            table.add_column(col)
        for p in m.participants:
            table.add_row(Text(p.name), Text(p.title or ""), Text(p.organisation or ""), Text(p.status))
        console.print(table)
    agenda_only = _agenda_only(m)
    shortened = False
    for k, item in enumerate(m.items):
        parts: list = []
        if item.duration_minutes:
            parts.append(Text(f"{item.duration_minutes} min.", style="dim"))
        if item.recommendation:
            parts.append(Text("Recommendation", style="bold"))
            parts.extend(Text(f"  • {c}") for c in item.recommendation.clauses)
        if full and item.case_description:
            parts.append(Text("Case", style="bold"))
            parts.append(Text(item.case_description))
        if item.decision:
            text = item.decision.text if full else shorten(item.decision.text)
            shortened = shortened or text != item.decision.text
            parts.append(Text.assemble(("Decision ", "bold"),
                                       (f"[{item.decision.outcome}]", OUTCOME_STYLE[item.decision.outcome])))
            parts.append(Text(text))
        if k in agenda_only:
            parts.append(Text("(only in the table of contents)", style="dim"))
        elif not item.complete:
            parts.append(Text("(cut off: the text ends inside this item)", style="yellow"))
        console.print(Panel(Group(*parts) if parts else Text(""), title=Text(f"{item.number or '–'}. {item.title}"),
                            title_align="left"))
    for d in m.diagnostics:
        console.print(Text(f"{d.level}: {d.code}: {d.message}" + (f" (line {d.line})" if d.line else ""),
                           style="yellow" if d.level != "info" else "dim"))
    if shortened:
        console.print(Text("Long decisions are shortened; referat show --full shows them whole.", style="dim"))
