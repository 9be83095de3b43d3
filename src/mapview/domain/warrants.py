"""ICC arrest warrants and the days they are outstanding."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from mapview.domain.dates import ONE_DAY, DateRange


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
    confidence: str = "high"  # of the row's sources: high, medium, low or unsourced

    def outstanding_range(self) -> DateRange:
        """The days the warrant is outstanding (it ends the day before it was executed or ended)."""
        if self.status is WarrantStatus.OUTSTANDING or self.status_date is None:
            return DateRange(self.issued)
        return DateRange(self.issued, max(self.issued, self.status_date - ONE_DAY))

    def outstanding_on(self, day: dt.date) -> bool:
        """Whether the warrant is outstanding on ``day``."""
        return self.outstanding_range().contains(day)
