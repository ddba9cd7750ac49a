"""What a person sees of a batch: a progress bar while it runs, a summary table at the end.

rich is imported here only, so scripts that never show a batch never pay for it. On a
terminal the bar shows files done / total, docs/s and the time left; off a terminal (a log,
a pipe) there is no bar, only the summary. Failures are plain lines (``referat: failed: …``),
printed above the bar as they happen.
"""

from __future__ import annotations

import sys
from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, Task, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from referat_parser.batch.work import Summary


class _Rate(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.0f} docs/s" if speed else "– docs/s", style="cyan")


class Bar:
    """A progress bar on stderr (total None: unknown), or nothing when ``enabled`` is false."""

    def __init__(self, total: int | None, enabled: bool, label: str = "referat batch") -> None:
        self.progress = None
        if enabled:
            self.progress = Progress(
                TextColumn(label, style="bold", markup=False), BarColumn(), MofNCompleteColumn(), _Rate(),
                TimeRemainingColumn(), console=Console(stderr=True), transient=True,
            )
            self.task = self.progress.add_task("batch", total=total)

    def __enter__(self) -> Bar:
        if self.progress:
            self.progress.start()
        return self

    def advance(self) -> None:
        if self.progress:
            self.progress.advance(self.task)

    def note(self, line: str) -> None:
        """A line on stderr, printed above the bar when there is one."""
        if self.progress:
            self.progress.console.print(Text(line), soft_wrap=True, highlight=False)
        else:
            sys.stderr.write(line + "\n")

    def __exit__(self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None) -> None:
        if self.progress:
            self.progress.stop()


def print_summary(s: Summary, console: Console | None = None) -> None:
    """The end-of-run table on stderr (each failure was printed as it happened)."""
    console = console or Console(stderr=True)
    title = "referat batch" + (" (interrupted)" if s.interrupted else "")
    if s.stopped:
        title += f" (stopped at the first failure; {s.stopped:,} not done)"
    t = Table(title=title, show_header=False)
    t.add_column(style="bold")
    t.add_column(justify="right")
    for label, value in (("files", s.files), ("parsed", s.parsed), ("failed", s.failed),
                         ("skipped (up to date)", s.skipped), ("items", s.items)):
        t.add_row(label, f"{value:,}")
    for outcome, n in sorted(s.outcomes.items(), key=lambda kv: -kv[1]):
        t.add_row(f"decisions: {outcome}", f"{n:,}")
    for code, n in sorted(s.diagnostics.items(), key=lambda kv: -kv[1]):
        t.add_row(f"warnings: {code}", f"{n:,}")
    t.add_row("elapsed", f"{s.elapsed:.2f} s")
    t.add_row("docs/s", f"{s.rate:,.1f}")
    console.print(t)
