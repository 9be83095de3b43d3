"""The person lens: whether a state is bound to arrest one person on one day, past or future.

A future day applies only the changes already scheduled in the data (a withdrawal taking
effect one year after its notification, an instrument entering into force on its art. 126
date): it is a projection from what had been notified when the data was last updated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from mapview.domain.dates import DateRange
from mapview.domain.membership import Membership, Status
from mapview.domain.phrases import no_warrant_phrase
from mapview.domain.verdict import Verdict, assess
from mapview.domain.warrants import Warrant

HORIZON_DAYS = 730  # how far ahead a day may be asked for: about two years


class Obligation(StrEnum):
    """A state's duty to arrest one person on one day."""

    BOUND_PARTY = "bound_party"
    BOUND_WITHDRAWAL_PENDING = "bound_withdrawal_pending"
    BOUND_DECLARATION = "bound_declaration"
    NOT_YET_IN_FORCE = "not_yet_in_force"
    NOT_BOUND = "not_bound"

    @property
    def bound(self) -> bool:
        """Whether the state must arrest the person on that day."""
        return self in (
            Obligation.BOUND_PARTY,
            Obligation.BOUND_WITHDRAWAL_PENDING,
            Obligation.BOUND_DECLARATION,
        )

    @property
    def label(self) -> str:
        """A short reader-facing label."""
        return _LABELS[self]


_LABELS = {
    Obligation.BOUND_PARTY: "bound: State Party",
    Obligation.BOUND_WITHDRAWAL_PENDING: "bound: withdrawal pending",
    Obligation.BOUND_DECLARATION: "bound: art. 12(3) declaration",
    Obligation.NOT_YET_IN_FORCE: "ratified, not yet in force",
    Obligation.NOT_BOUND: "not bound",
}


@dataclass(frozen=True)
class Standing:
    """One state's obligation to arrest one person on one day, with its reason and caveat."""

    iso_a3: str
    name: str
    obligation: Obligation
    reason: str
    caveat: str = ""


def standing_on(m: Membership, warrants: Sequence[Warrant], day: dt.date) -> Standing:
    """Whether ``m``'s state is bound on ``day`` to arrest the person sought by ``warrants``.

    The verdict, its reason and its caveat are those of :func:`mapview.domain.assess` for a
    one-day visit (one copy of the rule); this only names the kind of obligation.
    """
    f = assess(m, warrants, DateRange(day, day))
    if f.verdict is Verdict.BOUND:
        obligation = {
            Status.STATE_PARTY: Obligation.BOUND_PARTY,
            Status.WITHDRAWAL_PENDING: Obligation.BOUND_WITHDRAWAL_PENDING,
        }.get(f.status, Obligation.BOUND_DECLARATION)
    elif f.warrant_outstanding and f.status is Status.RATIFIED_NOT_IN_FORCE:
        obligation = Obligation.NOT_YET_IN_FORCE
    else:
        obligation = Obligation.NOT_BOUND
    reason = f.reason
    if not f.warrant_outstanding:
        reason = no_warrant_phrase(warrants, DateRange(day, day), f"{day.isoformat()} is")
    return Standing(m.iso_a3, m.name, obligation, reason, f.caveat)


def horizon(today: dt.date) -> dt.date:
    """The last day that may be asked for, :data:`HORIZON_DAYS` after ``today``."""
    return today + dt.timedelta(days=HORIZON_DAYS)
