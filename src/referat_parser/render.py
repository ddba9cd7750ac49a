"""Human view of parsed minutes for ``referat show`` (rich, imported only here)."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from referat_parser.models import Minutes

OUTCOME_STYLE = {"approved": "green", "noted": "cyan", "discussed": "blue", "postponed": "yellow",
                 "rejected": "red", "recommended": "magenta", "other": "white"}


def render(m: Minutes, console: Console | None = None) -> None:
    console = console or Console()
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
            table.add_row(p.name, p.title or "", p.organisation or "", p.status)
        console.print(table)
    for item in m.items:
        parts: list = []
        if item.duration_minutes:
            parts.append(Text(f"{item.duration_minutes} min.", style="dim"))
        if item.recommendation:
            parts.append(Text("Recommendation", style="bold"))
            parts.extend(Text(f"  • {c}") for c in item.recommendation.clauses)
        if item.decision:
            text = item.decision.text if len(item.decision.text) < 400 else item.decision.text[:400] + " …"
            parts.append(Text.assemble(("Decision ", "bold"),
                                       (f"[{item.decision.outcome}]", OUTCOME_STYLE[item.decision.outcome])))
            parts.append(Text(text))
        if not item.complete:
            parts.append(Text("(cut off)", style="yellow"))
        console.print(Panel(Group(*parts) if parts else Text(""), title=f"{item.number or '–'}. {item.title}",
                            title_align="left"))
    for d in m.diagnostics:
        console.print(Text(f"{d.level}: {d.code}: {d.message}" + (f" (line {d.line})" if d.line else ""),
                           style="yellow" if d.level != "info" else "dim"))
