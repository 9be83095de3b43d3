"""The verdict for one trip, with the reason in one sentence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from mapview.domain.dates import DateRange
from mapview.domain.membership import Membership, Status
from mapview.domain.warrants import Warrant


class Verdict(StrEnum):
    """The answer for one trip."""

    BOUND = "bound"
    NOT_BOUND = "not_bound"
    NOT_TRAVELLED = "not_travelled"

    @property
    def label(self) -> str:
        """A short reader-facing label."""
        return {
            Verdict.BOUND: "host bound to arrest",
            Verdict.NOT_BOUND: "no obligation",
            Verdict.NOT_TRAVELLED: "cancelled or avoided",
        }[self]


@dataclass(frozen=True)
class Finding:
    """The verdict for one trip, with the facts behind it and a one-sentence reason."""

    verdict: Verdict
    status: Status
    warrant_outstanding: bool
    host_bound: bool
    reason: str

    @property
    def obligation(self) -> bool:
        """Whether the host was bound to arrest during the trip (if it took place)."""
        return self.verdict is Verdict.BOUND


def assess(
    membership: Membership,
    warrants: Sequence[Warrant],
    trip: DateRange,
    travelled: bool = True,
) -> Finding:
    """Whether ``membership``'s state was bound to arrest the person sought by ``warrants``.

    ``trip`` is the visit (both ends included); any day of it counts. The reason names the
    rule, the dates and the articles.
    """
    if trip.end is None:
        raise ValueError(f"a trip needs an end date: {trip!r}")
    status = membership.status_on(trip.start)
    hits = [
        (both.start, w, r)
        for w in warrants
        for r in membership.bound_ranges(w.situation)
        if (on_trip := trip.intersect(w.outstanding_range())) is not None
        and (both := on_trip.intersect(r)) is not None
    ]
    outstanding = [w for w in warrants if trip.intersect(w.outstanding_range())]
    bound_any = any(
        trip.intersect(r) for w in warrants for r in membership.bound_ranges(w.situation)
    )
    if not travelled:
        would = " Had it taken place, the host would have been bound." if hits else ""
        return Finding(
            Verdict.NOT_TRAVELLED,
            status,
            bool(outstanding),
            bound_any,
            f"The trip did not take place, so there was no one to arrest.{would}",
        )
    if hits:
        day, warrant, _ = min(hits, key=lambda h: h[0])
        return Finding(
            Verdict.BOUND,
            status,
            True,
            True,
            f"{membership.name} {_bound_phrase(membership, day, warrant.situation)}; "
            f"the warrant of {warrant.issued.isoformat()} was outstanding on "
            f"{day.isoformat()}; a state so bound must arrest and surrender "
            "the person (arts. 59, 86, 89).",
        )
    if not outstanding:
        return Finding(
            Verdict.NOT_BOUND, status, False, bound_any, _no_warrant_phrase(warrants, trip)
        )
    return Finding(
        Verdict.NOT_BOUND,
        status,
        True,
        False,
        f"{membership.name} was not bound on {trip.start.isoformat()}: "
        f"{_status_phrase(membership, trip.start)}. Only States Parties, and states that "
        "accepted jurisdiction under art. 12(3) for the warrant's situation, must arrest.",
    )


def _bound_phrase(m: Membership, day: dt.date, situation: str) -> str:
    status = m.status_on(day)
    if status is Status.WITHDRAWAL_PENDING and m.withdrawal_revoked is not None:
        return (
            f"had notified its withdrawal on {_iso(m.withdrawal_notified)} but revoked it on "
            f"{_iso(m.withdrawal_revoked)} before it took effect; it stayed bound (art. 127)"
        )
    if status is Status.WITHDRAWAL_PENDING:
        return (
            f"had notified its withdrawal on {_iso(m.withdrawal_notified)}, which takes "
            f"effect on {_iso(m.effective_withdrawal())}; until then it is still bound (art. 127)"
        )
    if status is Status.STATE_PARTY:
        return f"was a State Party from {_iso(m.in_force)} (art. 126)"
    lodged = min(d.lodged for d in m.declarations if d.situation == situation)
    return (
        f"had accepted the Court's jurisdiction over the situation in {situation} by an "
        f"art. 12(3) declaration of {lodged.isoformat()}, which obliges it to cooperate (Part 9)"
    )


def _status_phrase(m: Membership, day: dt.date) -> str:
    status = m.status_on(day)
    if status is Status.WITHDRAWN:
        return (
            f"its withdrawal took effect on {_iso(m.effective_withdrawal())} (art. 127; duties for "
            "proceedings begun before then are not assessed here)"
        )
    if status is Status.RATIFIED_NOT_IN_FORCE:
        return (
            f"it had ratified on {_iso(m.deposited)}, but the Statute entered into force "
            f"for it only on {_iso(m.in_force)} (art. 126)"
        )
    if status is Status.SIGNATURE_WITHDRAWN:
        return f"it withdrew its signature on {_iso(m.signature_withdrawn)} and never ratified"
    if status is Status.SIGNATORY:
        return f"it signed on {_iso(m.signed)} but never ratified"
    if status is Status.DECLARATION_12_3:
        return "its art. 12(3) declaration covers another situation"
    return "it never joined the Rome Statute"


def _no_warrant_phrase(warrants: Iterable[Warrant], trip: DateRange) -> str:
    ws = sorted(warrants, key=lambda w: w.issued)
    if not ws:
        return "No ICC arrest warrant is recorded for this person."
    if trip.start < ws[0].issued:
        return f"The trip came before the first warrant, issued {ws[0].issued.isoformat()}."
    ended = [w for w in ws if w.status_date is not None]
    last = max(ended, key=lambda w: w.status_date or w.issued) if ended else ws[-1]
    return f"No warrant was outstanding: it was {last.status.value} on {_iso(last.status_date)}."


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else "an unrecorded date"
