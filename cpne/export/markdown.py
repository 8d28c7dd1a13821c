"""Record content made safe for GitHub-flavoured Markdown, and Mermaid charts.

Record content is data: whatever a title or a summary holds, it comes out as
written and cannot change the structure of the document around it.

- :func:`inline` — text for one line (table cell, heading, list item, sentence):
  characters that Markdown would read as syntax are backslash-escaped, ``|`` too
  (GitHub's tables split on it, even inside code spans), line breaks become
  ``<br>``, and what would start a block at the beginning of a line (``#``,
  ``-``, ``1.``, ``>``, indentation) is neutralised.
- :func:`paragraphs` — plain text of several paragraphs (a summary, a note):
  blank lines separate paragraphs, single line breaks are kept as ``<br>``.
- :func:`body` — an opinion's ``body``, which *is* Markdown: kept as written,
  except that its headings are moved under the section that holds it (and made
  distinct from the document's own), and a fenced code block, HTML comment or
  similar block left open at its end is closed, so that it cannot swallow the
  rest of the document.
- :func:`mermaid_pie`, :func:`mermaid_bars` — charts GitHub and GitLab draw.

Pairs of ``*``, ``_``, ``~``, `````, ``$`` are escaped only when a text holds two
or more of them (one alone cannot open and close emphasis, code or maths), so
that a title such as ``{{ 7*7 }}`` keeps its bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

_ALWAYS = {"\\": "\\\\", "<": "\\<", ">": "\\>", "[": "\\[", "]": "\\]", "|": "\\|", "#": "\\#"}
_PAIRED = "*_~`$"
_ENTITY_RE = re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
_ORDERED_RE = re.compile(r"^([0-9]{1,9})([.)])(?=[ \t]|$)")
_BULLET_RE = re.compile(r"^[-+*](?=[ \t]|$)")
# Text without any of these characters, and not starting with a digit, needs no escaping (the common case).
_PLAIN_RE = re.compile(r"[\\<>\[\]|#*_~`$&\n\r+=-]|^[0-9 \t\f\v]|[ \t\f\v]$")
_RULE_RE = re.compile(r"^(?:[-=]+|([-*_])[ \t]*(?:\1[ \t]*){2,})[ \t]*$")


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _table(text: str) -> dict[str, str]:
    """What to escape in ``text``: the always-escaped characters, and the paired ones that occur twice or more.

    Decided on the whole text, since emphasis and code spans can run across line breaks.
    """
    table = _ALWAYS
    for char in _PAIRED:
        if char in text and text.count(char) >= 2:
            if table is _ALWAYS:
                table = dict(_ALWAYS)
            table[char] = "\\" + char
    return table


def _escape_chars(text: str, table: dict[str, str]) -> str:
    out = "".join(table.get(c, c) for c in text) if any(c in table for c in text) else text
    if "&" in out:
        out = _ENTITY_RE.sub("\\\\&", out)
    return out


def _escape_line(line: str, table: dict[str, str], *, strip: bool = False) -> str:
    """One line of plain text, escaped, safe even at the start of a Markdown line.

    Outer whitespace is stripped (``strip``) or reduced to one space, so that it
    can neither indent a code block nor make a hard line break.
    """
    core = line.strip(" \t\f\v")
    if not core:
        return "" if strip or not line else " "
    lead = "" if strip or core[0] == line[0] else " "
    trail = "" if strip or core[-1] == line[-1] else " "
    core = _escape_chars(core, table)
    if _BULLET_RE.match(core) or _RULE_RE.match(core):
        return lead + "\\" + core + trail
    return lead + _ORDERED_RE.sub(r"\1\\\2", core, count=1) + trail


@lru_cache(maxsize=1 << 16)
def inline(text: str) -> str:
    """Plain text as one line of Markdown, rendered exactly as written (line breaks as ``<br>``)."""
    if not _PLAIN_RE.search(text):
        return text
    table = _table(text)
    if "\n" not in text and "\r" not in text:
        return _escape_line(text, table)
    lines = _newlines(text).strip("\n").split("\n")
    return "<br>".join(_escape_line(line, table) for line in lines)


def heading(text: str) -> str:
    """Plain text as the content of a heading: one line, line breaks as spaces."""
    return _escape_line(" ".join(p.strip() for p in _newlines(text).split("\n") if p.strip()), _table(text), strip=True)


def paragraphs(text: str) -> str:
    """Plain text of one or more paragraphs; blank lines separate them, line breaks are kept."""
    out: list[str] = []
    current: list[str] = []
    table = _table(text)
    for line in _newlines(text).split("\n"):
        if line.strip():
            current.append(_escape_line(line, table, strip=True))
        elif current:
            out.append("<br>\n".join(current))
            current = []
    if current:
        out.append("<br>\n".join(current))
    return "\n\n".join(out)


_URL_UNSAFE = {c: f"%{ord(c):02X}" for c in ' <>|\\"`'}


def _safe_url(url: str) -> str:
    """A web address with what could end or break a Markdown link percent-encoded."""
    url = "".join(c for c in url.strip() if c >= " " and c != "\x7f")
    return "".join(_URL_UNSAFE.get(c, c) for c in url)


def link(text: str, url: str) -> str:
    """A link whose text is escaped and whose address cannot end early (``<...>`` destination)."""
    return f"[{heading(text)}](<{_safe_url(url)}>)"


def autolink(url: str) -> str:
    """A web address shown as itself and clickable (``<https://...>``)."""
    return f"<{_safe_url(url)}>" if url.strip() else ""


# --- an opinion's Markdown body -------------------------------------------------------------

_FENCE_CLOSE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})[ \t]*$")
_HTML_ENDS = (
    (re.compile(r"^ {0,3}<(script|pre|style|textarea)(?=[\s>]|$)", re.IGNORECASE), None),
    (re.compile(r"^ {0,3}<!--"), "-->"),
    (re.compile(r"^ {0,3}<\?"), "?>"),
    (re.compile(r"^ {0,3}<!\[CDATA\["), "]]>"),
    (re.compile(r"^ {0,3}<![A-Za-z]"), ">"),
)


def body(text: str, *, top_level: int = 3, reserved: Iterable[str] = ()) -> str:
    """An opinion's Markdown ``body`` placed inside a document section.

    Headings (outside lists and quotes) are shifted so the body's highest level
    becomes ``top_level`` (at most 6), and a heading whose text is already used
    (in ``reserved`` or earlier in the body) gets a number: ``Contexte (2)``.
    A fenced block or an HTML block of the comment/``<pre>`` kind left open at the
    end is closed. Everything else is kept byte for byte.
    """
    from markdown_it import MarkdownIt

    source = _newlines(text).strip("\n")
    if not source.strip():
        return ""
    lines = source.split("\n")
    tokens = MarkdownIt("commonmark").enable("table").parse(source + "\n")
    headings = [
        (i, token) for i, token in enumerate(tokens) if token.type == "heading_open" and token.level == 0 and token.map
    ]
    replace: dict[int, tuple[int, str]] = {}
    if headings:
        highest = min(int(token.tag[1]) for _, token in headings)
        used = {_heading_key(name) for name in reserved}
        for index, token in headings:
            assert token.map is not None
            level = min(6, int(token.tag[1]) - highest + top_level)
            content = " ".join(part.strip() for part in tokens[index + 1].content.split("\n"))
            unique = content
            number = 2
            while _heading_key(unique) in used:
                unique = f"{content} ({number})"
                number += 1
            used.add(_heading_key(unique))
            start, end = token.map
            replace[start] = (end, "#" * level + (" " + unique if unique else ""))
    out: list[str] = []
    row = 0
    while row < len(lines):
        if row in replace:
            end, line = replace[row]
            out.append(line)
            row = end
        else:
            out.append(lines[row])
            row += 1
    out.extend(_closers(tokens, lines))
    return "\n".join(out)


def _heading_key(text: str) -> str:
    return " ".join(text.casefold().split())


def _closers(tokens: Sequence[object], lines: list[str]) -> list[str]:
    """Lines that close a top-level block still open at the end of the body."""
    last = None
    for token in tokens:
        if getattr(token, "level", 1) == 0 and getattr(token, "map", None):
            last = token
    if last is None:
        return []
    start, end = last.map  # type: ignore[attr-defined]
    if end < len(lines):
        return []
    kind = last.type  # type: ignore[attr-defined]
    if kind == "fence":
        markup: str = last.markup  # type: ignore[attr-defined]
        closing = _FENCE_CLOSE_RE.match(lines[-1]) if end - start > 1 else None
        if closing and closing.group(1)[0] == markup[0] and len(closing.group(1)) >= len(markup):
            return []
        return [markup]
    if kind == "html_block":
        content: str = last.content  # type: ignore[attr-defined]
        for pattern, closer in _HTML_ENDS:
            found = pattern.match(lines[start])
            if found is None:
                continue
            if closer is None:
                end_tag = f"</{found.group(1).lower()}>"
                return [] if end_tag in content.lower() else [end_tag]
            if closer not in content[found.end() :]:
                return [closer]
            return []
    return []


# --- charts ---------------------------------------------------------------------------------


def _chart_text(text: str) -> str:
    """A label inside a quoted Mermaid string: no quotes, no line breaks, no backticks."""
    cleaned = " ".join(_newlines(text).split())
    return cleaned.replace('"', "'").replace("`", "'")


def mermaid_pie(title: str, slices: Sequence[tuple[str, int]]) -> str:
    """A Mermaid pie chart of the non-zero ``slices`` (label, value); empty text if all are zero."""
    shown = [(label, value) for label, value in slices if value > 0]
    if not shown:
        return ""
    lines = ["```mermaid", "pie showData", f"    title {_chart_text(title)}"]
    lines += [f'    "{_chart_text(label)}" : {value}' for label, value in shown]
    lines.append("```")
    return "\n".join(lines)


def mermaid_bars(title: str, x_title: str, y_title: str, bars: Sequence[tuple[str, int]]) -> str:
    """A Mermaid bar chart (``xychart-beta``); empty text if every value is zero."""
    if not bars or not any(value for _, value in bars):
        return ""
    categories = ", ".join(f'"{_chart_text(label)}"' for label, _ in bars)
    top = max(value for _, value in bars)
    lines = [
        "```mermaid",
        "xychart-beta",
        f'    title "{_chart_text(title)}"',
        f'    x-axis "{_chart_text(x_title)}" [{categories}]',
        f'    y-axis "{_chart_text(y_title)}" 0 --> {top}',
        f"    bar [{', '.join(str(value) for _, value in bars)}]",
        "```",
    ]
    return "\n".join(lines)


# --- whole documents ------------------------------------------------------------------------

_FENCE_OPEN_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def tidy(text: str) -> str:
    """A rendered document with at most one blank line in a row (outside fenced blocks) and one final newline.

    Templates can then be written for readability without counting blank lines.
    """
    out: list[str] = []
    blank = False
    fence: str | None = None
    for line in text.split("\n"):
        if fence is not None:
            out.append(line)
            closing = _FENCE_CLOSE_RE.match(line)
            if closing and closing.group(1)[0] == fence[0] and len(closing.group(1)) >= len(fence):
                fence = None
            continue
        if not line.strip():
            if out and not blank:
                out.append("")
            blank = True
            continue
        opening = _FENCE_OPEN_RE.match(line)
        if opening and not (opening.group(1)[0] == "`" and "`" in line[opening.end() :]):
            fence = opening.group(1)
        blank = False
        out.append(line)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"
