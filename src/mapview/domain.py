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
  situation of a warrant that was outstanding for the traveller.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

STATUTE_IN_FORCE = dt.date(2002, 7, 1)
LAST_EARLY_DEPOSIT = dt.date(2002, 4, 11)  # the 60th instrument; art. 126(1)
ONE_DAY = dt.timedelta(days=1)


class Status(StrEnum):
    """A state's relation to the Rome Statute on one day."""

    STATE_PARTY = "state_party"
    WITHDRAWAL_PENDING = "withdrawal_pending"
    RATIFIED_NOT_IN_FORCE = "ratified_not_in_force"
    DECLARATION_12_3 = "declaration_12_3"
    SIGNATORY = "signatory"
    SIGNATURE_WITHDRAWN = "signature_withdrawn"
    WITHDRAWN = "withdrawn"
    NON_PARTY = "non_party"

    @property
    def label(self) -> str:
        """A short reader-facing label."""
        return _LABELS[self]

    @property
    def bound(self) -> bool:
        """Whether this status binds the state to arrest for every situation."""
        return self in (Status.STATE_PARTY, Status.WITHDRAWAL_PENDING)


_LABELS = {
    Status.STATE_PARTY: "State Party",
    Status.WITHDRAWAL_PENDING: "withdrawal pending, still bound",
    Status.RATIFIED_NOT_IN_FORCE: "ratified, not yet in force",
    Status.DECLARATION_12_3: "accepted jurisdiction (art. 12(3))",
    Status.SIGNATORY: "signatory",
    Status.SIGNATURE_WITHDRAWN: "signature withdrawn",
    Status.WITHDRAWN: "withdrawn",
    Status.NON_PARTY: "never joined",
}


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
class DateRange:
    """Days from ``start`` to ``end``, both included; ``end=None`` is open-ended."""

    start: dt.date
    end: dt.date | None = None

    def __post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"range ends before it starts: {self.start} > {self.end}")

    def contains(self, day: dt.date) -> bool:
        """Whether ``day`` lies in the range."""
        return self.start <= day and (self.end is None or day <= self.end)

    def intersect(self, other: DateRange) -> DateRange | None:
        """The days both ranges share, or None."""
        start = max(self.start, other.start)
        ends = [e for e in (self.end, other.end) if e is not None]
        end = min(ends) if ends else None
        return None if end is not None and end < start else DateRange(start, end)


def entry_into_force(deposited: dt.date) -> dt.date:
    """The day the Statute enters into force for a state that deposited on ``deposited`` (art. 126).

    2002-07-01 for instruments deposited by 2002-04-11; otherwise the first day of the month
    after the 60th day following the deposit.
    """
    if deposited <= LAST_EARLY_DEPOSIT:
        return STATUTE_IN_FORCE
    day60 = deposited + dt.timedelta(days=60)
    return dt.date(day60.year + day60.month // 12, day60.month % 12 + 1, 1)


def withdrawal_takes_effect(notified: dt.date) -> dt.date:
    """One year after the notification was received (art. 127(1)); 29 Feb maps to 1 March."""
    try:
        return notified.replace(year=notified.year + 1)
    except ValueError:
        return dt.date(notified.year + 1, 3, 1)


@dataclass(frozen=True)
class Declaration:
    """An article 12(3) declaration lodged on ``lodged`` for ``situation``."""

    lodged: dt.date
    situation: str


@dataclass(frozen=True)
class Membership:
    """One state's recorded dates under the Rome Statute."""

    iso_a3: str
    name: str
    signed: dt.date | None = None
    signature_withdrawn: dt.date | None = None
    deposited: dt.date | None = None
    in_force: dt.date | None = None
    withdrawal_notified: dt.date | None = None
    withdrawal_revoked: dt.date | None = None
    withdrawal_effective: dt.date | None = None
    declarations: tuple[Declaration, ...] = ()

    def effective_withdrawal(self) -> dt.date | None:
        """The day the withdrawal took or takes effect, or None (none notified, or revoked)."""
        if self.withdrawal_notified is None or self.withdrawal_revoked is not None:
            return None
        return self.withdrawal_effective or withdrawal_takes_effect(self.withdrawal_notified)

    def party_range(self) -> DateRange | None:
        """The days the state is bound as a State Party (withdrawal pending included)."""
        if self.in_force is None:
            return None
        effective = self.effective_withdrawal()
        return DateRange(self.in_force, effective - ONE_DAY if effective else None)

    def bound_ranges(self, situation: str) -> list[DateRange]:
        """The days the state must cooperate in ``situation`` (party, or art. 12(3))."""
        ranges = [DateRange(d.lodged) for d in self.declarations if d.situation == situation]
        party = self.party_range()
        return ranges + ([party] if party else [])

    def status_on(self, day: dt.date) -> Status:
        """The state's status on ``day``."""
        effective = self.effective_withdrawal()
        if effective is not None and day >= effective:
            return Status.WITHDRAWN
        if self.in_force is not None and day >= self.in_force:
            notified, revoked = self.withdrawal_notified, self.withdrawal_revoked
            if notified is not None and day >= notified and (revoked is None or day < revoked):
                return Status.WITHDRAWAL_PENDING
            return Status.STATE_PARTY
        if self.deposited is not None and day >= self.deposited:
            return Status.RATIFIED_NOT_IN_FORCE
        if any(d.lodged <= day for d in self.declarations):
            return Status.DECLARATION_12_3
        if self.signature_withdrawn is not None and day >= self.signature_withdrawn:
            return Status.SIGNATURE_WITHDRAWN
        if self.signed is not None and day >= self.signed:
            return Status.SIGNATORY
        return Status.NON_PARTY

    def change_dates(self) -> list[dt.date]:
        """Every recorded day on which the status may change, sorted."""
        days = {
            self.signed,
            self.signature_withdrawn,
            self.deposited,
            self.in_force,
            self.withdrawal_notified,
            self.withdrawal_revoked,
            self.effective_withdrawal(),
        }
        days.update(d.lodged for d in self.declarations)
        return sorted(d for d in days if d is not None)

    def history(self) -> str:
        """The state's history in one line, e.g. 'signed 1998-12-17; in force 2002-07-01'."""
        parts = [
            ("signed", self.signed),
            ("signature withdrawn", self.signature_withdrawn),
            ("ratified or acceded", self.deposited),
            ("in force", self.in_force),
            ("withdrawal notified", self.withdrawal_notified),
            ("withdrawal revoked", self.withdrawal_revoked),
            ("withdrawal effective", self.effective_withdrawal()),
        ]
        items = [f"{label} {day.isoformat()}" for label, day in parts if day is not None]
        items += [f"art. 12(3) declaration {d.lodged.isoformat()}" for d in self.declarations]
        return "; ".join(items) if items else "never signed or joined the Rome Statute"


class WarrantStatus(StrEnum):
    """Where a warrant stands."""

    OUTSTANDING = "outstanding"
    EXECUTED = "executed"
    WITHDRAWN = "withdrawn"
    TERMINATED = "terminated"


@dataclass(frozen=True)
class Warrant:
    """One ICC arrest warrant."""

    warrant_id: str
    person: str
    situation: str
    issued: dt.date
    status: WarrantStatus = WarrantStatus.OUTSTANDING
    status_date: dt.date | None = None

    def outstanding_range(self) -> DateRange:
        """The days the warrant is outstanding (it ends the day before it was executed or ended)."""
        if self.status is WarrantStatus.OUTSTANDING or self.status_date is None:
            return DateRange(self.issued)
        return DateRange(self.issued, max(self.issued, self.status_date - ONE_DAY))

    def outstanding_on(self, day: dt.date) -> bool:
        """Whether the warrant is outstanding on ``day``."""
        return self.outstanding_range().contains(day)


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
