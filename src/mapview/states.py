"""Every state on a day: its status under the Rome Statute, and the changes of status in a
range (for the map's colours, ``mapview status`` and the "what changed" panel)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from mapview.domain import Status
from mapview.load import Dataset


@dataclass(frozen=True)
class CountryStatus:
    """One country's status on one day."""

    iso_a3: str
    name: str
    status: Status
    bound: bool
    history: str


def statuses_on(data: Dataset, day: dt.date) -> list[CountryStatus]:
    """Every country's status on ``day`` (countries with polygons, plus any member without one)."""
    out = []
    for iso in data.state_codes:
        m = data.membership(iso)
        status = m.status_on(day)
        out.append(CountryStatus(iso, m.name, status, status.bound, m.history()))
    return out


@dataclass(frozen=True)
class StatusChange:
    """A country whose status changed on ``day``."""

    day: dt.date
    iso_a3: str
    name: str
    before: Status
    after: Status


def status_changes(data: Dataset, start: dt.date, end: dt.date) -> list[StatusChange]:
    """Every status change from ``start`` to ``end`` (both included), in date order."""
    out = []
    for m in data.members.values():
        for day in m.change_dates():
            if start <= day <= end:
                before, after = m.status_on(day - dt.timedelta(days=1)), m.status_on(day)
                if before is not after:
                    out.append(StatusChange(day, m.iso_a3, m.name, before, after))
    return sorted(out, key=lambda c: (c.day, c.name))
