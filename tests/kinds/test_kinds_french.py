"""The kinds speak the process's language: their specs' texts are in the catalogs, their messages French in French.

The messages are built when a rule or a check runs, so they are tested in-process with the
language switched to French (and back to English, the suite's language, afterwards).
Enum labels come from the catalogs (the exports' fragment gives them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from cpne import i18n
from cpne.errors import UsageError
from cpne.kinds import KINDS
from cpne.kinds.opinion import parse_position
from cpne.kinds.partner import KIND as PARTNER
from cpne.kinds.partner import membership_span
from cpne.kinds.spec import Kind
from cpne.kinds.values import check_choice, check_date, parse_former_name, parse_representative
from cpne.words import ENUM_VARIANTS, gender, noun

OPINION, REVIEW = KINDS["opinion"], KINDS["review"]


def _texts(kind: Kind) -> Iterator[str]:
    """Every text of ``kind``'s spec that a person reads (marked N_, translated where it is shown)."""
    yield kind.help
    if kind.new_help:
        yield kind.new_help
    fields = [*kind.fields, *(f for a in kind.additions for f in a.fields)]
    fields += [f for spec in kind.status_inputs for f in spec.fields]
    for item in fields:
        yield from (t for t in (item.label, item.help, item.metavar) if t)
    for where in kind.filters:
        yield from (t for t in (where.help, where.metavar) if t)
    yield from (c.header for c in kind.columns)
    for cut in kind.shortcuts:
        yield from (t for t in (cut.help, cut.date_help, cut.already) if t)
    yield from (a.help for a in kind.additions)


@pytest.mark.parametrize("kind", list(KINDS.values()), ids=list(KINDS))
def test_every_text_of_a_spec_has_a_french_translation(kind: Kind) -> None:
    french: Any = i18n.catalog("fr")
    missing = sorted({text for text in _texts(kind) if not french._catalog.get(text)})
    assert missing == [], "mark these N_() and translate them in the kinds' fragment"


def test_kind_nouns_and_genders(french: None) -> None:
    assert [noun(k) for k in ("partner", "theme", "referential", "opinion", "review")] == [
        "partenaire",
        "thème",
        "référentiel",
        "avis",
        "examen",
    ]
    assert noun("recommendation", plural=True) == "recommandations"
    assert noun("opinion", plural=True) == "avis"
    assert [gender(k) for k in ("opinion", "recommendation", "contribution", "review")] == [
        "masculine",
        "feminine",
        "feminine",
        "masculine",
    ]


def test_english_nouns_have_no_gender() -> None:
    assert noun("review", plural=True) == "reviews"
    assert {gender(k) for k in ("opinion", "recommendation", "contribution", "partner")} == {"masculine"}


def test_a_forbidden_transition_lists_identifiers_with_their_labels(french: None) -> None:
    lifecycle = OPINION.lifecycle
    assert lifecycle is not None and lifecycle.kind == "opinion"
    assert lifecycle.describe_allowed("draft") == (
        "transitions possibles : consultation (en consultation), withdrawn (retiré)"
    )
    assert lifecycle.describe_allowed("published") == (
        "« published » est un statut final : aucune transition n'est possible"
    )


def test_english_transitions_stay_english() -> None:
    assert OPINION.lifecycle is not None
    assert OPINION.lifecycle.describe_allowed("draft").startswith(
        "the allowed transitions are: consultation, withdrawn"
    )


def _opinion(**changes: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": "OP-2026-001",
        "kind": "opinion",
        "status": "adopted",
        "dates": {"created": "2026-01-05", "consultation": "2026-02-01", "adopted": "2026-03-05"},
    }
    return {**record, **changes}


def _messages(record: dict[str, Any]) -> list[str]:
    assert OPINION.rules is not None and OPINION.lifecycle is not None
    return [v.message for v in (*OPINION.rules(record), *OPINION.lifecycle.invariants(record))]


def test_rules_agree_with_the_type_of_text(french: None) -> None:
    assert _messages(_opinion()) == ["l'avis est adopté : il lui faut une décision (mode, positions)"]
    assert _messages(_opinion(kind="recommendation")) == [
        "la recommandation est adoptée : il lui faut une décision (mode, positions)"
    ]
    withdrawn = {"status": "withdrawn", "dates": {"created": "2026-01-05", "withdrawn": "2026-01-06"}}
    assert _messages(_opinion(**withdrawn)) == ["un avis retiré exige withdrawn_reason (le motif du retrait)"]
    assert _messages(_opinion(kind="contribution", **withdrawn)) == [
        "une contribution retirée exige withdrawn_reason (le motif du retrait)"
    ]


def test_rules_in_english_name_the_type_of_text() -> None:
    assert _messages(_opinion(kind="recommendation")) == [
        "the recommendation is adopted: it needs a decision (mode, positions)"
    ]


def test_lifecycle_invariants_in_french(french: None) -> None:
    record = _opinion(status="draft", decision={"mode": "consensus"})
    record["dates"] = {"created": "2026-03-01", "consultation": "2026-02-01", "adopted": "2026-03-05"}
    assert _messages(record) == [
        "dates.adopted est renseignée alors que le statut est « draft »",
        "dates.consultation (2026-02-01) est antérieure à dates.created (2026-03-01)",
    ]
    assert _messages(_opinion(status="consultation", dates={"created": "2026-01-05"})) == [
        "le statut « consultation » exige dates.consultation"
    ]


def test_partner_and_review_messages_in_french(french: None) -> None:
    assert membership_span({"joined": "2015-10-01", "left": "2016-01-01"}) == "du 2015-10-01 au 2016-01-01"
    assert membership_span({"joined": "2015-10-01"}) == "depuis le 2015-10-01"
    assert PARTNER.rules is not None
    signatory = {"membership": "signatory", "joined": "2020-01-01", "left": "2019-01-01"}
    assert [v.message for v in PARTNER.rules(signatory)] == [
        "un signataire exige signed_as (le nom sous lequel il a signé)",
        "left (2019-01-01) est antérieure à joined (2020-01-01)",
    ]
    assert REVIEW.cross is not None

    class Index:
        quorum = None

        def get(self, kind: str, record_id: str) -> dict[str, Any] | None:
            return {"id": "gar", "versions": [{"version": "1"}, {"version": "2"}]}

    review = {"referential": "gar", "version": "3", "status": "planned"}
    assert [i.message for i in REVIEW.cross(review, Index())] == [
        "la version « 3 » n'est pas inscrite dans le référentiel « gar » (versions connues : 1, 2)"
    ]


@pytest.mark.parametrize(
    ("typed", "kind", "key", "value"),
    [
        ("avis", "opinion", "kind", "opinion"),
        ("Recommandation", "opinion", "kind", "recommendation"),
        ("adopté", "opinion", "status", "adopted"),
        ("adopte", "opinion", "status", "adopted"),
        ("ADOPTÉE", "opinion", "status", "adopted"),
        ("retiré", "opinion", "status", "withdrawn"),
        ("signataire", "partner", "membership", "signatory"),
        pytest.param(
            "associé",
            "partner",
            "membership",
            "associated",
            marks=pytest.mark.skipif(
                "partner.membership" not in ENUM_VARIANTS,
                reason="« associé » is the short variant of « membre associé » the exports' branch adds",
            ),
        ),
        ("établissement public", "partner", "category", "public-institution"),
        ("Etablissement-Public", "partner", "category", "public-institution"),
        ("pour", "opinion", "position", "for"),
    ],
)
def test_check_choice_accepts_labels(typed: str, kind: str, key: str, value: str) -> None:
    path = ("decision", "positions", "*", "position") if key == "position" else (key,)
    assert check_choice(typed, "--x", KINDS[kind].enum(path), enum=(kind, key)) == value


def test_refused_choices_list_identifiers_with_labels(french: None) -> None:
    with pytest.raises(UsageError) as refused:
        check_choice("xml", "--kind", OPINION.enum(("kind",)), enum=("opinion", "kind"))
    assert refused.value.message == (
        "--kind : « xml » ne fait pas partie des valeurs possibles :"
        " opinion (Avis), recommendation (Recommandation), contribution"
    )
    with pytest.raises(UsageError) as position:
        parse_position("amf|oui", "--position")
    assert position.value.message.startswith(
        "--position : position « oui » ne fait pas partie des valeurs possibles : for (Pour), against (Contre)"
    )


def test_refused_values_in_french(french: None) -> None:
    cases: list[tuple[Callable[[], object], str]] = [
        (lambda: check_date("demain", "--date"), "--date : « demain » n'est pas une date (écrire AAAA-MM-JJ"),
        (
            lambda: check_date("2026-02-30", "--date"),
            "--date : « 2026-02-30 » n'est pas une date qui existe (écrire AAAA-MM-JJ)",
        ),
        (
            lambda: parse_representative("Seul", "--representative"),
            "--representative : « Seul » n'est pas de la forme NOM|FONCTION[|DÉBUT[|FIN]]",
        ),
        (
            lambda: parse_former_name("AMF", "--former-name"),
            "--former-name : « AMF » n'est pas de la forme NOM|FIN (FIN : une date AAAA-MM-JJ)",
        ),
        (
            lambda: parse_position("amf", "--position"),
            "--position : « amf » n'est pas de la forme PARTENAIRE|POSITION[|NOTE]",
        ),
    ]
    for call, message in cases:
        with pytest.raises(UsageError) as refused:
            call()
        assert refused.value.message.startswith(message)
