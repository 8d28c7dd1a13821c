"""``cpne search``: records found by a word, accents and case ignored, title matches first."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cpne.ops.search import excerpt, matches, span
from cpne.words import fold
from tests.records_helpers import cpne, new_opinion, ok


def _opinions(root: Path) -> tuple[str, str, str]:
    """Three drafts: one says « équipement » in its title, one in its summary, one in its notes."""
    in_notes = new_opinion(root, "--notes", "Penser à l'ÉQUIPEMENT des classes.", title="Avis sur les usages")
    in_title = new_opinion(root, title="Avis sur l'équipement des écoles")
    in_summary = new_opinion(root, "--summary", "Le plan d'Équipement numérique, revu.", title="Avis sur le plan")
    return in_title, in_summary, in_notes


def test_accents_and_case_are_ignored_and_title_matches_come_first(data_repo: Path) -> None:
    in_title, in_summary, in_notes = _opinions(data_repo)
    result = ok(data_repo, "search", "EQUIPEMENT", "--kind", "opinion", "--format", "json")
    found = json.loads(result.stdout)
    assert [(f["id"], f["field"]) for f in found] == [(in_title, "title"), (in_notes, "notes"), (in_summary, "summary")]
    assert found[2] == {
        "kind": "opinion",
        "id": in_summary,
        "title": "Avis sur le plan",
        "field": "summary",
        "line": "Le plan d'Équipement numérique, revu.",
    }
    assert result.stderr == "3 records found\n"


def test_a_title_match_ranks_before_others_whatever_the_id(data_repo: Path) -> None:
    first = new_opinion(data_repo, "--summary", "un mot rare : zorglub")
    second = new_opinion(data_repo, title="Zorglub")
    found = json.loads(ok(data_repo, "search", "zorglub", "--format", "json").stdout)
    assert [f["id"] for f in found] == [second, first]


def test_the_table_names_kind_field_and_line(data_repo: Path) -> None:
    in_title, _in_summary, in_notes = _opinions(data_repo)
    result = ok(data_repo, "search", "equipement", "--kind", "opinion")
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["kind", "id", "title", "field", "line"]
    assert lines[2].split()[:2] == ["opinion", in_title]
    assert lines[3].startswith("opinion") and in_notes in lines[3] and "Penser à l'ÉQUIPEMENT des classes." in lines[3]


def test_kind_restricts_the_search(data_repo: Path) -> None:
    everything = json.loads(ok(data_repo, "search", "numérique", "--format", "json").stdout)
    assert len({f["kind"] for f in everything}) > 1
    themes = json.loads(ok(data_repo, "search", "numérique", "--kind", "theme", "--format", "json").stdout)
    assert themes and {f["kind"] for f in themes} == {"theme"}
    assert [f["id"] for f in themes] == sorted(f["id"] for f in themes)


def test_an_unknown_kind_is_refused_with_the_kinds_listed(data_repo: Path) -> None:
    result = cpne(data_repo, "search", "x", "--kind", "nope")
    assert result.exit_code == 2
    assert "--kind: 'nope' is not one of: partner, theme, group" in result.stderr
    assert result.stdout == ""


def test_no_match_says_so_and_succeeds(data_repo: Path) -> None:
    result = ok(data_repo, "search", "introuvablissime")
    assert result.stdout == ""
    assert result.stderr == "no record found\n"
    assert json.loads(ok(data_repo, "search", "introuvablissime", "--format", "json").stdout) == []


def test_empty_text_is_a_usage_error(data_repo: Path) -> None:
    for text in ("", "  ", "-"):
        result = cpne(data_repo, "search", text)
        assert result.exit_code == 2, text
        assert "TEXT is empty" in result.stderr


def test_a_broken_file_holding_the_text_is_skipped_with_a_warning(data_repo: Path) -> None:
    record_id = new_opinion(data_repo, title="Avis sur les équipements")
    broken = data_repo / "data" / "opinions" / "OP-2026-999.yaml"
    broken.write_text("id: OP-2026-999\ntitle: [équipement\n", encoding="utf-8")
    result = ok(data_repo, "search", "equipement", "--kind", "opinion", "--format", "json")
    assert [f["id"] for f in json.loads(result.stdout)] == [record_id]
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1
    assert warnings[0].startswith("warning: data/opinions/OP-2026-999.yaml skipped (line ")


def test_french_register_speaks_french(french_repo: Path, french: None) -> None:
    new_opinion(french_repo, title="Avis sur l'équipement des écoles")
    result = ok(french_repo, "search", "equipement", "--kind", "avis")  # a kind by its noun
    assert result.stdout.splitlines()[0].split()[:2] == ["type", "identifiant"]
    assert "avis" in result.stdout and "titre" in result.stdout
    assert result.stderr.endswith(" trouvées\n") or result.stderr.endswith(" trouvée\n")
    none = ok(french_repo, "search", "introuvablissime")
    assert none.stderr == "aucune fiche trouvée\n"


# -- the core: folding, matching, excerpts -----------------------------------------------

LETTERS = "aAeEéÉèÈêëcCçÇoOôiIîïuUùû "
PLAIN = str.maketrans("éÉèÈêëçÇôîïùû", "eEeEeecCoiiuu")


def _oracle(text: str) -> str:
    """Search's comparison spelled out for the letters above: accents dropped by hand, lower case, spaces runs."""
    return " ".join(text.translate(PLAIN).lower().split())


@settings(max_examples=300, deadline=None)
@given(st.text(LETTERS, max_size=30), st.text(LETTERS, min_size=1, max_size=4))
def test_matching_agrees_with_a_simple_oracle(text: str, needle: str) -> None:
    if not _oracle(needle):
        return
    assert matches(text, needle) == (_oracle(needle) in _oracle(text))
    decomposed = unicodedata.normalize("NFD", text)  # accents typed as combining marks match the same
    assert matches(decomposed, needle) == matches(text, needle)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60), st.text(min_size=1, max_size=5))
def test_the_span_found_holds_the_match(line: str, needle: str) -> None:
    folded = fold(needle)
    found = span(line, folded) if folded else None
    if found is None:
        assert not folded or folded not in fold(line)
        return
    start, end = found
    assert folded in fold(line[start:end])


def test_a_long_line_is_cut_around_the_match() -> None:
    line = "mot " * 40 + "l'Équipement des écoles " + "fin " * 40
    cut = excerpt(f"premier paragraphe\n{line}\n", "equipement")
    assert cut.startswith("…") and cut.endswith("…")
    assert "l'Équipement des écoles" in cut
    assert len(cut) <= 82
