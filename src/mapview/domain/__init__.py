"""The rules mapview applies, in plain Python (standard library only).

Date rule, stated once: every range is inclusive at both ends, and ``None`` as an end means
"still open". The core never asks for today's date; callers pass it in.

The rule applied (no legal advice beyond it):

* A state is bound to arrest and surrender a person sought by the Court from the day the
  Rome Statute enters into force for it (art. 126) until the day before its withdrawal takes
  effect (art. 127: one year after notification). A state whose withdrawal is pending is still
  bound. A revoked withdrawal never takes effect.
* A state that accepted the Court's jurisdiction by an article 12(3) declaration must cooperate
  under Part 9 for the situation the declaration covers, from the day it was lodged.
* A warrant is outstanding from the day it was issued until the day before it was executed,
  withdrawn or terminated.
* A trip is an obligation when, on at least one day of the trip, the host was bound for the
  situation of a warrant that was outstanding for the traveller. An announced trip gets the
  verdict it would have if it took place on its announced days, and never counts as made.
* A future day applies the changes already scheduled in the data (arts. 126 and 127); it is a
  projection from what had been notified when the data was last updated.

Every verdict carries a caveat where one is due (:mod:`mapview.domain.caveats`).
"""

from __future__ import annotations

from mapview.domain.dates import (
    LAST_EARLY_DEPOSIT,
    ONE_DAY,
    STATUTE_IN_FORCE,
    DateRange,
    entry_into_force,
    withdrawal_takes_effect,
)
from mapview.domain.membership import Declaration, Membership, Status
from mapview.domain.standing import HORIZON_DAYS, Obligation, Standing, horizon, standing_on
from mapview.domain.verdict import (
    TRIP_START,
    Finding,
    TripStatus,
    Verdict,
    assess,
    breakpoints,
)
from mapview.domain.warrants import Warrant, WarrantStatus

__all__ = [
    "HORIZON_DAYS",
    "LAST_EARLY_DEPOSIT",
    "ONE_DAY",
    "STATUTE_IN_FORCE",
    "TRIP_START",
    "DateRange",
    "Declaration",
    "Finding",
    "Membership",
    "Obligation",
    "Standing",
    "Status",
    "TripStatus",
    "Verdict",
    "Warrant",
    "WarrantStatus",
    "assess",
    "breakpoints",
    "entry_into_force",
    "horizon",
    "standing_on",
    "withdrawal_takes_effect",
]
