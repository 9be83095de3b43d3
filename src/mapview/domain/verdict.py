"""The verdict for one trip, with the reason in one sentence and a caveat where one is due."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from mapview.domain.caveats import (
    reading_caveat,
    weak_member_caveat,
    weak_row_caveat,
    weak_variant,
)
from mapview.domain.dates import ONE_DAY, DateRange
from mapview.domain.membership import Membership, Status
from mapview.domain.phrases import bound_phrase, no_warrant_phrase, status_phrase
from mapview.domain.warrants import Warrant


class TripStatus(StrEnum):
    """What is known of a trip (``trips.csv`` column ``status``)."""

    TOOK_PLACE = "took_place"
    CANCELLED = "cancelled"
    ATTENDED_REMOTELY = "attended_remotely"
    ANNOUNCED = "announced"  # reported as planned, with its source
    UNCONFIRMED = "unconfirmed"  # announced, its days passed, no report either way

    @property
    def planned(self) -> bool:
        """Announced or unconfirmed: never counted as a trip made."""
        return self in (TripStatus.ANNOUNCED, TripStatus.UNCONFIRMED)

    def on(self, today: dt.date, end: dt.date) -> TripStatus:
        """The status to show on ``today``: an announced trip whose last day has passed is
        treated as unconfirmed until someone records what happened."""
        if self is TripStatus.ANNOUNCED and end < today:
            return TripStatus.UNCONFIRMED
        return self


class Verdict(StrEnum):
    """The answer for one trip."""

    BOUND = "bound"
    NOT_BOUND = "not_bound"
    NOT_TRAVELLED = "not_travelled"
    WOULD_BE_BOUND = "would_be_bound"
    WOULD_NOT_BE_BOUND = "would_not_be_bound"

    @property
    def label(self) -> str:
        """A short reader-facing label."""
        return _VERDICT_LABELS[self]


_VERDICT_LABELS = {
    Verdict.BOUND: "host bound to arrest",
    Verdict.NOT_BOUND: "no obligation",
    Verdict.NOT_TRAVELLED: "cancelled or avoided",
    Verdict.WOULD_BE_BOUND: "announced: host would be bound",
    Verdict.WOULD_NOT_BE_BOUND: "announced: no obligation",
}


@dataclass(frozen=True)
class Finding:
    """The verdict for one trip, the facts behind it, a one-sentence reason and a caveat
    (empty when there is nothing to say)."""

    verdict: Verdict
    status: Status
    warrant_outstanding: bool
    host_bound: bool  # bound, on a day of the trip, for a warrant outstanding that day
    reason: str
    caveat: str = ""

    @property
    def obligation(self) -> bool:
        """Whether the host was bound to arrest during the trip (if it took place)."""
        return self.verdict is Verdict.BOUND


TRIP_START = "\x00start\x00"  # stands for a trip's first day in a pattern (see assess)


def assess(
    membership: Membership,
    warrants: Sequence[Warrant],
    trip: DateRange,
    status: TripStatus = TripStatus.TOOK_PLACE,
    territory: str = "",
    confidence: str = "high",
    *,
    pattern: bool = False,
) -> Finding:
    """Whether ``membership``'s state was bound to arrest the person sought by ``warrants``.

    ``trip`` is the visit (both ends included); any day of it counts. ``territory`` is a note
    that the visit was to territory the de jure host did not control (empty if it did);
    ``confidence`` is that of the trip's own sources. The reason names the rule, the dates and
    the articles; the caveat names a weak fact, a lack of control on the ground, or a reading
    the rule does not assess.

    With ``pattern``, :data:`TRIP_START` is written wherever the reason names the trip's first
    day. The pattern is the same for every trip whose first days fall between the same two
    :func:`breakpoints`, and whose last days do too; filling in a trip's own first day gives
    exactly what :func:`assess` says of it.
    """
    start_text = TRIP_START if pattern else trip.start.isoformat()
    return _assess(membership, warrants, trip, status, territory, confidence, start_text)


def breakpoints(membership: Membership, warrants: Iterable[Warrant]) -> list[dt.date]:
    """Every day on which a fact that :func:`assess` reads may change, sorted: each recorded
    date and the day after it, and where each range of being bound or of a warrant being
    outstanding starts and ends, for the state as recorded and without its weak date. Between
    two breakpoints no comparison of a day with these facts changes its answer."""
    warrants = list(warrants)
    variant = weak_variant(membership)
    days: set[dt.date] = set()
    for m in [membership] if variant is None else [membership, variant]:
        recorded = [v for v in vars(m).values() if isinstance(v, dt.date)]
        recorded += [d.lodged for d in m.declarations] + m.change_dates()
        ranges = [r for w in warrants for r in m.bound_ranges(w.situation)]
        days.update(_edges(recorded, ranges))
    for w in warrants:
        recorded = [v for v in (w.issued, w.status_date) if v is not None]
        days.update(_edges(recorded, [w.outstanding_range()]))
    return sorted(days)


def _edges(recorded: list[dt.date], ranges: list[DateRange]) -> set[dt.date]:
    days = {d for day in recorded for d in (day, day + ONE_DAY)}
    days.update(r.start for r in ranges)
    days.update(r.end + ONE_DAY for r in ranges if r.end is not None)
    return days


def _assess(
    membership: Membership,
    warrants: Sequence[Warrant],
    trip: DateRange,
    status: TripStatus,
    territory: str,
    confidence: str,
    start_text: str,
) -> Finding:
    if trip.end is None:
        raise ValueError(f"a trip needs an end date: {trip!r}")
    hits = [
        (both.start, w)
        for w in warrants
        for r in membership.bound_ranges(w.situation)
        if (on_trip := trip.intersect(w.outstanding_range())) is not None
        and (both := on_trip.intersect(r)) is not None
    ]
    outstanding = [w for w in warrants if trip.intersect(w.outstanding_range())]
    day, warrant = min(hits, key=lambda h: h[0]) if hits else (trip.start, None)
    host_status = membership.status_on(trip.start)
    caveat = _caveat(membership, warrants, trip, status, territory, confidence, warrant, day)

    def finding(verdict: Verdict, reason: str) -> Finding:
        return Finding(verdict, host_status, bool(outstanding), bool(hits), reason, caveat)

    if status.planned:
        verdict = Verdict.WOULD_BE_BOUND if hits else Verdict.WOULD_NOT_BE_BOUND
        lead = (
            "The trip is announced, not made"
            if status is TripStatus.ANNOUNCED
            else ("The trip was announced; no report says whether it took place")
        )
        return finding(
            verdict,
            f"{lead}. If it takes place: "
            f"{_reason(membership, warrants, trip, warrant, day, start_text)}",
        )
    if status is not TripStatus.TOOK_PLACE:
        would = " Had it taken place, the host would have been bound." if hits else ""
        return finding(
            Verdict.NOT_TRAVELLED,
            f"The trip did not take place, so there was no one to arrest.{would}",
        )
    return finding(
        Verdict.BOUND if hits else Verdict.NOT_BOUND,
        _reason(membership, warrants, trip, warrant, day, start_text),
    )


def _reason(
    m: Membership,
    warrants: Sequence[Warrant],
    trip: DateRange,
    warrant: Warrant | None,
    day: dt.date,
    start_text: str,
) -> str:
    """The reason, with ``start_text`` wherever it names the trip's first day."""
    if warrant is not None:
        on = start_text if day == trip.start else day.isoformat()
        return (
            f"{m.name} {bound_phrase(m, day, warrant.situation)}; the warrant of "
            f"{warrant.issued.isoformat()} was outstanding on {on}; a state so bound "
            "must arrest and surrender the person (arts. 59, 86, 89)."
        )
    if not any(trip.intersect(w.outstanding_range()) for w in warrants):
        return no_warrant_phrase(warrants, trip)
    return (
        f"{m.name} was not bound on {start_text}: {status_phrase(m, trip.start)}. "
        "Only States Parties, and states that accepted jurisdiction under art. 12(3) for the "
        "warrant's situation, must arrest."
    )


def _caveat(
    m: Membership,
    warrants: Sequence[Warrant],
    trip: DateRange,
    status: TripStatus,
    territory: str,
    confidence: str,
    warrant: Warrant | None,
    day: dt.date,
) -> str:
    def bound(member: Membership) -> bool:
        return any(
            (on_trip := trip.intersect(w.outstanding_range())) is not None
            and on_trip.intersect(r) is not None
            for w in warrants
            for r in member.bound_ranges(w.situation)
        )

    parts = [weak_member_caveat(m, bound)]
    if status in (TripStatus.TOOK_PLACE, TripStatus.ANNOUNCED, TripStatus.UNCONFIRMED):
        parts.append(weak_row_caveat("this trip's record", confidence))
    if warrant is not None:
        parts.append(
            weak_row_caveat(f"the warrant of {warrant.issued.isoformat()}", warrant.confidence)
        )
    if territory and warrant is not None and status is not TripStatus.CANCELLED:
        parts.append(
            f"No control on the ground: {m.name} is bound in law, but the place visited was "
            f"not under its control ({territory}), so it had no means to arrest."
        )
    outstanding = [w for w in warrants if trip.intersect(w.outstanding_range())]
    if outstanding:
        parts.append(reading_caveat(m, day if warrant else trip.start, warrant))
    return " ".join(p for p in parts if p)
