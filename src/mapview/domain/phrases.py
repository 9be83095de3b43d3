"""The clauses a reason is made of: why a state was bound, why it was not, and why no warrant
applied. Each names the dates and the articles of the Statute it rests on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from mapview.domain.dates import DateRange
from mapview.domain.membership import Membership, Status
from mapview.domain.warrants import Warrant


def bound_phrase(m: Membership, day: dt.date, situation: str) -> str:
    """Why ``m`` was bound on ``day`` for ``situation`` (the state is known to be bound)."""
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
    if status is Status.STATE_PARTY and m.withdrawal_revoked and day >= m.withdrawal_revoked:
        return (
            f"was a State Party from {_iso(m.in_force)} (art. 126) and revoked its withdrawal "
            f"notification on {m.withdrawal_revoked.isoformat()}, before it took effect (art. 127)"
        )
    if status is Status.STATE_PARTY:
        return f"was a State Party from {_iso(m.in_force)} (art. 126)"
    lodged = min(d.lodged for d in m.declarations if d.situation == situation)
    return (
        f"had accepted the Court's jurisdiction over the situation in {situation} by an "
        f"art. 12(3) declaration of {lodged.isoformat()}, which obliges it to cooperate (Part 9)"
    )


def status_phrase(m: Membership, day: dt.date) -> str:
    """Why ``m`` was not bound as a party on ``day``, in a clause."""
    status = m.status_on(day)
    if m.never_in_force() and m.instrument_withdrawn is not None and day >= m.instrument_withdrawn:
        return (
            f"it deposited an instrument on {_iso(m.deposited)} but withdrew it on "
            f"{_iso(m.instrument_withdrawn)}, before the Statute entered into force for it "
            "(art. 126), so it never became a State Party"
        )
    if status is Status.WITHDRAWN:
        return (
            f"its withdrawal took effect on {_iso(m.effective_withdrawal())} (art. 127; duties for "
            "proceedings begun before then are not assessed here)"
        )
    if status is Status.RATIFIED_NOT_IN_FORCE:
        if m.in_force is None or m.never_in_force():
            return f"it had deposited an instrument on {_iso(m.deposited)}, not yet in force"
        return (
            f"it had ratified on {_iso(m.deposited)}, but the Statute enters into force "
            f"for it only on {_iso(m.in_force)} (art. 126)"
        )
    if status is Status.SIGNATURE_WITHDRAWN:
        return f"it withdrew its signature on {_iso(m.signature_withdrawn)} and never ratified"
    if status is Status.SIGNATORY:
        return f"it signed on {_iso(m.signed)} but never ratified"
    if status is Status.DECLARATION_12_3:
        return "its art. 12(3) declaration covers another situation"
    return "it never joined the Rome Statute"


def no_warrant_phrase(
    warrants: Iterable[Warrant], trip: DateRange, subject: str = "The trip came"
) -> str:
    """Why no warrant applied to ``trip``, in a sentence that starts with ``subject``."""
    ws = sorted(warrants, key=lambda w: w.issued)
    if not ws:
        return "No ICC arrest warrant is recorded for this person."
    if trip.start < ws[0].issued:
        return f"{subject} before the first warrant, issued {ws[0].issued.isoformat()}."
    ended = [w for w in ws if w.status_date is not None]
    last = max(ended, key=lambda w: w.status_date or w.issued) if ended else ws[-1]
    return f"No warrant was outstanding: it was {last.status.value} on {_iso(last.status_date)}."


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else "an unrecorded date"
