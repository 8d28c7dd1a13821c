"""`cpne export agenda|minutes MTG`, and the meetings, working groups and events of `export report` and `register`.

The fixture register (tests/export/fixture) holds a working group, a working-group meeting, two
plenaries (one adopting OP-2024-001 by a vote, with a member represented; one adopting OP-2024-002
by consensus), a sharing day, a consensus conference and a planned plenary; `quorum: 3`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.export.conftest import cells, check_markdown


def export(repo: Path, *args: str | Path) -> tuple[int, str, str]:
    result = run_cli("--repo", repo, "export", *args)
    assert result.exception is None, result.exception
    assert "Traceback" not in result.stderr
    return result.exit_code, result.stdout, result.stderr


def ok(repo: Path, *args: str | Path) -> str:
    code, out, err = export(repo, *args)
    assert code == 0, err
    check_markdown(out)
    return out


def rows(text: str, first_cell: str) -> list[list[str]]:
    """The cells of every table row of ``text`` whose first cell is ``first_cell``."""
    found = []
    for line in text.splitlines():
        if line.startswith("|") and cells(line)[0].strip() == first_cell:
            found.append([cell.strip() for cell in cells(line)])
    return found


def set_quorum(repo: Path, quorum: int | None) -> None:
    marker = repo / "cpne.yaml"
    text = re.sub(r"^quorum: .*\n", "", marker.read_text(encoding="utf-8"), flags=re.M)
    marker.write_text(text + (f"quorum: {quorum}\n" if quorum is not None else ""), encoding="utf-8")


# --- ids -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["agenda", "minutes"])
@pytest.mark.parametrize("bad", ["../../etc/passwd", "MTG-24-1", "OP-2024-001", "MTG-2024-001.yaml", "gt-raccordement"])
def test_a_malformed_meeting_id_is_a_usage_error(fixture_repo: Path, command: str, bad: str) -> None:
    code, out, err = export(fixture_repo, command, bad)
    assert (code, out) == (2, "")
    assert f"'{bad}' is not a meeting id (example: MTG-2026-001)" in err


@pytest.mark.parametrize("command", ["agenda", "minutes"])
def test_an_unknown_meeting_is_one_clear_error(fixture_repo: Path, command: str) -> None:
    code, out, err = export(fixture_repo, command, "MTG-2024-999")
    assert (code, out) == (1, "")
    assert "no meeting MTG-2024-999 in this register" in err
    assert "cpne meeting list" in err
    assert len([line for line in err.splitlines() if line.startswith("error")]) == 1


def test_a_meeting_id_is_read_in_any_case(fixture_repo: Path) -> None:
    assert ok(fixture_repo, "minutes", "mtg-2024-002") == ok(fixture_repo, "minutes", "MTG-2024-002")


# --- options shared with the other documents -------------------------------------------------------


@pytest.mark.parametrize("command", ["agenda", "minutes"])
def test_output_check_and_date_work_as_for_an_opinion(fixture_repo: Path, tmp_path: Path, command: str) -> None:
    target = tmp_path / f"{command}.md"
    code, out, _ = export(fixture_repo, command, "MTG-2024-002", "-o", target, "--date", "2024-03-20")
    assert (code, out) == (0, "")
    text = target.read_text(encoding="utf-8")
    assert "Document établi le 20 mars 2024." in text
    assert export(fixture_repo, command, "MTG-2024-002", "--check", target, "--date", "2024-03-20")[0] == 0
    code, out, err = export(fixture_repo, command, "MTG-2024-002", "--check", target)
    assert code == 1
    assert "-Document établi le 20 mars 2024." in out
    assert "is stale" in err or "périmé" in err
    assert export(fixture_repo, command, "MTG-2024-002", "-o", target, "--check", target)[0] == 2
    assert export(fixture_repo, command, "MTG-2024-002", "--date", "2024-02-30")[0] == 2


def test_same_data_same_bytes_and_the_language_follows_lang(fixture_repo: Path) -> None:
    french = ok(fixture_repo, "minutes", "MTG-2024-002")
    assert french == ok(fixture_repo, "minutes", "MTG-2024-002")
    english = ok(fixture_repo, "minutes", "MTG-2024-002", "--lang", "en")
    assert french.splitlines()[2] == "# Procès-verbal : Séance plénière de printemps"
    assert english.splitlines()[2] == "# Minutes: Séance plénière de printemps"
    assert "- Date : 12 mars 2024" in french and "- Date: 12 March 2024" in english


def test_a_user_template_gets_the_meeting(fixture_repo: Path, tmp_path: Path) -> None:
    template = tmp_path / "mine.md.j2"
    template.write_text(
        '{% extends "minutes.md.j2" %}{% block minutes %}ITEMS {{ meeting.agenda | length }}, '
        "{% for a in meeting.attendance %}{{ a.partner.id }}={{ a.presence }};{% endfor %} "
        "{{ adopted | map(attribute='id') | join(',') }} {{ quorum }} {{ quorum_reached }}\n{% endblock %}",
        encoding="utf-8",
    )
    text = ok(fixture_repo, "minutes", "MTG-2024-002", "--template", template)
    presences = "amf=present;amgvf=excused;arf=present;canope=present;cdc=represented;men=present;"
    assert f"ITEMS 3, {presences} OP-2024-001 3 True" in text
    assert "## Présences" in text and "## Compte rendu des échanges" not in text


# --- the agenda ------------------------------------------------------------------------------------


def test_the_agenda_lists_the_items_in_order_with_the_status_each_text_had_that_day(fixture_repo: Path) -> None:
    text = ok(fixture_repo, "agenda", "MTG-2024-001")
    assert "- Type : réunion de groupe de travail" in text
    assert "- Groupe de travail : Raccordement des écoles \\| très haut débit (gt-raccordement)" in text
    # OP-2024-001 is published now; on 5 February 2024 it was in consultation
    assert rows(text, "1") == [
        [
            "1",
            "Plan de l'avis sur le raccordement",
            "Avis n° OP-2024-001 : Avis sur le raccordement des écoles au très haut débit (en consultation)",
        ]
    ]
    planned = ok(fixture_repo, "agenda", "MTG-2025-002")
    assert [row[0] for row in rows(planned, "1") + rows(planned, "2") + rows(planned, "3") + rows(planned, "4")] == [
        "1",
        "2",
        "3",
        "4",
    ]
    assert "Recommandation n° OP-2025-002 : Recommandation sur la formation au numérique (en préparation)" in planned
    assert "Examen n° REV-2025-002 : Examen du GAR (prévu)" in planned
    assert "Lieu" not in planned  # no place recorded, no line for it


def test_an_agenda_item_about_a_record_the_register_lacks_shows_its_id(fixture_repo: Path) -> None:
    (fixture_repo / "data" / "opinions" / "OP-2025-002.yaml").unlink()
    text = ok(fixture_repo, "agenda", "MTG-2025-002")
    assert "| 3 | Recommandation sur la formation au numérique | OP-2025-002 (non trouvé dans le registre) |" in text


def test_an_empty_agenda_says_so(fixture_repo: Path) -> None:
    text = ok(fixture_repo, "agenda", "MTG-2024-003")
    assert "Aucun point n'est inscrit à l'ordre du jour." in text
    assert "- Participants : 120" in text


# --- the minutes -----------------------------------------------------------------------------------


def test_the_minutes_give_the_attendance_by_organisation(fixture_repo: Path) -> None:
    text = ok(fixture_repo, "minutes", "MTG-2024-002")
    table = [line for line in text.splitlines() if line.startswith("| ") and "(" in line.split("|")[1]][:6]
    assert [cells(line)[0].split("(")[0].strip() for line in table] == ["AMF", "AMGVF", "ARF", "Canopé", "CDC", "MEN"]
    assert "| CDC (Caisse des dépôts et consignations) | représenté par AMF |  |" in text
    assert "| AMGVF (France urbaine) | excusé |  |" in text
    assert "5 membres présents ou représentés." in text  # AMF, ARF, MEN, Canopé present; CDC represented
    assert "Le quorum de 3 membres est atteint." in text


def test_the_quorum_is_said_only_when_cpne_yaml_sets_one_and_only_for_a_plenary(fixture_repo: Path) -> None:
    set_quorum(fixture_repo, 4)
    text = ok(fixture_repo, "minutes", "MTG-2024-004")
    assert "3 membres présents ou représentés.\n\nLe quorum de 4 membres n'est pas atteint.\n" in text
    set_quorum(fixture_repo, 1)
    assert "Le quorum de 1 membre est atteint." in ok(fixture_repo, "minutes", "MTG-2024-004", "--lang", "fr")
    assert "The quorum of 1 member is reached." in ok(fixture_repo, "minutes", "MTG-2024-004", "--lang", "en")
    group = ok(fixture_repo, "minutes", "MTG-2024-001")
    assert "2 membres présents ou représentés." in group
    assert "quorum" not in group.lower()
    set_quorum(fixture_repo, None)
    assert "quorum" not in ok(fixture_repo, "minutes", "MTG-2024-004").lower()


def test_each_member_present_or_represented_counts_once(fixture_repo: Path) -> None:
    path = fixture_repo / "data" / "meetings" / "MTG-2024-004.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "- partner: amf\n  presence: represented\n  represented_by: men\n", encoding="utf-8")
    assert "3 membres présents ou représentés." in ok(fixture_repo, "minutes", "MTG-2024-004")


def test_only_the_texts_whose_decision_names_the_meeting_are_adopted_there(fixture_repo: Path) -> None:
    plenary = ok(fixture_repo, "minutes", "MTG-2024-002")
    assert "### OP-2024-001 — Avis sur le raccordement des écoles au très haut débit" in plenary
    assert "Pour : 2 · contre : 1 · abstention : 1 · ne prennent pas part au vote : 1." in plenary
    assert "| Canopé (Réseau Canopé \\| éditeur public) | Contre |" in plenary
    assert "OP-2024-002" not in plenary
    # the working group discussed OP-2024-001, which the plenary adopted
    group = ok(fixture_repo, "minutes", "MTG-2024-001")
    assert "Aucun texte adopté lors de cette réunion." in group
    consensus = ok(fixture_repo, "minutes", "MTG-2024-004")
    assert "Mode de décision : consensus.\n\nAucune position individuelle n'est inscrite." in consensus


def test_the_minutes_text_is_markdown_under_its_section_with_unique_headings(fixture_repo: Path) -> None:
    text = ok(fixture_repo, "minutes", "MTG-2024-002")
    record = text[text.index("## Compte rendu des échanges") : text.index("## Approbation du procès-verbal")]
    assert "### Ouverture" in record and "### Décision" in record
    assert "#### Présences (2)" in record  # the document has its own « Présences »
    planned = ok(fixture_repo, "minutes", "MTG-2025-002")
    assert "Le registre ne contient pas encore le compte rendu des échanges." in planned
    assert "Aucune présence n'est inscrite." in planned


def test_the_approval_names_the_meeting_and_its_date(fixture_repo: Path) -> None:
    approved = ok(fixture_repo, "minutes", "MTG-2024-002")
    assert approved.endswith("Procès-verbal approuvé lors de la réunion MTG-2024-004 du 20 novembre 2024.\n")
    held = ok(fixture_repo, "minutes", "MTG-2024-004", "--lang", "en")
    assert held.endswith("## Approval of the minutes\n\nMinutes not yet approved.\n")


def test_representatives_names_only_with_personal_data_and_those_in_office_that_day(fixture_repo: Path) -> None:
    names = ("Claire Dupont", "Marc Leroy", "Sophie Martin", "Jean Durand")
    plain = ok(fixture_repo, "minutes", "MTG-2024-002")
    assert [n for n in names if n in plain] == []
    men = "| MEN (Ministère chargé de l'éducation nationale) | présent | Directeur du numérique pour l'éducation |"
    assert men in plain
    personal = ok(fixture_repo, "minutes", "MTG-2024-002", "--include-personal-data")
    assert "Claire Dupont, Maire" in personal and "Jean Durand" in personal
    assert "Marc Leroy" not in personal  # AMF's representative until 2020
    assert "Sophie Martin" not in personal  # AMGVF was excused: no one of it attended
    old = fixture_repo / "data" / "meetings" / "MTG-2019-001.yaml"
    old.write_text(
        "id: MTG-2019-001\ntype: plenary\ntitle: Séance de 2019\ndate: 2019-06-04\nstatus: held\n"
        "attendance:\n- partner: amf\n  presence: present\n",
        encoding="utf-8",
    )
    text = ok(fixture_repo, "minutes", "MTG-2019-001", "--include-personal-data")
    assert "Marc Leroy, Adjoint au maire" in text and "Claire Dupont" not in text


# --- the report ------------------------------------------------------------------------------------


def test_the_report_counts_the_meetings_held_in_the_period_by_type(fixture_repo: Path) -> None:
    year = ok(fixture_repo, "report", "--year", "2024")
    counts = year[year.index("### Réunions tenues, par type") :]
    assert rows(counts, "Séance plénière")[0][1] == "2"  # MTG-2025-002 is planned, and of 2025
    assert rows(counts, "Réunion de groupe de travail")[0][1] == "1"
    assert rows(counts, "Journée de partage")[0][1] == "1"
    assert rows(counts, "Conférence de consensus")[0][1] == "0"
    assert rows(counts, "**Total**")[0][1] == "**4**"
    whole = ok(fixture_repo, "report")
    assert rows(whole[whole.index("### Réunions tenues, par type") :], "**Total**")[0][1] == "**5**"


def test_attendance_rates_count_the_meetings_each_member_could_attend(fixture_repo: Path) -> None:
    text = ok(fixture_repo, "report", "--year", "2024")
    section = text[text.index("## Participation des membres aux réunions") : text.index("## Groupes de travail")]
    found = {row[0]: row[2:] for row in (cells(line) for line in section.splitlines() if line.startswith("| "))}
    found = {k.strip(): [v.strip() for v in vs] for k, vs in found.items()}
    assert found["AMF"] == ["3", "3", "100\xa0%"]  # two plenaries and its group's meeting
    assert found["ARF"] == ["3", "2", "67\xa0%"]  # absent on 20 November
    assert found["MEN"] == ["2", "2", "100\xa0%"]  # not in the group: its meeting does not count
    assert found["Canopé"] == ["2", "1", "50\xa0%"]  # joined on 1 March 2024, excused in November
    assert found["CDC"] == ["2", "1", "50\xa0%"]  # represented in March, excused at the group; left in June
    english = ok(fixture_repo, "report", "--year", "2024", "--lang", "en")
    assert "| ARF | Régions de France | 3 | 2 | 67% |" in english
    assert "Aucune réunion dont les présences sont inscrites sur la période." in ok(
        fixture_repo, "report", "--year", "2025"
    )


def test_a_meeting_not_held_has_no_attendance_that_counts(fixture_repo: Path) -> None:
    path = fixture_repo / "data" / "meetings" / "MTG-2024-004.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: held", "status: planned"), encoding="utf-8")
    text = ok(fixture_repo, "report", "--year", "2024")
    assert "| ARF | Régions de France | 2 | 2 | 100\xa0% |" in text
    assert "| AMGVF | France urbaine | 1 | 0 | 0\xa0% |" in text


def test_the_report_shows_the_working_groups_with_members_leads_and_texts(fixture_repo: Path) -> None:
    text = ok(fixture_repo, "report")
    section = text[text.index("## Groupes de travail") : text.index("## Journées de partage")]
    assert "### gt-raccordement — Raccordement des écoles \\| très haut débit" in section
    assert "- Statut : actif" in section
    assert "Préparer l'avis du comité sur le raccordement des écoles au très haut débit.<br>" in section
    assert "| ARF | Régions de France | responsable | 15 janvier 2024 |  |" in section
    assert "| CDC | Caisse des dépôts et consignations | membre | 15 janvier 2024 | 30 juin 2024 |" in section
    assert "| OP-2024-001 | Avis sur le raccordement des écoles au très haut débit | Avis | publié |" in section
    assert "Aucun groupe de travail sur la période." in ok(fixture_repo, "report", "--year", "2023")
    # a member that left before the period is not listed for it; a group closed after the period was at work
    group = fixture_repo / "data" / "groups" / "gt-raccordement.yaml"
    group.write_text(
        group.read_text(encoding="utf-8").replace("status: active", "status: closed") + "closed: 2025-03-01\n",
        encoding="utf-8",
    )
    year_2025 = ok(fixture_repo, "report", "--year", "2025")
    section = year_2025[year_2025.index("## Groupes de travail") : year_2025.index("## Journées de partage")]
    assert "- Statut : clos" in section and "- Clôture : 1er mars 2025" in section
    assert "| CDC |" not in section
    assert "Aucun texte préparé par le groupe sur la période." in section
    year_2024 = ok(fixture_repo, "report", "--year", "2024")
    assert "- Statut : actif" in year_2024 and "Clôture" not in year_2024


def test_the_report_lists_the_events_with_their_audience(fixture_repo: Path) -> None:
    text = ok(fixture_repo, "report")
    section = text[text.index("## Journées de partage et conférences de consensus") : text.index("## Composition")]
    assert rows(section, "MTG-2024-003") == [
        [
            "MTG-2024-003",
            "12 juin 2024",
            "journée de partage",
            "Journée de partage sur le numérique dans les écoles rurales",
            "Lyon",
            "120",
        ]
    ]
    assert rows(section, "**Total**")[0][-1] == "**205**"
    assert "MTG-2024-002" not in section  # a plenary is no public event
    assert "Aucune journée de partage ni conférence de consensus sur la période." in ok(
        fixture_repo, "report", "--year", "2023"
    )


# --- the register ----------------------------------------------------------------------------------


def test_the_register_table_of_meetings_reads_in_the_language(fixture_repo: Path) -> None:
    french = ok(fixture_repo, "register")
    table = french[french.index("## Réunions (6)") :]
    assert table.splitlines()[2] == "| N° | Date | Type | Titre | Groupe de travail | Lieu | Statut |"
    assert (
        "| MTG-2024-001 | 5 février 2024 | réunion de groupe de travail | Première réunion du groupe de travail sur le "
        "raccordement | gt-raccordement | Visioconférence | tenue |"
    ) in table
    english = ok(fixture_repo, "register", "--lang", "en")
    assert "| MTG-2024-002 | 12 March 2024 | plenary meeting | Séance plénière de printemps |  |" in english
    assert "| minutes approved |" in english
    assert "| Id | Title | Status | Created | Closed |" in english
    assert "| Identifiant | Titre | Statut | Création | Clôture |" in french


def test_an_approval_by_a_meeting_the_register_lacks_names_it_without_a_date(fixture_repo: Path) -> None:
    (fixture_repo / "data" / "meetings" / "MTG-2024-004.yaml").unlink()
    text = ok(fixture_repo, "minutes", "MTG-2024-002")
    assert text.endswith("Procès-verbal approuvé lors de la réunion MTG-2024-004.\n")
