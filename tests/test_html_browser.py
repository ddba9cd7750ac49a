"""`referat show --html` in a real browser: headless Chromium driven by Playwright.

Uses the system's Chromium (Debian's ``chromium`` package; ``.ci/run`` installs it) and never
lets Playwright download one. Skips, saying why, when Playwright or Chromium is missing, unless
REFERAT_REQUIRE_BROWSER is set (as .ci/run does once Chromium is installed): then it fails.
Screenshots go to tests/artifacts/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from referat_parser.html_view import load, render_page
from tests.conftest import FIXTURES, ROOT
from tests.test_html_view import PAYLOAD, hostile, seed_json

REQUIRED = bool(os.environ.get("REFERAT_REQUIRE_BROWSER"))  # set by .ci/run once Chromium is installed
if REQUIRED:
    import playwright.sync_api as sync_api
else:
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="Playwright is not installed (pip install -e '.[dev]')")

SEED = FIXTURES / "godstrup-fsg-2025-04-25.txt"
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def _chromium() -> str | None:
    for name in (os.environ.get("REFERAT_CHROMIUM"), "/usr/bin/chromium", "chromium", "chromium-browser",
                 "google-chrome"):
        if name and (found := shutil.which(name)):
            return found
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    exe = _chromium()
    if exe is None:
        if REQUIRED:
            pytest.fail("REFERAT_REQUIRE_BROWSER is set but no Chromium was found")
        pytest.skip("no Chromium found: apt-get install chromium (or set REFERAT_CHROMIUM to its path)")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Page:
    """One page opened from an HTML file, recording errors and every request it makes."""

    def __init__(self, browser: object, html: str, tmp_path: Path, name: str = "view.html") -> None:
        path = tmp_path / name
        path.write_text(html, encoding="utf-8")
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})  # type: ignore[attr-defined]
        self.page.set_default_timeout(60_000)  # a busy machine is slow, not broken
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(path.as_uri())

    def lines(self, cls: str) -> list[int]:
        return [int(x) for x in self.page.eval_on_selector_all(f"#lines .ln.{cls}", "els => els.map(e => e.dataset.n)")]

    def in_view(self, n: int) -> bool:
        """Whether source line n is scrolled into the visible part of the source pane."""
        return self.page.evaluate(
            """n => { const p = document.getElementById('lines').getBoundingClientRect();
                      const l = document.getElementById('L' + n).getBoundingClientRect();
                      return l.top >= p.top && l.bottom <= p.bottom; }""", n)

    def shot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        out = ARTIFACTS / name
        self.page.screenshot(path=str(out))
        return out


@pytest.fixture
def seed_page(browser: object, tmp_path: Path) -> Iterator[Page]:
    p = Page(browser, render_page(load(str(SEED))), tmp_path)
    yield p
    p.page.close()


def test_page_renders_every_item_and_every_source_line(seed_page: Page) -> None:
    page = seed_page.page
    assert page.locator("article.item").count() == 12
    assert page.locator("#lines .ln").count() == 236
    assert page.inner_text("#item-2 h3") == "Godkendelse af dagsorden"
    assert page.inner_text("#item-2 .item-head .badge") == "approved"
    assert page.locator("#participants tr.person").count() == 19
    assert seed_page.errors == []
    assert [u for u in seed_page.requests if not u.startswith("file:")] == []  # loads nothing from anywhere


def test_clicking_an_item_highlights_exactly_its_source_lines(seed_page: Page) -> None:
    items = load(str(SEED)).minutes.items
    for index in (2, 3, 12):
        span = items[index - 1].span
        seed_page.page.click(f"#item-{index} .item-head h3")
        assert seed_page.lines("sel") == list(range(span.start_line, span.end_line + 1)), f"item {index}"
        assert seed_page.in_view(span.start_line), f"item {index}: source not scrolled to line {span.start_line}"
    seed_page.page.click("#item-3 .item-head h3")  # "3. Sundhedsreformen …", lines 48-84
    assert seed_page.lines("sel") == list(range(48, 85))
    assert "Item 3 · lines 48–84" in seed_page.page.inner_text("#status")
    assert seed_page.shot("show-html-seed-item3.png").stat().st_size > 10_000
    seed_page.page.keyboard.press("Escape")
    assert seed_page.lines("sel") == []
    assert seed_page.errors == []


def test_clicking_a_field_highlights_its_section(seed_page: Page) -> None:
    seed_page.page.click("#item-2 .field.dec .label")  # "Beslutning" / "Godkendt. Dagsordenen …"
    assert seed_page.lines("sel") == [46, 47]
    seed_page.page.click("#item-2 ol.clauses li")  # "at | Faglig Strategisk gruppe godkender dagsordenen |"
    assert seed_page.lines("sel") == [43]


def test_hovering_a_participant_previews_their_line(seed_page: Page) -> None:
    seed_page.page.hover("#participants tr.person >> nth=3")  # Lotte Juncker, line 24
    assert seed_page.lines("hl") == [24]
    assert seed_page.lines("sel") == []  # hovering previews, it does not pick
    assert "Lotte Juncker · line 24" in seed_page.page.inner_text("#status")
    seed_page.page.hover("#item-12 .item-head h3")  # lines far below the source pane's view
    assert "out of view: click to scroll there" in seed_page.page.inner_text("#status")


def test_clicking_a_source_line_picks_what_was_read_from_it(seed_page: Page) -> None:
    seed_page.page.click("#L24 .tx")
    picked = seed_page.page.locator(".picked")
    assert picked.count() == 1
    assert picked.get_attribute("data-label") == "Lotte Juncker"
    assert seed_page.lines("sel") == [24]


def test_hostile_document_runs_no_injected_script(browser: object, tmp_path: Path) -> None:
    p = Page(browser, render_page(hostile()), tmp_path)
    assert p.page.inner_text("#item-1 h3") == PAYLOAD  # shown as the text it is
    p.page.click("#item-1 .item-head h3")
    assert p.lines("sel") == [2, 3, 4]
    assert p.dialogs == [] and p.errors == []


def test_page_without_source_still_shows_the_structure(browser: object, tmp_path: Path) -> None:
    loaded = load(str(seed_json(tmp_path, str(tmp_path / "gone.txt"))))
    p = Page(browser, render_page(loaded), tmp_path)
    assert p.page.locator("#src").count() == 0
    assert p.page.locator("article.item").count() == 12
    assert "cannot be shown" in p.page.inner_text(".note")
    p.page.click("#item-2 .item-head h3")  # nothing to highlight, and nothing breaks
    assert p.page.locator("#item-2.picked").count() == 1
    p.shot("show-html-no-source.png")
    assert p.errors == []
