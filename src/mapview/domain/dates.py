"""Days and date ranges, and the two date rules of the Statute (arts. 126 and 127)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

STATUTE_IN_FORCE = dt.date(2002, 7, 1)
LAST_EARLY_DEPOSIT = dt.date(2002, 4, 11)  # the 60th instrument; art. 126(1)
ONE_DAY = dt.timedelta(days=1)


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
