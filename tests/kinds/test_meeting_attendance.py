"""Random attendance lists against a plain statement of the rules: each partner once, a proxy only with
'represented', never to itself, held by a member recorded present; partners who were members that day.

The meeting kind's own checks (``rules`` and ``cross``) run on the records directly, with the
partners at hand: thousands of lists in a second, where the command line would take minutes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from cpne.kinds import KINDS
from cpne.kinds.meeting import attending

MEETING = KINDS["meeting"]
DAY = "2026-03-10"
PARTNERS: dict[str, dict[str, Any]] = {
    "amf": {"id": "amf", "joined": "2015-10-01"},
    "adf": {"id": "adf", "joined": "2015-10-01"},
    "men": {"id": "men", "joined": "2015-10-01"},
    "rfve": {"id": "rfve", "joined": "2015-10-01", "left": "2024-06-30"},  # not a member on DAY
    "late": {"id": "late", "joined": "2026-06-01"},  # not yet a member on DAY
}
KNOWN = sorted(PARTNERS)
NAMES = [*KNOWN, "ghost"]  # ghost: no such partner (the reference check reports it)
PRESENCES = ("present", "excused", "absent", "represented")


class Partners:
    """The register as the meeting's cross-record check sees it: the partners, no quorum."""

    quorum = None

    def get(self, kind: str, record_id: str) -> Mapping[str, Any] | None:
        return PARTNERS.get(record_id) if kind == "partner" else None


LINE = st.fixed_dictionaries(
    {"partner": st.sampled_from(NAMES), "presence": st.sampled_from(PRESENCES)},
    optional={"represented_by": st.sampled_from(NAMES)},
)


def expected(lines: list[dict[str, Any]]) -> Counter[tuple[str, tuple[str | int, ...]]]:
    """The problems the rules name, as (code, pointer), counted."""
    out: Counter[tuple[str, tuple[str | int, ...]]] = Counter()
    present = {line["partner"] for line in lines if line["presence"] == "present"}
    seen: set[str] = set()
    for index, line in enumerate(lines):
        partner, by = line["partner"], line.get("represented_by")
        if partner in seen:
            out["attendance-twice", ("attendance", index, "partner")] += 1
        seen.add(partner)
        if partner in ("rfve", "late"):
            out["not-member", ("attendance", index, "partner")] += 1
        at = ("attendance", index, "represented_by")
        if by is None:
            continue
        if line["presence"] != "represented":
            out["represented-by", at] += 1  # a proxy goes with 'represented'
        if by == partner:
            out["represented-by", at] += 1  # never to itself
        elif line["presence"] == "represented" and by in PARTNERS and by not in present:
            out["represented-by", at] += 1  # held by a member recorded present
    return out


def found(record: dict[str, Any]) -> Counter[tuple[str, tuple[str | int, ...]]]:
    assert MEETING.rules is not None and MEETING.cross is not None
    out: Counter[tuple[str, tuple[str | int, ...]]] = Counter()
    for violation in MEETING.rules(record):
        out[violation.code, violation.pointer] += 1
    for issue in MEETING.cross(record, Partners()):
        out[issue.code, issue.pointer] += 1
    return out


@settings(max_examples=400, deadline=None)
@given(lines=st.lists(LINE, max_size=7), status=st.sampled_from(("planned", "held")))
def test_attendance_rules_match_their_statement(lines: list[dict[str, Any]], status: str) -> None:
    record: dict[str, Any] = {"id": "MTG-2026-001", "type": "plenary", "title": "Séance", "date": DAY, "status": status}
    if lines:
        record["attendance"] = lines
    wanted = expected(lines)
    if status == "held" and not lines:
        wanted["attendance", ("status",)] += 1
    assert found(record) == wanted
    # who counts for a quorum and a position: each partner present or represented, once, in order
    counted: list[str] = []
    for line in lines:
        if line["presence"] in ("present", "represented") and line["partner"] not in counted:
            counted.append(line["partner"])
    assert attending(record) == counted
