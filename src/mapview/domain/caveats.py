"""Caveats: what a verdict's reader should know about how firm it is.

A caveat is due in three cases, and is one sentence each (empty when there is nothing to say):

* **a weak fact**: the verdict rests on a row whose confidence is below high. For a state, when
  the row names the one date its confidence is about (``weak_field``), the caveat is given only
  if the verdict would change without that date;
* **no control on the ground**: the visit was to territory its de jure host did not control
  (stated by :func:`mapview.domain.assess` from the trip's territory note);
* **a reading the rule does not assess**: duties after a withdrawal (art. 127(2)), and
  cooperation owed through an art. 12(3) declaration by a state that had not joined.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

from mapview.domain.membership import Membership, Status
from mapview.domain.warrants import Warrant

FIELD_LABELS = {
    "signed": "signature",
    "signature_withdrawn": "withdrawal of its signature",
    "deposited": "deposit of its instrument",
    "instrument_withdrawn": "withdrawal of its instrument",
    "in_force": "entry into force",
    "withdrawal_notified": "notification of withdrawal",
    "withdrawal_revoked": "revocation of its withdrawal notification",
    "withdrawal_effective": "withdrawal taking effect",
}


def weak_member_caveat(m: Membership, decide: Callable[[Membership], bool]) -> str:
    """A caveat if ``decide`` (bound or not) rests on a weak fact of ``m``'s row."""
    if m.confidence == "high":
        return ""
    field = m.weak_field
    if field in FIELD_LABELS:
        day = getattr(m, field)
        variant = weak_variant(m)  # None when the row lacks that date
        if variant is None or decide(variant) == decide(m):
            return ""
        return (
            f"Weak fact: this rests on {m.name}'s {FIELD_LABELS[field]} ({day.isoformat()}), "
            f"recorded at {m.confidence} confidence (see the state's sources)."
        )
    return f"Weak fact: {m.name}'s ICC record is at {m.confidence} confidence (see the state's sources)."


def weak_variant(m: Membership) -> Membership | None:
    """``m`` as if its weak date had not been recorded (None if it names no recorded date)."""
    if m.confidence == "high" or m.weak_field not in FIELD_LABELS:
        return None
    if getattr(m, m.weak_field) is None:
        return None
    changes: dict[str, dt.date | None] = {m.weak_field: None}
    return dataclasses.replace(m, **changes)  # type: ignore[arg-type]


def weak_row_caveat(what: str, confidence: str) -> str:
    """A caveat if ``what`` (a trip's or a warrant's record) is below high confidence."""
    if confidence == "high":
        return ""
    if confidence == "unsourced":
        return f"Weak fact: {what} has no cited source."
    return f"Weak fact: {what} is at {confidence} confidence (see its sources and notes)."


def reading_caveat(m: Membership, day: dt.date, warrant: Warrant | None) -> str:
    """A caveat where the verdict depends on a reading of the Statute the rule does not assess."""
    status = m.status_on(day)
    if status is Status.WITHDRAWN:
        return (
            f"Not assessed: whether {m.name} must still cooperate in proceedings begun before its "
            "withdrawal took effect (art. 127(2))."
        )
    if warrant is not None and status not in (Status.STATE_PARTY, Status.WITHDRAWAL_PENDING):
        return (
            f"Contested reading: {m.name} was bound only through its art. 12(3) declaration; the "
            "rule reads it as a duty to cooperate in full (Part 9), arrest included, which is "
            "debated for a state that had not joined."
        )
    return ""
