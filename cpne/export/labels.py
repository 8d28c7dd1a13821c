"""The words of each export language, and dates written as each language writes them.

Record fields and enum values are English identifiers; what a reader sees comes
from these tables (French by default, English with ``--lang en``). Dates are
formatted by Babel (``d MMMM y``); French writes the first day of a month as an
ordinal, ``1er octobre 2015``, which Babel's patterns cannot express, so that
one case is added here.
"""

from __future__ import annotations

import datetime
from functools import cache
from typing import Any

_FR: dict[str, Any] = {
    "lang": "fr",
    # record enums
    "opinion_kind": {"opinion": "Avis", "recommendation": "Recommandation", "contribution": "Contribution"},
    "opinion_kind_plural": {"opinion": "Avis", "recommendation": "Recommandations", "contribution": "Contributions"},
    # statuses agree with the kind: "avis adopté", "recommandation adoptée"
    "opinion_status": {
        "draft": "en préparation",
        "consultation": "en consultation",
        "adopted": "adopté",
        "published": "publié",
        "withdrawn": "retiré",
    },
    "opinion_status_feminine": {
        "draft": "en préparation",
        "consultation": "en consultation",
        "adopted": "adoptée",
        "published": "publiée",
        "withdrawn": "retirée",
    },
    "feminine_kinds": ["recommendation", "contribution"],
    "opinion_status_column": {
        "draft": "En préparation",
        "consultation": "En consultation",
        "adopted": "Adoptés",
        "published": "Publiés",
        "withdrawn": "Retirés",
    },
    "review_status": {
        "planned": "prévu",
        "in-progress": "en cours",
        "concluded": "conclu",
        "abandoned": "abandonné",
    },
    "review_status_column": {
        "planned": "Prévus",
        "in-progress": "En cours",
        "concluded": "Conclus",
        "abandoned": "Abandonnés",
    },
    "category": {
        "elected-officials-association": "Association d'élus",
        "network": "Réseau",
        "public-institution": "Établissement public",
        "ministry": "Ministère",
        "company": "Entreprise",
        "other": "Autre",
    },
    "membership": {"signatory": "Signataire", "associated": "Membre associé"},
    "referral": {
        "self": "Autosaisine du comité",
        "member": "Saisine par un membre",
        "government": "Saisine du Gouvernement",
    },
    "referral_short": {"self": "Autosaisine", "member": "Membre", "government": "Gouvernement"},
    "decision_mode": {"consensus": "Consensus", "vote": "Vote"},
    "position": {
        "for": "Pour",
        "against": "Contre",
        "abstain": "Abstention",
        "not-voting": "Ne prend pas part au vote",
    },
    "domain": {"resources": "Ressources", "equipment": "Équipements", "uses": "Usages", "training": "Formation"},
    "referential_status": {"active": "En vigueur", "superseded": "Remplacé"},
    "theme_status": {"active": "Actif", "archived": "Archivé"},
    # words
    "committee_label": "Comité",
    "edition": "Édition du {date}.",
    "period_year": "Période couverte : du {start} au {end}.",
    "period_all": "Période couverte : depuis la création du registre.",
    "period_all_years": "Période couverte : de {first} à {last}.",
    "status_note_year": "Les statuts sont ceux du {date}, d'après les dates inscrites au registre.",
    "status_note_all": "Les statuts sont ceux inscrits au registre.",
    "number": "N°",
    "id": "Identifiant",
    "title": "Titre",
    "type": "Type",
    "status": "Statut",
    "date": "Date",
    "total": "Total",
    "count": "Nombre",
    "themes": "Thèmes",
    "theme": "Thème",
    "theme_heading": "Thème {number} : {title}",
    "rapporteurs": "Rapporteurs",
    "summary": "Résumé",
    "none": "néant",
    "acronym": "Sigle",
    "name": "Nom",
    "signed_as": "Signataire sous le nom",
    "category_col": "Catégorie",
    "membership_col": "Qualité",
    "joined": "Entrée",
    "left": "Sortie",
    "website": "Site",
    "former_names": "Anciens noms",
    "former_name_until": "{name} (jusqu'au {date})",
    "representatives": "Représentation",
    "representative_since": "depuis le {date}",
    "representative_period": "du {since} au {until}",
    "representative_until": "jusqu'au {date}",
    "owner": "Responsable",
    "domains": "Domaines",
    "versions": "Versions",
    "superseded_by": "Remplacé par",
    "referential": "Référentiel",
    "version": "Version",
    "outcome": "Avis issu",
    "date_name": {
        "created": "Création",
        "referred": "Saisine",
        "consultation": "Consultation",
        "adopted": "Adoption",
        "published": "Publication",
        "withdrawn": "Retrait",
        "opened": "Ouverture",
        "concluded": "Conclusion",
    },
    "colon": " : ",
    "semicolon": " ; ",
    "referral_col": "Saisine",
    "findings": "Constats",
    "recommendations": "Recommandations",
    # report
    "report_title": "Rapport d'activité",
    "report_title_year": "Rapport d'activité {year}",
    "figures_year": "L'année en chiffres",
    "figures_all": "Le comité en chiffres",
    "opinions_by_kind_status": "Textes par type et par statut",
    "reviews_by_status": "Examens de référentiels, par statut",
    "members_figures": "Membres",
    "signatories": "Signataires",
    "associated": "Membres associés",
    "former_members": "Anciens membres",
    "members_total": "Ensemble des membres",
    "chart_by_status": "Textes par statut",
    "chart_by_theme": "Textes par thème",
    "texts_col": "Textes",
    "reviews_col": "Examens",
    "archived_suffix": " (archivé)",
    "chart_theme_axis": "Thème",
    "chart_count_axis": "Nombre",
    "chart_theme_note": "Un texte peut relever de plusieurs thèmes : il est compté dans chacun.",
    "chart_table_note": "Les mêmes chiffres, en tableau :",
    "no_opinions": "Aucun avis, aucune recommandation ni contribution sur la période.",
    "no_reviews": "Aucun examen de référentiel sur la période.",
    "work_by_theme": "Travaux par thème",
    "theme_opinions": "Avis, recommandations et contributions",
    "theme_reviews": "Examens de référentiels",
    "theme_nothing": "Aucun travail sur la période.",
    "adopted_published": "Textes adoptés et publiés",
    "no_adopted": "Aucun texte adopté ni publié sur la période.",
    "reviews_section": "Examens de référentiels",
    "composition": "Composition du comité",
    "composition_note": (
        "Les noms des représentants ne figurent pas dans ce document (données personnelles) ;"
        " seules leurs fonctions sont indiquées."
    ),
    "composition_note_personal": "Ce document contient les noms des représentants des membres (données personnelles).",
    "no_members": "Aucun membre.",
    # register
    "register_title": "Registre",
    "register_state": "État du registre au {date}.",
    "partners": "Membres",
    "themes_section": "Thèmes",
    "referentials": "Référentiels nationaux",
    "opinions": "Avis, recommandations et contributions",
    "reviews": "Examens de référentiels",
    "empty_kind": "Aucun enregistrement.",
    # opinion document
    "opinion_heading": "{kind} n° {id}",
    "status_line": "Statut : {status}.",
    "document_date": "Document établi le {date}.",
    "referral_section": "Saisine",
    "referred_by": "{origin} : {by}.",
    "referred_on": "Saisine du {date}.",
    "body": "Texte",
    "decision": "Décision",
    "decision_mode_line": "Mode de décision : {mode}.",
    "positions_tally": (
        "Pour : {in_favour} · contre : {against} · abstention : {abstain}"
        " · ne prennent pas part au vote : {not_voting}."
    ),
    "member": "Membre",
    "position_col": "Position",
    "note": "Observation",
    "no_positions": "Aucune position individuelle n'est inscrite.",
    "references": "Références",
    "related": "Travaux liés",
    "withdrawal": "Retrait",
    "corrigenda": "Rectificatifs",
    "tags": "Mots-clés",
    "unknown_record": "(non trouvé dans le registre)",
}

_EN: dict[str, Any] = {
    "lang": "en",
    "opinion_kind": {"opinion": "Opinion", "recommendation": "Recommendation", "contribution": "Contribution"},
    "opinion_kind_plural": {
        "opinion": "Opinions",
        "recommendation": "Recommendations",
        "contribution": "Contributions",
    },
    "opinion_status": {
        "draft": "in preparation",
        "consultation": "in consultation",
        "adopted": "adopted",
        "published": "published",
        "withdrawn": "withdrawn",
    },
    "opinion_status_feminine": {
        "draft": "in preparation",
        "consultation": "in consultation",
        "adopted": "adopted",
        "published": "published",
        "withdrawn": "withdrawn",
    },
    "feminine_kinds": [],
    "opinion_status_column": {
        "draft": "In preparation",
        "consultation": "In consultation",
        "adopted": "Adopted",
        "published": "Published",
        "withdrawn": "Withdrawn",
    },
    "review_status": {
        "planned": "planned",
        "in-progress": "in progress",
        "concluded": "concluded",
        "abandoned": "abandoned",
    },
    "review_status_column": {
        "planned": "Planned",
        "in-progress": "In progress",
        "concluded": "Concluded",
        "abandoned": "Abandoned",
    },
    "category": {
        "elected-officials-association": "Association of elected officials",
        "network": "Network",
        "public-institution": "Public institution",
        "ministry": "Ministry",
        "company": "Company",
        "other": "Other",
    },
    "membership": {"signatory": "Signatory", "associated": "Associated member"},
    "referral": {
        "self": "Own initiative of the committee",
        "member": "Referral by a member",
        "government": "Referral by the Government",
    },
    "referral_short": {"self": "Own initiative", "member": "Member", "government": "Government"},
    "decision_mode": {"consensus": "Consensus", "vote": "Vote"},
    "position": {"for": "For", "against": "Against", "abstain": "Abstention", "not-voting": "Not voting"},
    "domain": {"resources": "Resources", "equipment": "Equipment", "uses": "Uses", "training": "Training"},
    "referential_status": {"active": "In force", "superseded": "Superseded"},
    "theme_status": {"active": "Active", "archived": "Archived"},
    "committee_label": "Committee",
    "edition": "Edition of {date}.",
    "period_year": "Period covered: {start} to {end}.",
    "period_all": "Period covered: since the register began.",
    "period_all_years": "Period covered: {first} to {last}.",
    "status_note_year": "Statuses are those of {date}, from the dates held in the register.",
    "status_note_all": "Statuses are those held in the register.",
    "number": "No.",
    "id": "Id",
    "title": "Title",
    "type": "Type",
    "status": "Status",
    "date": "Date",
    "total": "Total",
    "count": "Count",
    "themes": "Themes",
    "theme": "Theme",
    "theme_heading": "Theme {number}: {title}",
    "rapporteurs": "Rapporteurs",
    "summary": "Summary",
    "none": "none",
    "acronym": "Acronym",
    "name": "Name",
    "signed_as": "Signed as",
    "category_col": "Category",
    "membership_col": "Membership",
    "joined": "Joined",
    "left": "Left",
    "website": "Website",
    "former_names": "Former names",
    "former_name_until": "{name} (until {date})",
    "representatives": "Representation",
    "representative_since": "since {date}",
    "representative_period": "from {since} to {until}",
    "representative_until": "until {date}",
    "owner": "Owner",
    "domains": "Domains",
    "versions": "Versions",
    "superseded_by": "Superseded by",
    "referential": "Referential",
    "version": "Version",
    "outcome": "Resulting opinion",
    "date_name": {
        "created": "Created",
        "referred": "Referred",
        "consultation": "Consultation",
        "adopted": "Adopted",
        "published": "Published",
        "withdrawn": "Withdrawn",
        "opened": "Opened",
        "concluded": "Concluded",
    },
    "colon": ": ",
    "semicolon": "; ",
    "referral_col": "Referral",
    "findings": "Findings",
    "recommendations": "Recommendations",
    "report_title": "Activity report",
    "report_title_year": "Activity report {year}",
    "figures_year": "The year in figures",
    "figures_all": "The committee in figures",
    "opinions_by_kind_status": "Texts by type and status",
    "reviews_by_status": "Referential reviews, by status",
    "members_figures": "Members",
    "signatories": "Signatories",
    "associated": "Associated members",
    "former_members": "Former members",
    "members_total": "All members",
    "chart_by_status": "Texts by status",
    "chart_by_theme": "Texts by theme",
    "texts_col": "Texts",
    "reviews_col": "Reviews",
    "archived_suffix": " (archived)",
    "chart_theme_axis": "Theme",
    "chart_count_axis": "Count",
    "chart_theme_note": "A text may belong to several themes: it is counted in each.",
    "chart_table_note": "The same figures, as a table:",
    "no_opinions": "No opinion, recommendation or contribution in the period.",
    "no_reviews": "No referential review in the period.",
    "work_by_theme": "Work by theme",
    "theme_opinions": "Opinions, recommendations and contributions",
    "theme_reviews": "Referential reviews",
    "theme_nothing": "No work in the period.",
    "adopted_published": "Texts adopted and published",
    "no_adopted": "No text adopted or published in the period.",
    "reviews_section": "Referential reviews",
    "composition": "Composition of the committee",
    "composition_note": (
        "Representatives' names are left out of this document (personal data); only their functions are shown."
    ),
    "composition_note_personal": "This document holds the names of the members' representatives (personal data).",
    "no_members": "No member.",
    "register_title": "Register",
    "register_state": "State of the register on {date}.",
    "partners": "Members",
    "themes_section": "Themes",
    "referentials": "National referentials",
    "opinions": "Opinions, recommendations and contributions",
    "reviews": "Referential reviews",
    "empty_kind": "No record.",
    "opinion_heading": "{kind} No. {id}",
    "status_line": "Status: {status}.",
    "document_date": "Document issued on {date}.",
    "referral_section": "Referral",
    "referred_by": "{origin}: {by}.",
    "referred_on": "Referred on {date}.",
    "body": "Text",
    "decision": "Decision",
    "decision_mode_line": "Decision by {mode}.",
    "positions_tally": "For: {in_favour} · against: {against} · abstention: {abstain} · not voting: {not_voting}.",
    "member": "Member",
    "position_col": "Position",
    "note": "Note",
    "no_positions": "No individual position is recorded.",
    "references": "References",
    "related": "Related work",
    "withdrawal": "Withdrawal",
    "corrigenda": "Corrigenda",
    "tags": "Keywords",
    "unknown_record": "(not found in the register)",
}

LABELS: dict[str, dict[str, Any]] = {"fr": _FR, "en": _EN}


def labels(lang: str) -> dict[str, Any]:
    """The label table of ``lang`` (one of :data:`cpne.repo.LANGUAGES`)."""
    return LABELS[lang]


def opinion_status(lang: str, kind: str, status: str) -> str:
    """An opinion's status as a word that agrees with its kind (French: "avis adopté", "recommandation adoptée")."""
    table = LABELS[lang]
    key = "opinion_status_feminine" if kind in table["feminine_kinds"] else "opinion_status"
    value: str = table[key].get(status, status)
    return value


def parse_date(value: str) -> datetime.date | None:
    """An ISO ``YYYY-MM-DD`` date, or None when the text is not one."""
    try:
        return datetime.date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        return None


@cache
def format_date(value: str, lang: str) -> str:
    """``2015-10-01`` as the language writes it: ``1er octobre 2015``, ``1 October 2015``.

    Text that is not an ISO date is returned as it is (validation reports it).
    """
    day = parse_date(value)
    if day is None:
        return value
    from babel.dates import format_date as babel_format

    text: str = babel_format(day, "d MMMM y", locale=lang)
    if lang == "fr" and day.day == 1:
        text = "1er" + text[1:]
    return text
