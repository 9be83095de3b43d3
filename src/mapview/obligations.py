"""Where can they go? Every state's obligation to arrest one person on one day, as a table, a
CSV and one sentence. The verdicts come from :func:`mapview.domain.standing_on`; this module only
arranges them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd

from mapview.domain import Obligation, Standing, standing_on
from mapview.load import Dataset

COLUMNS = ["iso_a3", "name", "obligation", "label", "reason", "caveat"]


def standings(data: Dataset, person: str, day: dt.date) -> list[Standing]:
    """Every state's obligation to arrest ``person`` on ``day`` (the person lens), by name:
    the states with polygons, plus any member without one."""
    warrants = data.warrants_for(person)
    found = [standing_on(data.membership(iso), warrants, day) for iso in data.state_codes]
    return sorted(found, key=lambda s: s.name)


def table(standings: Sequence[Standing]) -> pd.DataFrame:
    """One row per state: the bound ones first, then by name."""
    rows = [
        (s.iso_a3, s.name, s.obligation.value, s.obligation.label, s.reason, s.caveat)
        for s in standings
    ]
    frame = pd.DataFrame(rows, columns=COLUMNS)
    order = {o.value: k for k, o in enumerate(Obligation)}
    frame["_rank"] = frame["obligation"].map(order)
    return frame.sort_values(["_rank", "name"]).drop(columns="_rank").reset_index(drop=True)


def records(standings: Sequence[Standing]) -> list[dict[str, str]]:
    """The list for ``--json``: code, name, ``obligation``, ``reason`` and ``caveat``."""
    return [
        {
            "iso_a3": s.iso_a3,
            "name": s.name,
            "obligation": s.obligation.value,
            "reason": s.reason,
            "caveat": s.caveat,
        }
        for s in standings
    ]


def sentence(standings: Sequence[Standing], person: str, day: dt.date, today: dt.date) -> str:
    """E.g. 'On 2024-12-31, 125 states were bound to arrest Vladimir Putin: 124 States Parties
    and Ukraine (art. 12(3) declaration).' A day after ``today`` is worded as a projection."""
    bound = [s for s in standings if s.obligation.bound]
    parties = [s for s in bound if s.obligation is Obligation.BOUND_PARTY]
    pending = [s for s in bound if s.obligation is Obligation.BOUND_WITHDRAWAL_PENDING]
    declared = [s for s in bound if s.obligation is Obligation.BOUND_DECLARATION]
    future = day > today
    verb = "would be" if future else ("was" if len(bound) == 1 else "were")
    count = f"{len(bound)} state{'' if len(bound) == 1 else 's'}"
    if not bound:
        text = f"On {day.isoformat()}, no state {'would be' if future else 'was'} bound to arrest {person}"
        return text + (" (a projection)." if future else ".")
    parts = (
        [
            f"{len(parties)} State{'' if len(parties) == 1 else 's'} Part{'y' if len(parties) == 1 else 'ies'}"
        ]
        if parties
        else []
    )
    if pending:
        parts.append(f"{_names(pending)} (withdrawal pending, still bound)")
    if declared:
        parts.append(f"{_names(declared)} (art. 12(3) declaration)")
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    text = f"On {day.isoformat()}, {count} {verb} bound to arrest {person}: {listed}."
    if future:
        text += " This is a projection from what had been notified when the data was last updated."
    return text


def _names(found: Sequence[Standing]) -> str:
    names = [s.name for s in found]
    if len(names) > 4:
        return f"{len(names)} states"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
