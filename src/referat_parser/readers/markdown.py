"""Reader for Markdown (``.md``): markup -> plain text, every line at its input line number.

Markdown is parsed with markdown-it-py (CommonMark plus tables), not stripped by patterns:
headings lose their ``#``, emphasis and code marks go, links and images keep their text,
list items keep their number ("1." / "2)") or become "- " bullets, table rows become
``cell | cell`` lines, task-list boxes become presence (``[x] Name`` -> ``Name``;
``[ ] Name`` -> ``Name (ikke til stede)``, so that a later stage sees who did not attend; an
unticked to-do that is no name only loses its box).
Jekyll front matter is dropped except its ``title``; Liquid tags (``{{ … }}``, ``{% … %}``)
are template code, not text.

Each output line stands where its source line stood, so spans computed on the text point
at the Markdown file's own lines.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from referat_parser import patterns as P
from referat_parser.vocabulary import UNTICKED_NOTE

if TYPE_CHECKING:
    from markdown_it.token import Token

MEDIA_TYPE = "text/markdown"


def _front_matter(lines: list[str]) -> int:
    """Lines taken by a YAML front matter block ("---" … "---" at the top), else 0."""
    if not lines or lines[0].strip() != "---":
        return 0
    for n, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            return n + 1
    return 0


def _inline_lines(tok: Token) -> list[str]:
    """The text of an inline token, one string per source line (soft and hard breaks split)."""
    out = [""]
    for child in tok.children or []:
        if child.type in ("softbreak", "hardbreak"):
            out.append("")
        elif child.type in ("text", "code_inline"):
            out[-1] += child.content
        elif child.type == "image":
            out[-1] += child.content  # the alt text
    return out


def _task(text: str) -> str:
    """"[x] Name" -> "Name"; "[ ] Name" / "[] Name" -> "Name (ikke til stede)"; else unchanged."""
    m = P.TASK_BOX.match(text)
    if not m:
        return text
    rest = text[m.end() :].strip()
    if not rest or m.group("mark").strip():
        return rest
    # An unticked box before a name: that person did not attend. Before anything else (a
    # to-do such as "[ ] Referat godkendt") the box is only dropped: no words are added.
    words = rest.replace(",", " ").split()[:2]
    if len(words) == 2 and all(P.name_token(w) for w in words):
        return f"{rest} ({UNTICKED_NOTE})"
    return rest


# Distinct kinds of Markdown syntax a text must show to be read as Markdown: one or two occur
# in plain minutes too (bold residue and a table rule in a Word export), three do not.
MARKDOWN_SIGNS_NEEDED = 3


def looks_like_markdown(text: str) -> bool:
    """Whether a text file (no ``.md`` name) is Markdown, judged on its first 200 KB."""
    head = text[:200_000]
    return sum(1 for rx in P.MARKDOWN_SIGNS.values() if rx.search(head)) >= MARKDOWN_SIGNS_NEEDED


def markdown_to_text(source: str) -> str:
    """Plain text of a Markdown document with its line structure kept."""
    src_lines = source.split("\n")
    out = [""] * len(src_lines)
    skip = _front_matter(src_lines)
    for n in range(skip):
        m = P.FRONT_MATTER_TITLE.match(src_lines[n])
        if m:
            out[n] = m.group("title").strip().strip("'\"")
    body = "\n" * skip + "\n".join(src_lines[skip:])
    body = P.LIQUID.sub("", body)
    # Imported here, not at the top: every text file is asked looks_like_markdown(), few are Markdown.
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    tokens = md.parse(body)

    lists: list[tuple[bool, str]] = []  # (ordered, closing mark) per open list
    prefix = ""  # the marker of a list item, for its first line
    row: list[str] = []
    row_line = 0
    for k, tok in enumerate(tokens):
        t = tok.type
        if t in ("ordered_list_open", "bullet_list_open"):
            lists.append((t == "ordered_list_open", tok.markup[-1:] if tok.markup else "."))
        elif t in ("ordered_list_close", "bullet_list_close"):
            lists.pop()
        elif t == "list_item_open":
            ordered, mark = lists[-1] if lists else (False, "")
            prefix = f"{tok.info}{mark} " if ordered and tok.info else "- "
            if ordered and len(lists) > 1:
                prefix = f"- {prefix}"  # a nested numbered list is a sub-list, not the agenda's numbering
        elif t == "tr_open":
            row, row_line = [], tok.map[0] if tok.map else 0
        elif t == "tr_close":
            if any(c.strip() for c in row):
                out[row_line] = " | ".join(c.strip() for c in row)
        elif t == "inline":
            pieces = _inline_lines(tok)
            if tok.map is None:
                continue
            if k and tokens[k - 1].type in ("th_open", "td_open"):
                row.append(" ".join(pieces))
                continue
            start = tok.map[0]
            for i, piece in enumerate(pieces):
                line = start + i
                if line >= len(out):
                    break
                text = piece.strip()
                if i == 0 and prefix:
                    text = _task(text)
                    text = f"{prefix}{text}" if text else ""
                    prefix = ""
                out[line] = text
        elif t in ("fence", "code_block", "html_block") and tok.map:
            for i, piece in enumerate(tok.content.split("\n")):
                line = tok.map[0] + i + (1 if t == "fence" else 0)
                if line < len(out) and piece.strip():
                    out[line] = piece
    return "\n".join(out)

