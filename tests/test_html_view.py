"""`referat show --html` without a browser: loading (minutes or JSON), escaping, spans in the page.

The browser half (rendering, clicking, screenshots) is tests/test_html_browser.py.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from referat_parser import records as R
from referat_parser.cli import app
from referat_parser.errors import InputError
from referat_parser.html_view import Loaded, load, render_page, write_html
from referat_parser.html_view.load import split_lines
from referat_parser.models import (
    Decision,
    Diagnostic,
    Item,
    Meeting,
    Minutes,
    Participant,
    Recommendation,
    Section,
    Source,
    Span,
)
from tests.conftest import FIXTURES

SEED = FIXTURES / "godstrup-fsg-2025-04-25.txt"
runner = CliRunner()


class _Tags(HTMLParser):
    """Every start tag of a page, with its attributes, as a browser's tokenizer sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.script = ""
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.script += data


def tags(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    parser.close()
    return parser


def seed_json(tmp_path: Path, path: str | None) -> Path:
    """The seed's JSON as ``parse -o`` writes it, with ``source.path`` set to ``path``."""
    m = load(str(SEED)).minutes
    out = tmp_path / "seed.json"
    out.write_text(m.model_copy(update={"source": m.source.model_copy(update={"path": path})}).model_dump_json())
    return out


# ------------------------------------------------------------------ escaping


def meeting(**fields: object) -> Meeting:
    """A meeting with every field the contract requires, and ``fields`` over them."""
    return Meeting(**{**R.meeting(), **fields})


def minutes(**fields: object) -> Minutes:
    """A document with every field the contract requires, and ``fields`` over them."""
    return Minutes(**{**R.minutes(source=R.source(), meeting=R.meeting()), **fields})


PAYLOAD = '<script>alert(1)</script><img src=x onerror=alert(2)> " \' & [bold red]rich[/bold red] </div>'


def hostile() -> Loaded:
    """A document whose every text field is markup, as a JSON from elsewhere may hold."""
    span = Span(start_line=2, end_line=4)
    item = Item(
        number="1", title=PAYLOAD, span=span, complete=False, duration_minutes=None,
        recommendation=Recommendation(text=PAYLOAD, clauses=[PAYLOAD]),
        case_description=PAYLOAD, attachments=[PAYLOAD],
        decision=Decision(text=PAYLOAD, outcome="approved", heading=PAYLOAD, body=PAYLOAD),
        sections=[Section(kind="other", heading=PAYLOAD, text=PAYLOAD, span=span)],
    )
    m = minutes(
        source=Source(**{**R.source(), "path": PAYLOAD}), kind="referat",
        meeting=meeting(title=PAYLOAD, body=PAYLOAD, location=PAYLOAD, chair=PAYLOAD, minute_takers=[PAYLOAD],
                        span=Span(start_line=1, end_line=1)),
        participants=[Participant(name=PAYLOAD, title=PAYLOAD, organisation=PAYLOAD, note=PAYLOAD, line=3,
                                  status="present")],
        items=[item],
        diagnostics=[Diagnostic(level="warning", code="truncated", message=PAYLOAD, line=4)],
    )
    return Loaded(m, "\n".join([PAYLOAD] * 5))


def test_markup_in_every_field_is_shown_as_text_never_as_markup() -> None:
    page = render_page(hostile())
    parsed = tags(page)
    names = {t for t, _ in parsed.tags}
    assert "img" not in names
    assert [t for t, _ in parsed.tags].count("script") == 1  # the page's own script only
    assert not [a for _, attrs in parsed.tags for a in attrs if a.startswith("on")]  # no event-handler attribute
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "[bold red]rich[/bold red]" in page  # rich markup is text here, not styling
    labels = [attrs["data-label"] for _, attrs in parsed.tags if "data-label" in attrs]
    assert PAYLOAD in labels  # quotes inside an attribute value did not end it


def test_source_lines_with_control_characters_are_visible_not_raw() -> None:
    m = minutes(items=[])
    page = render_page(Loaded(m, "a\x0cb\x00c\x1bd"))
    assert "a␌b␀c␛d" in page
    assert "\x00" not in page and "\x1b" not in page


def test_lone_surrogate_does_not_stop_the_page() -> None:
    page = render_page(Loaded(minutes(meeting=meeting(title="x\udcffy")), "x\udcffy"))
    page.encode("utf-8")  # would raise on a surrogate


# ------------------------------------------------------------------ self-contained


def test_page_loads_nothing_and_runs_only_its_own_script() -> None:
    page = render_page(load(str(SEED)))
    parsed = tags(page)
    assert not [a for _, attrs in parsed.tags for a in attrs if a in ("src", "href", "srcset", "action")]
    assert "http://" not in page and "https://" not in page
    csp = next(attrs["content"] for t, attrs in parsed.tags if t == "meta" and attrs.get("http-equiv"))
    assert csp is not None and "default-src 'none'" in csp
    digest = base64.b64encode(hashlib.sha256(parsed.script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp  # the inline script is allowed by hash, nothing else


# ------------------------------------------------------------------ spans in the page


def test_each_item_points_at_its_span() -> None:
    loaded = load(str(SEED))
    cards = [attrs for t, attrs in tags(render_page(loaded)).tags if t == "article"]
    assert [c["data-lines"] for c in cards] == [
        f"{it.span.start_line}-{it.span.end_line}" for it in loaded.minutes.items]
    assert cards[1]["data-lines"] == "41-47"  # "2. Godkendelse af dagsorden" … "Godkendt. Dagsordenen …"


def test_source_pane_numbers_lines_as_the_parser_does() -> None:
    loaded = load(str(SEED))
    lines = [attrs for t, attrs in tags(render_page(loaded)).tags if t == "div" and "ln" in attrs.get("class", "")]
    assert len(lines) == loaded.minutes.source.lines == 236
    assert lines[0]["data-n"] == "1" and lines[-1]["data-n"] == "236"
    assert split_lines("a\r\nb\rc\n") == ["a", "b", "c"]
    assert split_lines("a\n\n") == ["a", ""]


def test_meeting_facts_point_at_the_line_that_states_them() -> None:
    # seed lines 1-4: title; "- Udvalg: Faglig strategisk gruppe …"; "- Mødedato: … kl. 08:30"; "- Mødested: R022, …"
    facts = {attrs["data-label"]: attrs["data-lines"] for t, attrs in tags(render_page(load(str(SEED)))).tags
             if "fact" in attrs.get("class", "").split()}
    assert facts["Title"] == "1-1"
    assert facts["Body"] == "2-2"  # the Udvalg line, not the title that also names the body
    assert facts["Time"] == "3-3"
    assert facts["Location"] == "4-4"
    assert facts["Date"] == "1-5"  # "25. april, 2025" is not written as 2025-04-25: the header span


def test_clause_spread_over_two_lines_points_at_both(tmp_path: Path) -> None:
    text = ("Referat af møde i Teknik- og Miljøudvalget\nDato: 3. marts 2024\n\n1. Cykelsti\nIndstilling\n"
            "Forvaltningen indstiller, at\n1. projektet godkendes\n2. der frigives en bevilling på 2,5 mio. kr. til\n"
            "   cykelstien langs Åvej\nBeslutning\nGodkendt.\n")
    src = tmp_path / "m.txt"
    src.write_text(text, encoding="utf-8")
    clauses = {attrs["data-label"]: attrs["data-lines"] for t, attrs in tags(render_page(load(str(src)))).tags
               if t == "li" and "clause" in attrs.get("data-label", "")}
    assert clauses["Item 1: clause 1"] == "7-7"  # "1. projektet godkendes" ("… indstiller, at" is no clause)
    assert clauses["Item 1: clause 2"] == "8-9"  # "2. der frigives …" and its continuation


# ------------------------------------------------------------------ JSON input


def test_json_input_reads_source_from_recorded_path(tmp_path: Path) -> None:
    loaded = load(str(seed_json(tmp_path, str(SEED))))
    assert loaded.from_json and loaded.notes == ()
    assert loaded.text == SEED.read_text(encoding="utf-8")
    assert 'id="src"' in render_page(loaded)


def test_json_input_finds_relative_source_beside_the_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "out").mkdir()
    shutil.copy(SEED, tmp_path / "out" / "minutes.txt")
    path = seed_json(tmp_path / "out", "minutes.txt")
    monkeypatch.chdir(tmp_path)  # "minutes.txt" is not here, but beside the JSON
    loaded = load(str(path))
    assert loaded.text is not None and loaded.notes == ()


def test_json_input_with_missing_source_shows_structure_without_pane(tmp_path: Path) -> None:
    loaded = load(str(seed_json(tmp_path, str(tmp_path / "gone.txt"))))
    assert loaded.text is None
    assert "not found" in loaded.notes[0]
    page = render_page(loaded)
    assert 'id="src"' not in page and 'class="no-src"' in page
    assert "not found, so the source text cannot be shown" in page
    assert page.count("<article") == 12  # the structure is all there


def test_json_parsed_from_stdin_says_it_has_no_source(tmp_path: Path) -> None:
    loaded = load(str(seed_json(tmp_path, None)))
    assert loaded.text is None and "standard input" in loaded.notes[0]


def test_json_whose_source_changed_warns_that_lines_may_be_off(tmp_path: Path) -> None:
    src = tmp_path / "m.txt"
    shutil.copy(SEED, src)
    path = seed_json(tmp_path, str(src))
    src.write_text("Ny første linje\n" + SEED.read_text(encoding="utf-8"), encoding="utf-8")
    # Not the file that was parsed: shown only when the user names it (issue 24: a JSON may
    # record any path), then with the warning.
    loaded = load(str(path))
    assert loaded.text is None and "is not the file that was parsed" in loaded.notes[0]
    loaded = load(str(path), source=src)
    assert loaded.text is not None
    assert any("has changed since it was parsed" in n for n in loaded.notes)
    assert any("237 lines, not the 236" in n for n in loaded.notes)


def test_invalid_referat_json_is_an_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({**R.minutes(source=R.source(), meeting=R.meeting()), "items": [{"title": 3}]}))
    with pytest.raises(InputError, match=r"referat-parser JSON but invalid: .*items\.0\."):
        load(str(bad))


def test_jsonl_is_refused_with_a_hint(tmp_path: Path) -> None:
    doc = seed_json(tmp_path, None).read_text()
    many = tmp_path / "all.jsonl"
    many.write_text(doc + "\n" + doc + "\n")
    with pytest.raises(InputError, match="JSONL"):
        load(str(many))


def test_other_json_is_read_as_minutes_text(tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    other.write_text('{"hello": "world"}\n')
    loaded = load(str(other))
    assert not loaded.from_json and loaded.text == '{"hello": "world"}\n'


# ------------------------------------------------------------------ CLI and writing


def test_cli_show_html_writes_the_page(tmp_path: Path) -> None:
    out = tmp_path / "view.html"
    r = runner.invoke(app, ["show", str(SEED), "--html", str(out)])
    assert r.exit_code == 0, r.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "Godkendelse af dagsorden" in page
    assert [p.name for p in tmp_path.iterdir()] == ["view.html"]  # no temp file left beside it


def test_cli_show_html_from_json(tmp_path: Path) -> None:
    out = tmp_path / "view.html"
    r = runner.invoke(app, ["show", str(seed_json(tmp_path, str(SEED))), "--html", str(out)])
    assert r.exit_code == 0, r.output
    assert "from its JSON" in out.read_text(encoding="utf-8")


def test_cli_show_html_into_missing_folder_makes_it(tmp_path: Path) -> None:
    r = runner.invoke(app, ["show", str(SEED), "--html", str(tmp_path / "no" / "view.html")])
    assert r.exit_code == 0, r.stderr  # every output makes its missing folders (one output rule)
    assert (tmp_path / "no" / "view.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_cli_show_html_into_a_file_where_a_folder_must_be_is_one_error_line(tmp_path: Path) -> None:
    (tmp_path / "no").write_text("a file")
    r = runner.invoke(app, ["show", str(SEED), "--html", str(tmp_path / "no" / "view.html")])
    assert r.exit_code == 1
    assert re.fullmatch(r"referat: error: cannot write .*view\.html: .*\n", r.stderr)


def test_failed_write_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "view.html"

    def disk_full(self: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("referat_parser.io_utils.AtomicFile.commit", disk_full)
    with pytest.raises(InputError, match=r"cannot write .*No space left on device"):
        write_html(str(SEED), out)
    assert list(tmp_path.iterdir()) == []  # neither the page nor its temporary file


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_binary_minutes_show_the_text_the_spans_count(tmp_path: Path, seed_text: str, suffix: str) -> None:
    from tests.test_formats import make_docx, make_pdf

    src = tmp_path / f"minutes{suffix}"
    src.write_bytes(make_pdf(seed_text) if suffix == ".pdf" else make_docx(seed_text))
    direct = load(str(src))
    assert direct.text is not None and len(split_lines(direct.text)) == direct.minutes.source.lines
    title = next(i for i in direct.minutes.items if i.title == "Godkendelse af dagsorden")
    first = split_lines(direct.text)[title.span.start_line - 1]
    assert "Godkendelse af dagsorden" in first  # the item's first line in the pane is its heading
    out = tmp_path / "minutes.json"
    out.write_text(direct.minutes.model_dump_json())
    again = load(str(out))  # the JSON's media type picks the reader again: same text, no warning
    assert again.text == direct.text and again.notes == ()


def test_cli_show_html_from_stdin(tmp_path: Path) -> None:
    out = tmp_path / "view.html"
    r = runner.invoke(app, ["show", "-", "--html", str(out)], input=SEED.read_bytes())
    assert r.exit_code == 0, r.output
    page = out.read_text(encoding="utf-8")
    assert page.count('class="ln ') == 236 and "standard input" in page


def test_span_past_the_end_of_the_source_is_cut_to_it() -> None:
    item = Item(**R.item("1", "x", span=R.span(2, 10**12)))
    loaded = Loaded(minutes(items=[item], meeting=meeting(span=Span(start_line=1, end_line=10**12))), "a\nb\nc")
    page = render_page(loaded)  # returns at once: no loop over a trillion lines
    assert page.count('class="ln ') == 3
    assert 'data-lines="2-1000000000000"' in page  # the claim is shown as made; the script stops at the last line
