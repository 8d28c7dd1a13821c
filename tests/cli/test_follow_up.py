"""One text followed from its adoption: two responses, three actions (done, late, dropped), and what the
follow-up commands and documents say of it on a given day (issue 13)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.records_helpers import cpne, new_opinion, ok


def _followed(root: Path) -> tuple[str, str, str, str]:
    """A text adopted and published, addressed to two bodies, answered twice, followed by three actions."""
    text = new_opinion(root, "--date", "2026-01-05", "--addressee", "men", "--addressee", "Région Bretagne")
    ok(root, "opinion", "set-status", text, "consultation", "--date", "2026-01-10")
    ok(root, "opinion", "set-status", text, "adopted", "--date", "2026-02-01", "--decision", "consensus")
    ok(root, "opinion", "set-status", text, "published", "--date", "2026-02-10")
    ok(root, "opinion", "respond", text, "--from", "men", "--date", "2026-03-01", "--summary", "Une concertation.")
    ok(
        root,
        "opinion",
        "respond",
        text,
        "--from",
        "Région Bretagne",
        "--date",
        "2027-01-15",
        "--summary",
        "La région reprend la recommandation 2.",
        "--url",
        "https://example.org/reponse",
    )

    def action(title: str, owner: str, due: str, opened: str) -> str:
        args = ("--title", title, "--source", text, "--owner", owner, "--due", due, "--date", opened)
        return ok(root, "action", "new", *args).stdout.strip()

    done = action("Publier un guide", "men", "2026-05-01", "2026-02-15")
    ok(root, "action", "set-status", done, "in-progress", "--date", "2026-03-01")
    ok(root, "action", "set-status", done, "done", "--date", "2026-04-20", "--result", "Guide publié en avril.")
    late = action("Réunir les régions", "amf", "2026-06-30", "2026-02-15")
    dropped = action("Former les référents", "arf", "2026-09-30", "2026-02-20")
    ok(root, "action", "set-status", dropped, "dropped", "--date", "2026-07-01", "--reason", "Repris par le plan.")
    return text, done, late, dropped


def test_one_text_from_adoption_to_its_responses_and_actions(data_repo: Path) -> None:
    text, done, late, dropped = _followed(data_repo)
    assert ok(data_repo, "validate").exit_code == 0

    # past due on a day: open or in progress, due before it, oldest due first; --fail for a scheduled job
    listed = json.loads(ok(data_repo, "action", "list", "--due", "--on", "2026-07-01", "--format", "json").stdout)
    assert [a["id"] for a in listed] == [late]
    failing = cpne(data_repo, "action", "list", "--due", "--on", "2026-07-01", "--fail")
    assert failing.exit_code == 1 and late in failing.stdout
    assert cpne(data_repo, "action", "list", "--due", "--on", "2026-06-30", "--fail").exit_code == 0
    on_may = json.loads(ok(data_repo, "action", "list", "--due", "--on", "2026-05-02", "--format", "json").stdout)
    assert [a["id"] for a in on_may] == []  # the first was done, the others not yet due

    # the report of 2026: judged on 31 December 2026 (the second response came in 2027)
    report = ok(data_repo, "export", "report", "--year", "2026", "--lang", "fr").stdout
    section = report[report.index("## Suites données aux textes adoptés") :]
    section = section[: section.index("\n## ", 1)]
    assert "Suites données à la date du 31 décembre 2026." in section
    assert f"### Avis n° {text}\n\n*Avis sur les ENT*" in section
    assert "- Destinataires : MEN (Ministère chargé de l'éducation nationale) ; Région Bretagne\n" in section
    assert "- Réponses reçues : 1\n" in section
    assert "1er mars 2026, MEN (" in section and "Une concertation." in section
    assert "La région reprend" not in section
    assert "- Actions de suivi : 1 réalisée(s), 1 à réaliser (dont 1 en retard), 1 abandonnée(s)" in section
    done_row = f"| {done} | Publier un guide : Guide publié en avril. | MEN | 1er mai 2026 | réalisée (20 avril 2026) |"
    assert done_row in section
    assert f"| {late} | Réunir les régions | AMF | 30 juin 2026 | **en retard** (ouverte) |" in section
    assert f"| {dropped} | Former les référents | ARF | 30 septembre 2026 | abandonnée (1er juillet 2026) |" in section

    # in the report of June 2026's state (--date without --year), the dropped one was still open, none late
    june = ok(data_repo, "export", "report", "--date", "2026-06-15", "--lang", "fr").stdout
    assert "1 réalisée(s), 2 à réaliser (dont 0 en retard), 0 abandonnée(s)" in june

    # the text's own document, on a day of 2027: both responses, the same three actions
    document = ok(data_repo, "export", "opinion", text, "--date", "2027-02-01", "--lang", "fr").stdout
    follow_up = document[document.index("## Suites données") :]
    assert "Suites données à la date du 1er février 2027." in follow_up
    assert "- Réponses reçues : 2\n" in follow_up
    response = "15 janvier 2027, Région Bretagne : La région reprend la recommandation 2."
    assert f"{response} ([la lire](<https://example.org/reponse>))" in follow_up
    assert f"| {late} | Réunir les régions | AMF | 30 juin 2026 | **en retard** (ouverte) |" in follow_up


def test_without_a_cut_off_date_no_action_is_called_late(data_repo: Path) -> None:
    text, _done, late, _dropped = _followed(data_repo)
    document = ok(data_repo, "export", "opinion", text, "--lang", "fr").stdout
    assert "en retard" not in document and f"| {late} | Réunir les régions | AMF | 30 juin 2026 | ouverte |" in document
    report = ok(data_repo, "export", "report", "--lang", "fr").stdout
    assert "donnez --year ou --date pour voir les actions en retard" in report
    assert "1 réalisée(s), 1 à réaliser, 1 abandonnée(s)" in report
