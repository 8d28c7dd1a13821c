"""A deterministic corpus for the benchmarks: a valid cpne data repository of any size.

``generate(dest, size)`` makes a repository with ``cpne init --no-seed``, then
writes, in canonical form, the convention's real register completed with
generated records (50 partners, 12 themes, 20 referentials, 20 working groups),
``size`` opinions, ``size // 10`` reviews, ``size // 20`` meetings (at least
10), ``size // 5`` follow-up actions and ``3 * size // 100`` practices (at least
10) with French text (bodies of 1-3 KB), and gives it a history of a few thousand
commits built with ``git fast-import`` (records arrive in batches as drafts, then
move on through their lifecycle). At size 10,000: 13,902 files (82 of the
register, 20 groups, 10,000 opinions, 1,000 reviews, 500 meetings, 2,000 actions,
300 practices).

Meetings are mostly plenaries, with the attendance of the members of that day
(some represented by a member present); working-group meetings have their
group's members of that day; sharing days and consensus conferences their
audience. A held plenary adopts most texts adopted since the previous one
(``decision.meeting``, the text on its agenda, positions only from members
present or represented); most held meetings have their minutes approved at the
next held plenary; the last weeks' meetings are still planned. One text in
eight was prepared by a working group (``prepared_by``). Actions follow up texts
adopted or meetings held, opened on or after their day, owned by members of that
day; half are done, with their result. About half the practices were endorsed
at a held plenary, sharing day or consensus conference after they were proposed
(on its day), some retired since; their partners were members when they were
proposed. They come from a generator of their own, so that they change no other
record.

Everything is drawn from one seeded random generator: the same seed and size
give the same files and the same commits.

    python benchmarks/generate.py /tmp/corpus --size 10000 [--seed 2015] [--force]

``cpne validate --strict`` on the result exits 0. Never commit a corpus:
``benchmarks/out/`` and ``benchmarks/corpus/`` are ignored by git.
"""

from __future__ import annotations

import argparse
import bisect
import calendar
import json
import os
import random
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cpne import resources
from cpne.kinds import KINDS
from cpne.records.loader import read_record
from cpne.records.writer import dump, schema_order

DEFAULT_SEED = 2015
PARTNERS, THEMES, REFERENTIALS, GROUPS = 50, 12, 20, 20
OPINIONS_PER_MEETING = 20  # meetings: one per 20 opinions (500 at size 10,000), at least MIN_MEETINGS
MIN_MEETINGS = 10
PER_BATCH = 5  # records per commit
PER_YEAR = 950  # opinions per year at most (ids are OP-YYYY-NNN)
FIRST_YEAR = 2016
AUTHOR = "Secrétariat CPNE <secretariat@example.org>"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Secrétariat CPNE",
    "GIT_AUTHOR_EMAIL": "secretariat@example.org",
    "GIT_COMMITTER_NAME": "Secrétariat CPNE",
    "GIT_COMMITTER_EMAIL": "secretariat@example.org",
    "GIT_AUTHOR_DATE": "2015-10-01T12:00:00+0200",
    "GIT_COMMITTER_DATE": "2015-10-01T12:00:00+0200",
    "GIT_CONFIG_NOSYSTEM": "1",
}

# --- French text -------------------------------------------------------------------------------

SUBJECTS = (
    "Le comité",
    "Le ministère de l'Éducation nationale",
    "Les collectivités territoriales",
    "Les associations d'élus",
    "Les établissements scolaires",
    "Les équipes pédagogiques",
    "Les réseaux associatifs",
    "Les régions",
    "Les départements",
    "Les communes et leurs groupements",
    "La Banque des Territoires",
    "Les partenaires signataires",
    "Les opérateurs publics",
    "Les fournisseurs de ressources numériques",
    "Les délégués académiques au numérique",
)
VERBS = (  # (singular, plural)
    ("recommande de renforcer", "recommandent de renforcer"),
    ("souligne l'importance de", "soulignent l'importance de"),
    ("propose de mutualiser", "proposent de mutualiser"),
    ("constate les difficultés liées à", "constatent les difficultés liées à"),
    ("appelle à clarifier", "appellent à clarifier"),
    ("souhaite accompagner", "souhaitent accompagner"),
    ("demande une évaluation de", "demandent une évaluation de"),
    ("encourage le développement de", "encouragent le développement de"),
    ("rappelle la nécessité de sécuriser", "rappellent la nécessité de sécuriser"),
    ("préconise de simplifier", "préconisent de simplifier"),
    ("observe une forte hétérogénéité dans", "observent une forte hétérogénéité dans"),
    ("invite à anticiper", "invitent à anticiper"),
)
OBJECTS = (
    "l'équipement numérique des écoles",
    "le déploiement des espaces numériques de travail",
    "la maintenance des parcs informatiques",
    "la formation des enseignants aux usages du numérique",
    "l'accès aux ressources pédagogiques",
    "la protection des données personnelles des élèves",
    "la connectivité des établissements en zone rurale",
    "le financement des projets numériques",
    "l'accessibilité des services en ligne",
    "la sobriété numérique des équipements",
    "l'interopérabilité des services",
    "le gestionnaire d'accès aux ressources",
    "la continuité pédagogique",
    "l'inclusion numérique des familles",
    "le renouvellement des terminaux",
    "la cybersécurité des systèmes d'information",
    "la gouvernance partagée entre l'État et les collectivités",
    "les socles numériques dans les écoles élémentaires",
)
COMPLEMENTS = (
    "dans le respect des compétences de chacun",
    "en lien avec les services académiques",
    "sur l'ensemble du territoire",
    "au bénéfice des élèves et des familles",
    "dans un cadre budgétaire contraint",
    "en tenant compte des retours d'expérience",
    "à l'échelle des bassins de vie",
    "pour les trois prochaines années",
    "en concertation avec les partenaires",
    "dès la prochaine rentrée scolaire",
    "selon un calendrier partagé",
    "afin de réduire les inégalités territoriales",
)
TOPICS = (
    "l'équipement des écoles",
    "les espaces numériques de travail",
    "la formation au numérique",
    "la protection des données",
    "la connectivité des territoires",
    "les ressources pédagogiques",
    "l'accessibilité numérique",
    "la sobriété numérique",
    "la maintenance des équipements",
    "l'inclusion numérique",
    "la cybersécurité",
    "le financement des projets",
    "la gouvernance du numérique éducatif",
    "les manuels numériques",
    "l'intelligence artificielle à l'école",
)
HEADINGS = ("Contexte", "Constats", "Analyse", "Enjeux", "Recommandations", "Suites proposées", "Points de vigilance")
PEOPLE_FIRST = ("Claire", "Jean", "Sophie", "Marc", "Nathalie", "Pierre", "Isabelle", "Luc", "Hélène", "François")
PEOPLE_LAST = ("Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau")
ROLES = ("Représentant titulaire", "Représentante suppléante", "Chargé de mission numérique", "Vice-présidente")
WITHDRAWN_REASONS = (
    "Le sujet a été repris dans un avis plus large.",
    "La saisine a été retirée par le ministère.",
    "Les travaux ont été suspendus à la demande des rapporteurs.",
)
MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
PLACES = ("Paris", "Visioconférence", "Paris et visioconférence", "Lyon", "Bordeaux")
AGENDA_ITEMS = (
    "Ouverture de la séance",
    "Point d'actualité des partenaires",
    "Calendrier des travaux",
    "Questions diverses",
    "Retours d'expérience des territoires",
    "Présentation des travaux en cours",
)
OUTCOMES = ("Adopté.", "Adopté après échanges.", "Adopté, sous réserve des modifications discutées en séance.")


class Text:
    """Sentences, paragraphs and Markdown bodies drawn from one random generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def sentence(self) -> str:
        r = self.rng
        subject = r.choice(SUBJECTS)
        verb = r.choice(VERBS)[1 if subject.startswith("Les ") else 0]
        return f"{subject} {verb} {r.choice(OBJECTS)} {r.choice(COMPLEMENTS)}."

    def paragraph(self, sentences: int) -> str:
        return " ".join(self.sentence() for _ in range(sentences))

    def title(self, kind: str) -> str:
        prefix = {"opinion": "Avis sur", "recommendation": "Recommandation relative à", "contribution": "Contribution"}
        topic = self.rng.choice(TOPICS)
        if kind == "contribution":
            return f"{prefix[kind]} du comité sur {topic}"
        return f"{prefix[kind]} {topic}"

    def body(self, low: int = 1000, high: int = 3000) -> str:
        """Markdown of ``low``-``high`` bytes: headed sections, paragraphs, a list."""
        target = self.rng.randint(low, high)
        parts: list[str] = []
        size = 0
        headings = list(HEADINGS)
        self.rng.shuffle(headings)
        while size < target:
            heading = headings.pop() if headings else "Compléments"
            section = [f"## {heading}", self.paragraph(self.rng.randint(1, 3))]
            if self.rng.random() < 0.4:
                section.append("\n".join(f"- {self.sentence()}" for _ in range(self.rng.randint(2, 4))))
            chunk = "\n\n".join(section)
            parts.append(chunk)
            size += len(chunk.encode("utf-8")) + 2
        return "\n\n".join(parts)

    def person(self) -> str:
        return f"{self.rng.choice(PEOPLE_FIRST)} {self.rng.choice(PEOPLE_LAST)}"


# --- records -----------------------------------------------------------------------------------


def _day(d: date) -> str:
    return d.isoformat()


def _seed_records(folder: str) -> list[dict[str, Any]]:
    return [read_record(p).data for p in sorted((resources.seed_dir() / folder).glob("*.yaml"))]


def make_partners(rng: random.Random, text: Text) -> list[dict[str, Any]]:
    partners = _seed_records("partners")[:PARTNERS]
    categories = ("network", "public-institution", "company", "other")
    kinds = {
        "network": "Réseau",
        "public-institution": "Établissement public",
        "company": "Société",
        "other": "Association",
    }
    number = 0
    while len(partners) < PARTNERS:
        number += 1
        category = rng.choice(categories)
        joined = date(2016, 1, 1) + timedelta(days=rng.randint(0, 365 * 6))
        record: dict[str, Any] = {
            "id": f"partenaire-{number:02d}",
            "acronym": f"P{number:02d}",
            "name": f"{kinds[category]} pour {rng.choice(TOPICS)} n° {number}",
            "category": category,
            "membership": "associated",
            "joined": _day(joined),
        }
        if rng.random() < 0.2:
            record["left"] = _day(joined + timedelta(days=rng.randint(400, 2000)))
        if rng.random() < 0.5:
            record["website"] = f"https://partenaire-{number:02d}.example.org"
        if rng.random() < 0.6:
            record["representatives"] = [
                {"name": text.person(), "role": rng.choice(ROLES), "since": _day(joined)}
                for _ in range(rng.randint(1, 2))
            ]
        record["notes"] = text.paragraph(2)
        partners.append(record)
    return partners


def make_themes(rng: random.Random, text: Text) -> list[dict[str, Any]]:
    themes = _seed_records("themes")[:THEMES]
    number = max((int(t["number"]) for t in themes), default=0)
    while len(themes) < THEMES:
        number += 1
        topic = TOPICS[number % len(TOPICS)]
        themes.append(
            {
                "id": f"theme-{number:02d}",
                "number": number,
                "title": topic[0].upper() + topic[1:],
                "summary": text.paragraph(2),
                "description": text.paragraph(3) + "\n" + text.paragraph(2),
                "status": "archived" if rng.random() < 0.2 else "active",
            }
        )
    return themes


def make_referentials(rng: random.Random, text: Text) -> list[dict[str, Any]]:
    referentials = _seed_records("referentials")[:REFERENTIALS]
    number = 0
    while len(referentials) < REFERENTIALS:
        number += 1
        versions = []
        year = rng.randint(2012, 2018)
        for major in range(1, rng.randint(2, 5)):
            year += rng.randint(1, 3)
            versions.append({"version": f"{major}.0", "date": _day(date(year, rng.randint(1, 12), 1))})
        referentials.append(
            {
                "id": f"referentiel-{number:02d}",
                "acronym": f"REF{number:02d}",
                "title": f"Référentiel national pour {rng.choice(TOPICS)}",
                "owner": "Ministère de l'Éducation nationale",
                "domains": rng.sample(["resources", "equipment", "uses", "training"], rng.randint(1, 3)),
                "url": f"https://referentiel-{number:02d}.example.org",
                "versions": versions,
                "status": "active",
                "notes": text.paragraph(2),
            }
        )
    # a few referentials superseded by a generated successor
    generated = [r for r in referentials if r["id"].startswith("referentiel-")]
    for old, new in zip(generated[:3], generated[3:6], strict=False):
        old["status"] = "superseded"
        old["superseded_by"] = new["id"]
    return referentials


def _member_of(partner: Mapping[str, Any], day: str) -> bool:
    """Whether ``partner`` was a member of the committee on ``day`` (the same rule as validation)."""
    return bool(partner["joined"] <= day and ("left" not in partner or day <= partner["left"]))


def _members_on(partners: list[dict[str, Any]], day: str) -> list[str]:
    return [p["id"] for p in partners if _member_of(p, day)]


OPINION_STATUSES = ("draft", "consultation", "adopted", "published", "withdrawn")
OPINION_WEIGHTS = (10, 8, 15, 60, 7)


def meeting_count(size: int) -> int:
    """Meetings in a corpus of ``size`` opinions: one per ``OPINIONS_PER_MEETING``, at least ``MIN_MEETINGS``."""
    return max(MIN_MEETINGS, size // OPINIONS_PER_MEETING)


def make_opinions(
    rng: random.Random,
    text: Text,
    size: int,
    themes: list[str],
    partners: list[dict[str, Any]],
    *,
    per_year: int = PER_YEAR,
) -> list[dict[str, Any]]:
    years = max(1, -(-size // per_year))
    yearly = [size // years + (1 if y < size % years else 0) for y in range(years)]
    opinions: list[dict[str, Any]] = []
    partner_ids = [p["id"] for p in partners]
    for offset, count in enumerate(yearly):
        year = FIRST_YEAR + offset
        days = sorted(rng.randint(0, 364) for _ in range(count))
        for seq, day in enumerate(days, start=1):
            created = date(year, 1, 1) + timedelta(days=day)
            kind = rng.choice(("opinion", "opinion", "recommendation", "contribution"))
            status = rng.choices(OPINION_STATUSES, OPINION_WEIGHTS)[0]
            dates: dict[str, str] = {"created": _day(created)}
            if rng.random() < 0.3:
                dates["referred"] = _day(created + timedelta(days=rng.randint(0, 10)))
            moment = created
            if status in ("consultation", "adopted", "published"):
                moment += timedelta(days=rng.randint(10, 60))
                dates["consultation"] = _day(moment)
            if status in ("adopted", "published"):
                moment += timedelta(days=rng.randint(10, 90))
                dates["adopted"] = _day(moment)
            if status == "published":
                moment += timedelta(days=rng.randint(5, 30))
                dates["published"] = _day(moment)
            if status == "withdrawn":
                dates["withdrawn"] = _day(created + timedelta(days=rng.randint(5, 120)))
            origin = rng.choice(("self", "member", "government"))
            referral: dict[str, str] = {"origin": origin}
            if origin == "member":
                referral["by"] = rng.choice(partner_ids)
            record: dict[str, Any] = {
                "id": f"OP-{year}-{seq:03d}",
                "kind": kind,
                "title": text.title(kind),
                "status": status,
                "themes": rng.sample(themes, rng.randint(1, 3)),
                "rapporteurs": rng.sample(partner_ids, rng.randint(1, 3)),
                "referral": referral,
                "dates": dates,
            }
            if rng.random() < 0.8:
                record["summary"] = text.paragraph(rng.randint(1, 2))
            record["body"] = text.body()
            if "adopted" in dates:
                members = _members_on(partners, dates["adopted"])
                voters = rng.sample(members, min(len(members), rng.randint(0, 8)))
                mode = rng.choice(("consensus", "vote")) if voters else "consensus"
                decision: dict[str, Any] = {"mode": mode}
                if mode == "vote":  # a consensus records no position for or against: none at all here
                    decision["positions"] = [
                        {"partner": v, "position": rng.choices(("for", "against", "abstain"), (8, 1, 1))[0]}
                        for v in voters
                    ]
                    if rng.random() < 0.3:
                        decision["positions"][0]["note"] = text.sentence()
                record["decision"] = decision
            if rng.random() < 0.5:
                record["references"] = [
                    {
                        "title": f"Rapport sur {rng.choice(TOPICS)}",
                        "url": f"https://example.org/rapports/{rng.randint(1, 9999)}",
                    }
                    for _ in range(rng.randint(1, 3))
                ]
            if opinions and rng.random() < 0.3:
                record["related"] = sorted({rng.choice(opinions)["id"] for _ in range(rng.randint(1, 2))})
            if rng.random() < 0.5:
                record["tags"] = sorted(
                    set(
                        rng.sample(
                            ("numérique", "école", "collectivités", "données", "formation", "équipement"),
                            rng.randint(1, 3),
                        )
                    )
                )
            if status == "withdrawn":
                record["withdrawn_reason"] = rng.choice(WITHDRAWN_REASONS)
            if rng.random() < 0.1:
                record["notes"] = text.sentence()
            opinions.append(record)
    return opinions


def make_reviews(
    rng: random.Random,
    text: Text,
    *,
    count: int,
    themes: list[str],
    partners: list[dict[str, Any]],
    referentials: list[dict[str, Any]],
    opinions: list[dict[str, Any]],
    per_year: int = PER_YEAR,
) -> list[dict[str, Any]]:
    if count == 0:
        return []
    years = max(1, -(-len(opinions) // per_year))
    reviews: list[dict[str, Any]] = []
    partner_ids = [p["id"] for p in partners]
    published = [o["id"] for o in opinions if o["status"] == "published"]
    yearly = [count // years + (1 if y < count % years else 0) for y in range(years)]
    for offset, n in enumerate(yearly):
        year = FIRST_YEAR + offset
        days = sorted(rng.randint(0, 364) for _ in range(n))
        for seq, day in enumerate(days, start=1):
            opened = date(year, 1, 1) + timedelta(days=day)
            referential = rng.choice(referentials)
            versions = [v["version"] for v in referential.get("versions", [])]
            status = rng.choices(("planned", "in-progress", "concluded", "abandoned"), (1, 2, 6, 1))[0]
            if versions:
                version = versions[-1] if status in ("planned", "in-progress") else rng.choice(versions)
            else:
                version = str(year)
            dates = {"opened": _day(opened)}
            if status == "concluded":
                dates["concluded"] = _day(opened + timedelta(days=rng.randint(30, 200)))
            record: dict[str, Any] = {
                "id": f"REV-{year}-{seq:03d}",
                "title": f"Examen du référentiel {referential['acronym']} ({version})",
                "referential": referential["id"],
                "version": version,
                "status": status,
                "themes": rng.sample(themes, rng.randint(1, 2)),
                "rapporteurs": rng.sample(partner_ids, rng.randint(1, 2)),
                "dates": dates,
                "summary": text.paragraph(2),
                "findings": [text.sentence() for _ in range(rng.randint(1, 4))],
            }
            if status == "concluded":
                record["recommendations"] = [text.sentence() for _ in range(rng.randint(1, 3))]
                if published and rng.random() < 0.5:
                    record["outcome"] = rng.choice(published)
            reviews.append(record)
    return reviews


def _french_day(d: date) -> str:
    """« 1er mars 2019 », « 12 mars 2019 »."""
    return f"{'1er' if d.day == 1 else d.day} {MONTHS[d.month - 1]} {d.year}"


def make_groups(
    rng: random.Random,
    text: Text,
    *,
    count: int,
    themes: list[str],
    partners: list[dict[str, Any]],
    first: date,
    last: date,
) -> list[dict[str, Any]]:
    """Working groups created over the first three quarters of the period, some closed since.

    Each has a lead who never leaves the committee; its members are committee members when they
    join, and leave the group no later than they leave the committee.
    """
    groups: list[dict[str, Any]] = []
    span = (last - first).days
    for number in range(1, count + 1):
        created = first + timedelta(days=rng.randint(0, span * 3 // 4))
        started = _day(created)
        closed: str | None = None
        if rng.random() < 0.3 and created + timedelta(days=900) <= last:
            closed = _day(created + timedelta(days=rng.randint(180, 900)))
        end = closed or _day(last)
        candidates = [p for p in partners if _member_of(p, started)]
        lead = rng.choice([p for p in candidates if "left" not in p])
        others = [p for p in candidates if p is not lead]
        members: list[dict[str, Any]] = [{"partner": lead["id"], "role": "lead", "joined": started}]
        for partner in rng.sample(others, min(len(others), rng.randint(3, 9))):
            joined = started
            if rng.random() < 0.3:  # joined later, while still a member of the committee
                later = _day(created + timedelta(days=rng.randint(1, 300)))
                if later <= end and _member_of(partner, later):
                    joined = later
            member: dict[str, Any] = {"partner": partner["id"], "role": "member", "joined": joined}
            left = partner.get("left")
            if isinstance(left, str) and (closed is None or left < closed):
                member["left"] = left  # leaves the group when it leaves the committee
            elif rng.random() < 0.15:
                early = _day(date.fromisoformat(joined) + timedelta(days=rng.randint(30, 400)))
                if early < end:
                    member["left"] = early
            members.append(member)
        topic = rng.choice(TOPICS)
        record: dict[str, Any] = {
            "id": f"gt-{number:02d}",
            "title": f"Groupe de travail sur {topic}",
            "mandate": text.paragraph(rng.randint(2, 3)),
            "themes": rng.sample(themes, rng.randint(1, 2)),
            "members": members,
            "status": "closed" if closed else "active",
            "created": started,
        }
        if closed:
            record["closed"] = closed
        if rng.random() < 0.2:
            record["notes"] = text.sentence()
        groups.append(record)
    return groups


def _alive(group: Mapping[str, Any], day: str) -> bool:
    return bool(group["created"] <= day and ("closed" not in group or day <= group["closed"]))


def assign_prepared_by(rng: random.Random, opinions: list[dict[str, Any]], groups: list[dict[str, Any]]) -> None:
    """About one text in eight was prepared by a working group that existed when it was created."""
    for opinion in opinions:
        if rng.random() < 0.125:
            alive = [g["id"] for g in groups if _alive(g, opinion["dates"]["created"])]
            if alive:
                opinion["prepared_by"] = rng.choice(alive)


def _attendance(rng: random.Random, invited: list[str]) -> list[dict[str, Any]]:
    """Each partner invited, its presence; a represented one gives its proxy to a member present."""
    presences = rng.choices(("present", "excused", "absent", "represented"), (75, 10, 7, 8), k=len(invited))
    if invited and "present" not in presences:
        presences[0] = "present"
    present = [p for p, presence in zip(invited, presences, strict=True) if presence == "present"]
    lines: list[dict[str, Any]] = []
    for partner, presence in zip(invited, presences, strict=True):
        line: dict[str, Any] = {"partner": partner, "presence": presence}
        if presence == "represented":
            line["represented_by"] = rng.choice(present)
        lines.append(line)
    return lines


def make_meetings(
    rng: random.Random,
    text: Text,
    *,
    count: int,
    years: int,
    partners: list[dict[str, Any]],
    groups: list[dict[str, Any]],
    opinions: list[dict[str, Any]],
    reviews: list[dict[str, Any]],
) -> list[dict[str, Any]]:
    """``count`` meetings over the opinions' years: 60 % plenaries, 25 % working groups, the rest events.

    Plenaries fall on days texts were adopted; a held one adopts most texts adopted since the
    previous one (``decision.meeting``, ``dates.adopted`` moved to its day, the text on its agenda,
    positions only from members present or represented). The last weeks' meetings are still
    planned; most held ones have their minutes approved at the next held plenary. Changes
    ``opinions`` in place (``dates.adopted``, ``decision``).
    """
    horizon = _day(date(FIRST_YEAR + years - 1, 12, 31) - timedelta(days=45))
    adopted_on: dict[str, list[dict[str, Any]]] = {}
    for opinion in opinions:
        if "decision" in opinion:
            adopted_on.setdefault(opinion["dates"]["adopted"], []).append(opinion)
    adoptions = sorted((o["dates"]["adopted"], i) for i, o in enumerate(opinions) if "decision" in o)
    since = ""  # the day of the previous held plenary
    created = sorted((o["dates"]["created"], o["id"]) for o in opinions)
    opened = sorted((r["dates"]["opened"], r["id"]) for r in reviews)
    meetings: list[dict[str, Any]] = []
    yearly = [count // years + (1 if y < count % years else 0) for y in range(years)]
    events = 0  # public events so far: sharing days and consensus conferences alternate
    for offset, n in enumerate(yearly):
        year = FIRST_YEAR + offset
        plenaries = max(1, round(n * 0.6)) if n else 0
        working = min(n - plenaries, round(n * 0.25))
        types = ["plenary"] * plenaries + ["working-group"] * working
        for _ in range(n - len(types)):
            types.append("sharing-day" if events % 2 == 0 else "consensus-conference")
            events += 1
        adoption_days = sorted(d for d in adopted_on if d.startswith(f"{year}-"))
        plenary_days = rng.sample(adoption_days, min(plenaries, len(adoption_days)))
        drafted: list[dict[str, Any]] = []
        for wanted in types:
            day = _day(date(year, 1, 1) + timedelta(days=rng.randint(0, 364)))
            drafted_one: dict[str, Any] = {"type": wanted, "date": day}
            if wanted == "plenary" and plenary_days:
                drafted_one["date"] = plenary_days.pop()
            elif wanted == "working-group":
                alive = [g for g in groups if _alive(g, day)]
                if alive:
                    drafted_one["group"] = rng.choice(alive)["id"]
                else:  # no group at work that day
                    drafted_one["type"] = "sharing-day"
            drafted.append(drafted_one)
        drafted.sort(key=lambda m: (m["date"], m["type"]))
        for seq, meeting in enumerate(drafted, start=1):
            meeting["id"] = f"MTG-{year}-{seq:03d}"
            meetings.append(meeting)
    by_group = {g["id"]: g for g in groups}
    prepared: dict[str, list[str]] = {}
    for opinion in opinions:
        if "prepared_by" in opinion:
            prepared.setdefault(opinion["prepared_by"], []).append(opinion["id"])

    def before(pairs: list[tuple[str, str]], day: str) -> str | None:
        """The id of a record dated on or before ``day``, at random (None: there is none)."""
        known = bisect.bisect_right(pairs, (day, "~"))
        return pairs[rng.randrange(known)][1] if known else None

    records: list[dict[str, Any]] = []
    for meeting in meetings:
        kind, day = meeting["type"], meeting["date"]
        when = date.fromisoformat(day)
        if day > horizon:
            status = "cancelled" if rng.random() < 0.1 else "planned"
        else:
            status = "cancelled" if rng.random() < 0.04 else "held"
        if kind == "plenary":
            title = f"Séance plénière du {_french_day(when)}"
        elif kind == "working-group":
            title = f"{by_group[meeting['group']]['title']} : réunion du {_french_day(when)}"
        elif kind == "sharing-day":
            title = f"Journée de partage sur {rng.choice(TOPICS)}"
        else:
            title = f"Conférence de consensus sur {rng.choice(TOPICS)}"
        record: dict[str, Any] = {"id": meeting["id"], "type": kind, "title": title, "date": day, "status": status}
        if rng.random() < 0.7:
            record["place"] = rng.choice(PLACES)
        if "group" in meeting:
            record["group"] = meeting["group"]
        agenda: list[dict[str, Any]] = [{"title": rng.choice(AGENDA_ITEMS)}]
        if kind in ("plenary", "working-group") and status == "held":
            if kind == "plenary":
                invited = [p["id"] for p in partners if _member_of(p, day)]
            else:
                group = by_group[meeting["group"]]
                invited = [
                    m["partner"]
                    for m in group["members"]
                    if m["joined"] <= day and ("left" not in m or day <= m["left"])
                ]
            record["attendance"] = _attendance(rng, invited)
        if kind == "plenary":
            if status == "held":
                attending = {a["partner"] for a in record["attendance"] if a["presence"] in ("present", "represented")}
                # texts adopted since the previous held plenary: most were adopted at this one
                low = bisect.bisect_right(adoptions, (since, len(opinions)))
                high = bisect.bisect_right(adoptions, (day, len(opinions)))
                since = day
                for _adopted, number in adoptions[low:high]:
                    opinion = opinions[number]
                    if opinion["dates"].get("published", day) >= day and rng.random() < 0.6:
                        _adopt_at(rng, opinion, record["id"], day, attending)
                        agenda.append(
                            {
                                "title": f"Examen du texte {opinion['id']}",
                                "opinion": opinion["id"],
                                "outcome": rng.choice(OUTCOMES),
                            }
                        )
            if rng.random() < 0.5 and (other := before(created, day)) is not None:
                agenda.append({"title": f"Présentation du projet de texte {other}", "opinion": other})
            if rng.random() < 0.2 and (review := before(opened, day)) is not None:
                agenda.append({"title": f"Point d'étape de l'examen {review}", "review": review})
        elif kind == "working-group" and prepared.get(meeting["group"]):
            opinion_id = rng.choice(prepared[meeting["group"]])
            agenda.append({"title": f"Préparation du texte {opinion_id}", "opinion": opinion_id})
        else:
            agenda.append({"title": rng.choice(AGENDA_ITEMS)})
        record["agenda"] = agenda
        if kind in ("sharing-day", "consensus-conference") and status == "held":
            record["audience"] = rng.randint(40, 400)
        if status == "held" and rng.random() < 0.6:
            record["minutes"] = text.body(400, 1200)
        if rng.random() < 0.1:
            record["notes"] = text.sentence()
        records.append(record)
    # minutes approved at the next held plenary (strictly later)
    held_plenaries = [r for r in records if r["type"] == "plenary" and r["status"] == "held"]
    days = [r["date"] for r in held_plenaries]
    for record in records:
        if record["status"] != "held" or record["type"] not in ("plenary", "working-group") or rng.random() >= 0.75:
            continue
        after = bisect.bisect_right(days, record["date"])
        if after < len(held_plenaries):
            record["status"] = "minutes-approved"
            record.setdefault("minutes", text.body(400, 1200))
            record["minutes_approved_at"] = held_plenaries[after]["id"]
    return records


def _adopt_at(rng: random.Random, opinion: dict[str, Any], meeting: str, day: str, attending: set[str]) -> None:
    """The text was adopted at ``meeting`` on ``day``: its positions are those of members present or represented."""
    opinion["dates"]["adopted"] = day
    decision = opinion["decision"]
    decision["meeting"] = meeting
    if decision["mode"] != "vote":
        return
    positions = [p for p in decision["positions"] if p["partner"] in attending]
    if not positions:
        positions = [{"partner": rng.choice(sorted(attending)), "position": "for"}]
    decision["positions"] = positions


# --- follow-up actions -------------------------------------------------------------------------

ACTIONS_PER_SIZE = 5  # one action per 5 opinions (2,000 at size 10,000)
ACTION_TASKS = (
    "Transmettre le texte {source} aux recteurs d'académie",
    "Diffuser les recommandations de {source} aux collectivités",
    "Présenter {source} aux délégués académiques au numérique",
    "Recenser les besoins des établissements après {source}",
    "Rédiger une fiche pratique tirée de {source}",
    "Saisir le ministère des suites à donner à {source}",
    "Préparer un bilan d'étape de {source} pour la prochaine séance",
    "Organiser un webinaire de présentation de {source}",
    "Mettre à jour le guide des achats numériques après {source}",
)
ACTION_STATUSES = ("open", "in-progress", "done", "dropped")
ACTION_WEIGHTS = (20, 15, 50, 15)
DROPPED_REASONS = (
    "Repris dans un autre chantier du comité.",
    "Sans objet après la publication du décret.",
    "Le partenaire responsable a réorienté ses travaux.",
)


def make_actions(
    rng: random.Random,
    text: Text,
    *,
    count: int,
    partners: list[dict[str, Any]],
    opinions: list[dict[str, Any]],
    meetings: list[dict[str, Any]],
) -> list[dict[str, Any]]:
    """``count`` follow-up actions, valid against every rule of the kind.

    Each follows up a text adopted (70 %) or a meeting held, and opens on its day or within two
    months after; its owner is a member that day (a member still in the committee, when the action
    is still open or in progress: an owner who left would be a warning); due one to twelve months
    later; half are done (with their result), the rest open, in progress or dropped.
    """
    texts = [(o["dates"]["adopted"], o["id"]) for o in opinions if "adopted" in o["dates"]]
    held = [(m["date"], m["id"]) for m in meetings if m["status"] in ("held", "minutes-approved")]
    if not texts and not held:
        return []
    staying = [p for p in partners if "left" not in p]
    drafted: list[dict[str, Any]] = []
    for _ in range(count):
        day, source = rng.choice(texts if texts and (not held or rng.random() < 0.7) else held)
        opened = date.fromisoformat(day) + timedelta(days=rng.randint(0, 60))
        status = rng.choices(ACTION_STATUSES, ACTION_WEIGHTS)[0]
        pool = [p for p in (partners if status in ("done", "dropped") else staying) if _member_of(p, _day(opened))]
        if not pool:
            continue
        dates = {"opened": _day(opened)}
        record: dict[str, Any] = {
            "title": rng.choice(ACTION_TASKS).format(source=source),
            "source": source,
            "owner": rng.choice(pool)["id"],
            "due": _day(opened + timedelta(days=rng.randint(30, 365))),
            "status": status,
            "dates": dates,
        }
        started = opened + timedelta(days=rng.randint(1, 30))
        if status in ("in-progress", "done") or (status == "dropped" and rng.random() < 0.5):
            dates["started"] = _day(started)
        if status == "done":
            dates["done"] = _day(started + timedelta(days=rng.randint(1, 150)))
            record["result"] = text.sentence()
        elif status == "dropped":
            dates["dropped"] = _day(started + timedelta(days=rng.randint(1, 90)))
            if rng.random() < 0.6:
                record["dropped_reason"] = rng.choice(DROPPED_REASONS)
        if rng.random() < 0.1:
            record["notes"] = text.sentence()
        drafted.append(record)
    drafted.sort(key=lambda r: (r["dates"]["opened"], r["source"]))
    actions: list[dict[str, Any]] = []
    numbers: dict[str, int] = {}
    for record in drafted:
        year = record["dates"]["opened"][:4]
        numbers[year] = numbers.get(year, 0) + 1
        if numbers[year] <= 999:  # ids are ACT-YYYY-NNN
            actions.append({"id": f"ACT-{year}-{numbers[year]:03d}", **record})
    return actions


# --- practices ---------------------------------------------------------------------------------

PRACTICES_PER_HUNDRED = 3  # practices: 3 per 100 opinions (300 at size 10,000), at least MIN_PRACTICES
MIN_PRACTICES = 10
TERRITORIES = (
    "Académie de Lille",
    "Académie de Lyon",
    "Académie de Nantes",
    "Département du Gers",
    "Département de la Seine-Saint-Denis",
    "Région Bretagne",
    "Région Occitanie",
    "Métropole de Lyon",
    "Communauté de communes du Val de Loire",
    "La Réunion",
    "Guyane",
    "Ville de Grenoble",
    "National",
)
PRACTICE_SUBJECTS = {
    "good-practice": "Bonne pratique",
    "initiative": "Initiative",
    "experiment": "Expérimentation",
}


def practice_count(size: int) -> int:
    """Practices in a corpus of ``size`` opinions: 3 per 100, at least ``MIN_PRACTICES``."""
    return max(MIN_PRACTICES, size * PRACTICES_PER_HUNDRED // 100)


def make_practices(
    seed: int,
    *,
    count: int,
    themes: list[str],
    partners: list[dict[str, Any]],
    meetings: list[dict[str, Any]],
    first: date,
    last: date,
) -> list[dict[str, Any]]:
    """``count`` practices proposed over the period: about half endorsed, some retired since.

    Drawn from their own generator (``seed`` and the word ``practices``), so that adding them changes
    no other record. An endorsed practice was endorsed at a held plenary, sharing day or consensus
    conference after it was proposed, on that meeting's day; its partners were members on the day it
    was proposed.
    """
    rng = random.Random(f"{seed}-practices")
    text = Text(rng)
    kinds = PRACTICE_SUBJECTS
    domains = KINDS["practice"].enum(("domain",))
    actors = KINDS["practice"].enum(("actors",))
    types = KINDS["practice"].enum(("type",))
    endorsing = sorted(
        (m["date"], m["id"])
        for m in meetings
        if m["type"] != "working-group" and m["status"] in ("held", "minutes-approved")
    )
    span = (last - first).days
    practices: list[dict[str, Any]] = []
    for number in range(1, count + 1):
        proposed = _day(first + timedelta(days=rng.randint(0, span - 30)))
        kind = rng.choice(types)
        record: dict[str, Any] = {
            "id": f"pratique-{number:04d}",
            "type": kind,
            "title": f"{kinds[kind]} sur {rng.choice(TOPICS)}",
            "domain": rng.choice(domains),
            "summary": text.paragraph(rng.randint(1, 2)),
        }
        if rng.random() < 0.5:
            record["body"] = text.body(500, 1500)
        record["actors"] = rng.sample(actors, rng.randint(1, 3))
        record["territory"] = rng.choice(TERRITORIES)
        if rng.random() < 0.8:
            start = date.fromisoformat(proposed) - timedelta(days=rng.randint(-60, 700))
            record["period"] = {"start": _day(start)}
            if rng.random() < 0.4:
                record["period"]["end"] = _day(start + timedelta(days=rng.randint(30, 720)))
        record["themes"] = rng.sample(themes, rng.randint(1, 2))
        members = _members_on(partners, proposed)
        if members and rng.random() < 0.8:
            record["partners"] = rng.sample(members, min(len(members), rng.randint(1, 3)))
        dates: dict[str, str] = {"proposed": proposed}
        later = endorsing[bisect.bisect_right(endorsing, (proposed, "~")) :][:4]
        roll = rng.random()
        if later and roll < 0.55:
            day, meeting = rng.choice(later)
            dates["endorsed"] = day
            record["endorsed_at"] = meeting
        status = "endorsed" if "endorsed" in dates else "proposed"
        since = date.fromisoformat(dates.get("endorsed", proposed))
        if (roll < 0.1 or roll >= 0.85) and since + timedelta(days=60) <= last:
            dates["retired"] = _day(since + timedelta(days=rng.randint(30, min(900, (last - since).days))))
            status = "retired"
        record["status"] = status
        record["dates"] = dates
        if rng.random() < 0.3:
            record["references"] = [
                {
                    "title": f"Retour d'expérience : {rng.choice(TOPICS)}",
                    "url": f"https://example.org/pratiques/{number}",
                }
            ]
        if rng.random() < 0.1:
            record["notes"] = text.sentence()
        practices.append(record)
    return practices


def practice_draft(record: Mapping[str, Any]) -> dict[str, Any] | None:
    """A practice as first committed: proposed (None when it still is)."""
    if record["status"] == "proposed":
        return None
    first = {k: v for k, v in record.items() if k != "endorsed_at"}
    first["status"] = "proposed"
    first["dates"] = {"proposed": record["dates"]["proposed"]}
    return first


def draft_of(record: Mapping[str, Any]) -> dict[str, Any] | None:
    """The record as it was first committed (a draft or a planned review), or None if it starts as it is."""
    if record["id"].startswith("OP-"):
        if record["status"] == "draft":
            return None
        first = {k: v for k, v in record.items() if k not in ("decision", "withdrawn_reason")}
        first["status"] = "draft"
        first["dates"] = {k: v for k, v in record["dates"].items() if k in ("created", "referred")}
        return first
    if record["id"].startswith("REV-") and record["status"] in ("concluded", "abandoned"):
        first = {k: v for k, v in record.items() if k not in ("recommendations", "outcome")}
        first["status"] = "in-progress"
        first["dates"] = {"opened": record["dates"]["opened"]}
        return first
    if record["id"].startswith("MTG-"):
        if record["status"] == "planned":
            return None
        first = {
            k: v for k, v in record.items() if k not in ("attendance", "audience", "minutes", "minutes_approved_at")
        }
        first["status"] = "planned"
        first["agenda"] = [{k: v for k, v in item.items() if k != "outcome"} for item in record["agenda"]]
        return first
    if record["id"].startswith("ACT-"):
        if record["status"] == "open":
            return None
        first = {k: v for k, v in record.items() if k not in ("result", "dropped_reason")}
        first["status"] = "open"
        first["dates"] = {"opened": record["dates"]["opened"]}
        return first
    if record["id"].startswith("pratique-"):
        return practice_draft(record)
    if record["id"].startswith("gt-"):
        members = [{k: v for k, v in m.items() if k != "left"} for m in record["members"]]
        first = {k: v for k, v in record.items() if k != "closed"}
        first["status"] = "active"
        first["members"] = [m for m in members if m["joined"] == record["created"]]
        return None if first == record else first
    return None


def span_of(record: Mapping[str, Any], meeting_days: Mapping[str, str]) -> tuple[str, str]:
    """The day a record is first committed and the day it reaches its final state."""
    if record["id"].startswith("MTG-"):
        start = _day(date.fromisoformat(record["date"]) - timedelta(days=21))
        approved = record.get("minutes_approved_at")
        return start, meeting_days[approved] if approved else record["date"]
    if record["id"].startswith("gt-"):
        days = [record["created"], record.get("closed", "")]
        days += [m.get(k, "") for m in record["members"] for k in ("joined", "left")]
        return record["created"], max(days)
    dates = record["dates"]
    begin = next(dates[name] for name in ("created", "opened", "proposed") if name in dates)
    return begin, max(dates.values())


# --- the repository ----------------------------------------------------------------------------


@dataclass
class Corpus:
    """What was generated, for the benchmark to report."""

    root: Path
    size: int
    seed: int
    counts: dict[str, int] = field(default_factory=dict)
    commits: int = 0
    bytes: int = 0
    seconds: float = 0.0

    @property
    def records(self) -> int:
        return sum(self.counts.values())


def _git(root: Path, *args: str, input: bytes | None = None) -> str:
    done = subprocess.run(
        ["git", *args], cwd=root, input=input, capture_output=True, check=False, env={**os.environ, **GIT_ENV}
    )
    if done.returncode != 0:
        raise RuntimeError(f"git {args[0]} failed: {done.stderr.decode(errors='replace')}")
    return done.stdout.decode()


def _init(root: Path) -> None:
    """``cpne init --no-seed`` with a fixed identity and date (so the history is deterministic)."""
    root.mkdir(parents=True)
    _git(root, "init", "--quiet")  # its own repository, even inside another work tree
    cpne = Path(sys.executable).with_name("cpne")
    command = [str(cpne)] if cpne.exists() else [sys.executable, "-c", "from cpne.cli.app import main; main()"]
    done = subprocess.run(
        [*command, "init", str(root), "--no-seed"],
        capture_output=True,
        encoding="utf-8",
        check=False,
        env={**os.environ, **GIT_ENV},
    )
    if done.returncode != 0:
        raise RuntimeError(f"cpne init failed: {done.stderr}")


def _stream(batches: list[tuple[str, int, list[tuple[str, str]]]], parent: str, branch: str) -> Iterator[bytes]:
    """A fast-import stream: one commit per batch of (path, text), on top of ``parent``."""
    name, email = AUTHOR[: AUTHOR.index(" <")], AUTHOR[AUTHOR.index("<") + 1 : -1]
    for mark, (message, stamp, files) in enumerate(batches, start=1):
        raw_message = message.encode("utf-8")
        head = [
            f"commit refs/heads/{branch}",
            f"mark :{mark}",
            f"author {name} <{email}> {stamp} +0200",
            f"committer {name} <{email}> {stamp} +0200",
            f"data {len(raw_message)}",
        ]
        chunk = "\n".join(head).encode("utf-8") + b"\n" + raw_message + b"\n"
        chunk += (f"from {parent}\n" if mark == 1 else f"from :{mark - 1}\n").encode()
        for path, text in files:
            raw = text.encode("utf-8")
            chunk += f"M 100644 inline {path}\ndata {len(raw)}\n".encode() + raw + b"\n"
        yield chunk + b"\n"


def _stamp(day: str, salt: int) -> int:
    return calendar.timegm(date.fromisoformat(day).timetuple()) + 9 * 3600 + salt


def generate(
    dest: Path, size: int = 10_000, seed: int = DEFAULT_SEED, *, force: bool = False, per_year: int = PER_YEAR
) -> Corpus:
    """Build the corpus at ``dest`` (which must not exist, unless ``force``).

    ``per_year``: opinions per year at most; the records spread over as many years as that needs
    (a small value spreads a small corpus over several years, for tests).
    """
    started = time.perf_counter()
    dest = dest.resolve()
    if dest.exists():
        if not force:
            raise FileExistsError(f"{dest} exists (use --force to replace it)")
        shutil.rmtree(dest)
    rng = random.Random(seed)
    text = Text(rng)
    partners = make_partners(rng, text)
    themes = make_themes(rng, text)
    referentials = make_referentials(rng, text)
    theme_ids = [t["id"] for t in themes]
    opinions = make_opinions(rng, text, size, theme_ids, partners, per_year=per_year)
    reviews = make_reviews(
        rng,
        text,
        count=size // 10,
        themes=theme_ids,
        partners=partners,
        referentials=referentials,
        opinions=opinions,
        per_year=per_year,
    )
    years = max(1, -(-size // per_year))
    first, last = date(FIRST_YEAR, 1, 1), date(FIRST_YEAR + years - 1, 12, 31)
    groups = make_groups(rng, text, count=GROUPS, themes=theme_ids, partners=partners, first=first, last=last)
    assign_prepared_by(rng, opinions, groups)
    meetings = make_meetings(
        rng,
        text,
        count=meeting_count(size),
        years=years,
        partners=partners,
        groups=groups,
        opinions=opinions,
        reviews=reviews,
    )
    actions = make_actions(
        rng, text, count=size // ACTIONS_PER_SIZE, partners=partners, opinions=opinions, meetings=meetings
    )
    practices = make_practices(
        seed, count=practice_count(size), themes=theme_ids, partners=partners, meetings=meetings, first=first, last=last
    )

    _init(dest)
    schemas = {
        name: json.loads((dest / "schemas" / kind.schema_file).read_text(encoding="utf-8"))
        for name, kind in KINDS.items()
    }
    orders = {name: schema_order(schema) for name, schema in schemas.items()}

    def path_of(kind: str, record: Mapping[str, Any]) -> str:
        return f"{KINDS[kind].data_dir}/{record['id']}.yaml"

    def canonical(kind: str, record: Mapping[str, Any]) -> str:
        return dump(record, orders[kind])

    batches: list[tuple[str, int, list[tuple[str, str]]]] = []
    small = [("partner", r) for r in partners] + [("theme", r) for r in themes]
    small += [("referential", r) for r in referentials]
    meeting_days = {m["id"]: m["date"] for m in meetings}
    batches.append(
        (
            "register: partners, themes and referentials\n",
            _stamp("2015-10-01", 0),
            [(path_of(k, r), canonical(k, r)) for k, r in small],
        )
    )
    # Records arrive in date order, a few per commit; records that moved on in
    # their lifecycle arrive as drafts and get their final state in a later commit.
    events: list[tuple[str, int, str, str, str]] = []  # (day, order, subject, path, text)
    order = 0
    lifecycles: list[tuple[str, list[dict[str, Any]]]] = [
        ("group", groups),
        ("opinion", opinions),
        ("review", reviews),
        ("meeting", meetings),
        ("practice", practices),
    ]
    lifecycles.append(("action", actions))
    for kind, records in lifecycles:
        for record in records:
            path = path_of(kind, record)
            draft = draft_of(record)
            begin, end = span_of(record, meeting_days)
            order += 1
            if draft is None:
                events.append((begin, order, f"{kind} {record['id']}: new", path, canonical(kind, record)))
                continue
            events.append((begin, order, f"{kind} {record['id']}: new", path, canonical(kind, draft)))
            change = f"{draft['status']} -> {record['status']}" if draft["status"] != record["status"] else "members"
            events.append((end, order, f"{kind} {record['id']}: {change}", path, canonical(kind, record)))
    events.sort(key=lambda e: (e[0], e[1]))
    for start in range(0, len(events), PER_BATCH):
        group_events = events[start : start + PER_BATCH]
        # one path at most once per commit: the later state wins
        files = dict((e[3], e[4]) for e in group_events)
        subject = group_events[0][2] if len(group_events) == 1 else f"register: {len(group_events)} changes"
        body = "\n".join(e[2] for e in group_events)
        batches.append((f"{subject}\n\n{body}\n", _stamp(group_events[-1][0], start % 3600), list(files.items())))

    branch = _git(dest, "symbolic-ref", "--short", "HEAD").strip()
    parent = _git(dest, "rev-parse", "HEAD").strip()
    stream = b"".join(_stream(batches, parent, branch))
    _git(dest, "fast-import", "--quiet", "--force", input=stream)
    _git(dest, "reset", "--quiet", "--hard", branch)
    _git(dest, "gc", "--quiet", "--auto")
    corpus = Corpus(dest, size, seed)
    corpus.counts = {
        "partner": len(partners),
        "theme": len(themes),
        "referential": len(referentials),
        "group": len(groups),
        "opinion": len(opinions),
        "review": len(reviews),
        "meeting": len(meetings),
        "action": len(actions),
        "practice": len(practices),
    }
    corpus.commits = int(_git(dest, "rev-list", "--count", "HEAD").strip())
    corpus.bytes = sum(p.stat().st_size for p in (dest / "data").rglob("*.yaml"))
    corpus.seconds = time.perf_counter() - started
    return corpus


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("dest", type=Path, help="folder to create")
    parser.add_argument(
        "--size",
        type=int,
        default=10_000,
        help="number of opinions (reviews: a tenth; meetings: a twentieth; actions: a fifth; practices: 3 per 100)",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--force", action="store_true", help="replace DEST if it exists")
    args = parser.parse_args(argv)
    corpus = generate(args.dest, args.size, args.seed, force=args.force)
    print(
        f"{corpus.root}: {corpus.records} records ({corpus.bytes / 1e6:.1f} MB), "
        f"{corpus.commits} commits, in {corpus.seconds:.1f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
