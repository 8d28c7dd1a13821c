"""Escaping of record content for GitHub-flavoured Markdown, checked against a real parser (markdown-it-py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cpne.export import markdown
from tests.export.conftest import cells, check_markdown, inline_text, markdown_parser

NASTY = [
    "{{ 7*7 }}",
    "a | b",
    "# not a heading",
    "- not a list",
    "+ not a list",
    "* not a list",
    "1. not a list",
    "2024) not a list",
    "> not a quote",
    "    not code",
    "```",
    "~~~",
    "---",
    "===",
    "***",
    "<script>alert(1)</script>",
    "<!-- comment",
    "[link](https://example.org)",
    "![image](x.png)",
    "[ref]: https://example.org",
    "*emphasis* and **strong**",
    "_under_ __score__",
    "`code` ``",
    "~~strike~~ ~one~",
    "$x$ and $$y$$",
    "back\\slash\\",
    "&amp; &#35; &copy; R&D",
    "trailing hash #",
    "title ##",
    "line one\nline two",
    "text\n---",
    "text\n===",
    "a *b\nc* d",
    "Ville & Banlieue",
    "« guillemets » et l’apostrophe",
    "a  \nhard break",
]


def words(text: str) -> list[str]:
    """Text as a reader sees it: lines of words (Markdown does not keep runs of spaces at line ends)."""
    return [" ".join(line.split()) for line in text.strip("\n").split("\n")]


@pytest.mark.parametrize("text", NASTY)
def test_inline_text_renders_as_written(text: str) -> None:
    rendered = inline_text("x " + markdown.inline(text))
    assert words(rendered.removeprefix("x ")) == words(text)


@pytest.mark.parametrize("text", NASTY)
def test_table_cells_hold_anything(text: str) -> None:
    doc = f"| a | b |\n| --- | --- |\n| {markdown.inline(text)} | end |\n"
    check_markdown(doc)
    tokens = markdown_parser().parse(doc)
    row = [t for t in tokens if t.type == "inline"]
    assert row[-1].content == "end"


@pytest.mark.parametrize("text", NASTY)
def test_headings_hold_anything(text: str) -> None:
    doc = f"# {markdown.heading(text)}\n\n## Next\n"
    tokens = markdown_parser().parse(doc)
    assert [t.tag for t in tokens if t.type == "heading_open"] == ["h1", "h2"]
    expected = " ".join(line.strip() for line in text.split("\n") if line.strip())
    assert inline_text(f"# {markdown.heading(text)}\n").replace("\n", " ") == expected


@pytest.mark.parametrize("text", NASTY)
def test_paragraphs_never_open_a_block(text: str) -> None:
    doc = f"{markdown.paragraphs(text)}\n\n## After\n"
    types = {t.type for t in markdown_parser().parse(doc)}
    assert types <= {"paragraph_open", "paragraph_close", "inline", "heading_open", "heading_close"}, types


SAFE_ALPHABET = st.sampled_from(list("abcXYZ019 é«»’!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\n"))


@settings(max_examples=300, deadline=None)
@given(st.text(SAFE_ALPHABET, max_size=40))
def test_any_text_in_a_cell_keeps_the_table_and_its_words(text: str) -> None:
    value = markdown.inline(text)
    doc = f"| a | b |\n| --- | --- |\n| {value} | end |\n"
    check_markdown(doc)
    assert words(inline_text(f"x {value} y")) == words("x " + text.strip("\n") + " y")


@settings(max_examples=300, deadline=None)
@given(st.text(SAFE_ALPHABET, min_size=1, max_size=40))
def test_any_text_as_a_heading_stays_one_heading(text: str) -> None:
    doc = f"## {markdown.heading(text)}\n\nafter\n"
    tokens = markdown_parser().parse(doc)
    assert [t.type for t in tokens][:3] == ["heading_open", "inline", "heading_close"]
    assert tokens[3].type == "paragraph_open"


def test_single_asterisk_keeps_its_bytes() -> None:
    assert markdown.inline("{{ 7*7 }}") == "{{ 7*7 }}"
    assert markdown.inline("2.0") == "2.0"
    assert markdown.inline("Ville & Banlieue") == "Ville & Banlieue"


def test_cells_splitting_helper() -> None:
    assert cells("| a | b \\| c | d |") == [" a ", " b \\| c ", " d "]


# --- body -----------------------------------------------------------------------------------


def test_body_headings_move_under_the_section_and_stay_distinct() -> None:
    body = "# Contexte\n\ntexte\n\n## Décision\n\nSous-titre\n----------\n\n# Contexte\n"
    out = markdown.body(body, top_level=3, reserved=["Décision"])
    assert out.splitlines() == [
        "### Contexte",
        "",
        "texte",
        "",
        "#### Décision (2)",
        "",
        "#### Sous-titre",
        "",
        "### Contexte (2)",
    ]


def test_body_keeps_everything_else_byte_for_byte() -> None:
    body = "Un paragraphe avec *emphase* et `code`.\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n\n> citation\n"
    assert markdown.body(body) == body.rstrip("\n")


def test_body_headings_inside_code_are_not_touched() -> None:
    body = "```\n# pas un titre\n```\n"
    assert markdown.body(body) == body.rstrip("\n")


@pytest.mark.parametrize(
    ("body", "closer"),
    [
        ("texte\n\n```python\nprint(1)", "```"),
        ("texte\n\n~~~~\ncode", "~~~~"),
        ("<!-- un commentaire jamais fermé", "-->"),
        ("<pre>\nbloc", "</pre>"),
        ("<script>\nx = 1", "</script>"),
    ],
)
def test_an_unclosed_block_in_the_body_is_closed(body: str, closer: str) -> None:
    out = markdown.body(body)
    assert out.endswith("\n" + closer)
    doc = f"## Texte\n\n{out}\n\n## Décision\n"
    headings = [t for t in markdown_parser().parse(doc) if t.type == "heading_open"]
    assert len(headings) == 2


def test_a_closed_fence_is_left_alone() -> None:
    body = "```\ncode\n```"
    assert markdown.body(body) == body


def test_tidy_collapses_blank_lines_outside_fences() -> None:
    text = "\n\n# A\n\n\n\ntext\n```\n\n\n```\n\n\n"
    assert markdown.tidy(text) == "# A\n\ntext\n```\n\n\n```\n"


def test_link_destination_cannot_escape() -> None:
    out = markdown.link("titre [x]", "https://example.org/a b)<c>|d")
    tokens = markdown_parser().parse(out)
    link = next(c for c in tokens[1].children or [] if c.type == "link_open")
    assert link.attrs["href"] == "https://example.org/a%20b)%3Cc%3E%7Cd"


def test_mermaid_labels_cannot_close_their_string_or_fence() -> None:
    out = markdown.mermaid_pie('A "B"\n```', [('x "y"', 2), ("zero", 0)])
    assert out.split("\n")[2] == "    title A 'B' '''"
    assert out.split("\n")[3] == "    \"x 'y'\" : 2"
    assert out.count("```") == 2
    assert "zero" not in out
    assert markdown.mermaid_pie("t", [("a", 0)]) == ""
    assert markdown.mermaid_bars("t", "x", "y", [("1", 0)]) == ""
