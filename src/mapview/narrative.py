"""Plain-language text for a view: the summary paragraph that is also the map's text alternative."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from mapview.domain import Verdict

MAX_LISTED = 12  # trips to bound states named in the summary; the table has them all


@dataclass(frozen=True)
class Headline:
    """The few numbers shown above the map."""

    trips: int
    bound: int
    not_arrested: int
    not_travelled: int
    countries: int
    located: int
    unlocated: int


def headline(view: pd.DataFrame) -> Headline:
    """Count what the view shows."""
    went = view[view["verdict"] != Verdict.NOT_TRAVELLED.value]
    bound = went[went["verdict"] == Verdict.BOUND.value]
    return Headline(
        trips=len(went),
        bound=len(bound),
        not_arrested=int((bound["outcome"] == "not_arrested").sum()),
        not_travelled=int((view["verdict"] == Verdict.NOT_TRAVELLED.value).sum()),
        countries=went["iso_a3"].nunique(),
        located=int(view["lat"].notna().sum()),
        unlocated=int(view["lat"].isna().sum()),
    )


def _names(people: list[str]) -> str:
    if not people:
        return "No one"
    if len(people) <= 3:
        return people[0] if len(people) == 1 else ", ".join(people[:-1]) + " and " + people[-1]
    return f"{len(people)} people sought by the ICC"


def _plural(n: int, word: str) -> str:
    if n == 1:
        return f"{n} {word}"
    return f"{n} {word[:-1]}ies" if word.endswith("y") else f"{n} {word}s"


def summary(view: pd.DataFrame, people: list[str], start: dt.date, end: dt.date) -> str:
    """'Between … and …, Vladimir Putin made N foreign trips; M were to states bound to arrest him: …'."""
    h = headline(view)
    who = _names(people)
    text = f"Between {start.isoformat()} and {end.isoformat()}, {who} made {_plural(h.trips, 'foreign trip')}"
    if h.trips:
        text += f" to {_plural(h.countries, 'country')}"
    went = view[view["verdict"] == Verdict.BOUND.value]
    if h.bound:
        listed = went.head(MAX_LISTED)
        days = listed["start"].dt.strftime("%Y-%m-%d")
        places = "; ".join(
            f"{host} ({day}" + (f", {person}" if len(people) > 1 else "") + ")"
            for host, day, person in zip(listed["host_name"], days, listed["person"], strict=True)
        )
        if h.bound > MAX_LISTED:
            places += f"; and {h.bound - MAX_LISTED:,} more (see the trips table)"
        verb = "was" if h.bound == 1 else "were"
        text += (
            f". {h.bound} {verb} to states bound to arrest on the day of the visit: {places}. "
            f"No arrest was made on {h.not_arrested} of them"
        )
    else:
        text += ". None was to a state bound to arrest on the day of the visit"
    if h.not_travelled:
        verb = "was" if h.not_travelled == 1 else "were"
        text += f". {_plural(h.not_travelled, 'planned trip')} {verb} cancelled, avoided or attended remotely"
    return text + "."
