"""A state's relation to the Rome Statute on any day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from mapview.domain.dates import ONE_DAY, DateRange, withdrawal_takes_effect


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
    instrument_withdrawn: dt.date | None = None  # withdrawn before it entered into force
    confidence: str = "high"  # of the row's sources: high, medium, low or unsourced
    weak_field: str = ""  # the one recorded date that the confidence is about, if known

    def effective_withdrawal(self) -> dt.date | None:
        """The day the withdrawal took or takes effect, or None (none notified, or revoked)."""
        if self.withdrawal_notified is None or self.withdrawal_revoked is not None:
            return None
        return self.withdrawal_effective or withdrawal_takes_effect(self.withdrawal_notified)

    def never_in_force(self) -> bool:
        """Whether the instrument was withdrawn before the Statute entered into force for it."""
        return self.instrument_withdrawn is not None and (
            self.in_force is None or self.instrument_withdrawn < self.in_force
        )

    def party_range(self) -> DateRange | None:
        """The days the state is bound as a State Party (withdrawal pending included)."""
        if self.in_force is None or self.never_in_force():
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
        withdrawn = self.instrument_withdrawn
        if self.never_in_force() and withdrawn is not None and day >= withdrawn:
            return Status.SIGNATORY if self.signed is not None else Status.NON_PARTY
        if self.in_force is not None and day >= self.in_force and not self.never_in_force():
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
            self.instrument_withdrawn,
            None if self.never_in_force() else self.in_force,
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
            ("instrument withdrawn before entry into force", self.instrument_withdrawn),
            ("in force", None if self.never_in_force() else self.in_force),
            ("withdrawal notified", self.withdrawal_notified),
            ("withdrawal revoked", self.withdrawal_revoked),
            ("withdrawal effective", self.effective_withdrawal()),
        ]
        items = [f"{label} {day.isoformat()}" for label, day in parts if day is not None]
        items += [f"art. 12(3) declaration {d.lodged.isoformat()}" for d in self.declarations]
        return "; ".join(items) if items else "never signed or joined the Rome Statute"
