"""Plain-language text for a view: one headline sentence for above the map, the longer summary
for below it, and the numbers. Together they are the map's text alternative.

Both surfaces write theirs here: the dashboard for its view, the reader page for every day its
slider can show (see :func:`summaries_by_day`), so the two cannot drift apart.

What counts (``view`` holds the columns of :func:`mapview.join.trips_view`):

* a trip *made* is one whose verdict is ``bound`` or ``not_bound`` (it took place);
* a trip made to *occupied territory* has a non-empty ``territory_note``: the host in the data is
  the de jure state, which did not control the place. These are counted apart from visits to
  foreign states, in the numbers and in the text;
* an *announced* trip has the status ``announced`` or ``unconfirmed``, and the verdict
  ``would_be_bound`` or ``would_not_be_bound``. It never counts as a trip made;
* every other trip (cancelled, avoided, attended remotely) was planned but not made.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from mapview.domain import Verdict

TITLE = "Where did they go, and was the host bound to arrest them?"
SHORT_TITLE = "Was the host bound to arrest?"  # the title on phones: one line at 390 px
MAX_LISTED = 12  # places (or announced trips) named in one list; the table has them all
MADE = frozenset(
    {Verdict.BOUND.value, Verdict.NOT_BOUND.value}
)  # the verdicts of trips that took place
WOULD_BE_BOUND = "would_be_bound"
WOULD_NOT_BE_BOUND = "would_not_be_bound"
ANNOUNCED = ("announced", "unconfirmed")  # statuses of trips not (yet) made
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_THE = ("United ", "Democratic Republic", "Central African", "Republic of", "State of")
_THE_NAMES = frozenset({"Netherlands", "Philippines", "Bahamas", "Gambia", "Maldives", "Comoros"})


@dataclass(frozen=True)
class Fact:
    """The parts of one trip that the text uses (days as dates, blanks as '')."""

    person: str
    host: str
    city: str
    start: dt.date
    end: dt.date
    status: str
    verdict: str
    outcome: str
    purpose: str
    occupied: bool
    located: bool

    @property
    def made(self) -> bool:
        """The trip took place."""
        return self.verdict in MADE

    @property
    def announced(self) -> bool:
        """Announced or unconfirmed: not made, and said so apart."""
        return self.status in ANNOUNCED or self.verdict in (WOULD_BE_BOUND, WOULD_NOT_BE_BOUND)


@dataclass(frozen=True)
class Headline:
    """The numbers of a view."""

    trips: int  # trips made to foreign states (occupied territory apart)
    travellers: int  # people who made a trip (to a foreign state or occupied territory)
    bound: int  # trips made to foreign states bound to arrest on a day of the visit
    not_arrested: int  # of those, the ones recorded as "not arrested"
    countries: int  # foreign states visited
    occupied: int  # trips made to territory its de jure state did not control
    occupied_bound: int  # of those, the ones where that state was bound to arrest
    not_travelled: int  # cancelled, avoided or attended remotely
    announced: int  # announced or unconfirmed, not (yet) made
    located: int  # trips with a position on the map
    unlocated: int  # trips without one (table only)


@dataclass(frozen=True)
class Summary:
    """The text of a view: :attr:`sentence` goes above the map, :attr:`details` below it."""

    start: dt.date
    end: dt.date
    lead: str  # the headline sentence after its opening "Between … and …, "
    details: tuple[str, ...]  # the longer summary, one sentence or short list each
    numbers: Headline

    @property
    def sentence(self) -> str:
        """The one headline sentence."""
        return f"{period(self.start, self.end)}, {self.lead}"

    @property
    def text(self) -> str:
        """The whole summary: the map's text alternative."""
        return " ".join((self.sentence, *self.details))


def period(start: dt.date, end: dt.date) -> str:
    """'Between 2024-01-01 and 2024-12-31' (both days included)."""
    return f"Between {start.isoformat()} and {end.isoformat()}"


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def facts(view: pd.DataFrame) -> list[Fact]:
    """One :class:`Fact` per row of ``view``, in its order."""
    columns = ("person", "host_name", "city", "status", "verdict", "outcome", "purpose")
    texts = [[_text(v) for v in view[c].tolist()] for c in columns]
    notes = [_text(v).strip() for v in view["territory_note"].tolist()]
    located = (view["lat"].notna() & view["lon"].notna()).tolist()
    days = [[t.date() for t in view[c].tolist()] for c in ("start", "end")]
    return [
        Fact(p, h, c, s, e, st, v, o, pu, bool(n), bool(lo))
        for p, h, c, st, v, o, pu, n, lo, s, e in zip(*texts, notes, located, *days, strict=True)
    ]


def count(trips: Sequence[Fact]) -> Headline:
    """The numbers of ``trips``."""
    made = [t for t in trips if t.made]
    abroad = [t for t in made if not t.occupied]
    bound = [t for t in abroad if t.verdict == Verdict.BOUND]
    occupied = [t for t in made if t.occupied]
    announced = sum(t.announced for t in trips)
    located = sum(t.located for t in trips)
    return Headline(
        trips=len(abroad),
        travellers=len({t.person for t in made}),
        bound=len(bound),
        not_arrested=sum(t.outcome == "not_arrested" for t in bound),
        countries=len({t.host for t in abroad}),
        occupied=len(occupied),
        occupied_bound=sum(t.verdict == Verdict.BOUND for t in occupied),
        not_travelled=len(trips) - len(made) - announced,
        announced=announced,
        located=located,
        unlocated=len(trips) - located,
    )


Masks = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def _headline(view: pd.DataFrame, masks: Masks) -> Headline:
    """The numbers of ``view``, counted from whole columns (what :func:`count` gives for one
    record per trip)."""
    made, occupied, bound, announced = masks
    located = (view["lat"].notna() & view["lon"].notna()).to_numpy()
    abroad = made & ~occupied
    return Headline(
        trips=int(abroad.sum()),
        travellers=int(view["person"][made].nunique()),
        bound=int((abroad & bound).sum()),
        not_arrested=int((abroad & bound & (view["outcome"] == "not_arrested").to_numpy()).sum()),
        countries=int(view["host_name"][abroad].nunique()),
        occupied=int((made & occupied).sum()),
        occupied_bound=int((made & occupied & bound).sum()),
        not_travelled=int(len(view) - made.sum() - announced.sum()),
        announced=int(announced.sum()),
        located=int(located.sum()),
        unlocated=int(len(view) - located.sum()),
    )


def _masks(view: pd.DataFrame) -> Masks:
    """Per row: made, to occupied territory, bound, announced (as :class:`Fact` reads them)."""
    made = view["verdict"].isin(MADE).to_numpy()
    occupied = (view["territory_note"].fillna("").astype(str).str.strip() != "").to_numpy()
    bound = (view["verdict"] == Verdict.BOUND.value).to_numpy()
    announced = (
        view["status"].isin(ANNOUNCED) | view["verdict"].isin([WOULD_BE_BOUND, WOULD_NOT_BE_BOUND])
    ).to_numpy()
    return made, occupied, bound, announced


def _plural(n: int, word: str) -> str:
    if n == 1:
        return f"1 {word}"
    return f"{n:,} {word[:-1]}ies" if word.endswith("y") else f"{n:,} {word}s"


def _join(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _who(travellers: Sequence[str]) -> str:
    return (
        _join(travellers)
        if len(travellers) <= 3
        else f"{len(travellers):,} people sought by the ICC"
    )


def _the(host: str) -> str:
    """'United States' -> 'the United States'; 'Mongolia' stays."""
    if host.startswith(_THE) or host in _THE_NAMES or host.endswith((" Islands", " Republic")):
        return f"the {host}"
    return host


def _span(start: dt.date, end: dt.date) -> str:
    """'14–15 Dec 2026', '30 Nov – 2 Dec 2026', '14 Dec 2026'."""

    def day(d: dt.date, month: bool = True, year: bool = True) -> str:
        return " ".join(
            [
                str(d.day),
                *([_MONTHS[d.month - 1]] if month else []),
                *([str(d.year)] if year else []),
            ]
        )

    if start == end:
        return day(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{day(end)}"
    if start.year == end.year:
        return f"{day(start, year=False)} – {day(end)}"
    return f"{day(start)} – {day(end)}"


def _places(listed: _Listed, several: bool) -> str:
    """'Mongolia (2024-09-02); Ukraine (2023-03-18: Sevastopol, Mariupol)': trips to one country
    on one day are merged and their cities named; with ``several`` travellers, who went. At most
    :data:`MAX_LISTED` places are named, then the other trips are counted."""
    groups: dict[tuple[str, dt.date], list[Fact]] = {}
    for t in listed.named:
        groups.setdefault((t.host, t.start), []).append(t)
    named = []
    for (host, day), group in groups.items():
        inside = day.isoformat()
        if several:
            inside += ", " + _join(_unique(t.person for t in group))
        cities = _unique(t.city for t in group)
        if len(group) > 1:
            inside += ": " + ", ".join(cities) if cities else f", {len(group)} trips"
        named.append(f"{host} ({inside})")
    text = "; ".join(named)
    if listed.more:
        text += f"; and {_plural(listed.more, 'more trip')} (see the trips table)"
    return text


def _lead(h: Headline, travellers: Sequence[str], people: Sequence[str]) -> str:
    if not h.trips and not h.occupied:
        if not people:
            return "no leader is selected."
        if len(people) <= 3:
            return f"{_join(people)} made no foreign trips."
        return f"none of the {len(people):,} people selected made a foreign trip."
    who = _who(travellers)
    if not h.trips:
        return f"{who} made no foreign trips, only {_plural(h.occupied, 'trip')} to occupied territory."
    text = f"{who} made {_plural(h.trips, 'foreign trip')} to {_plural(h.countries, 'country')}"
    if not h.bound:
        return text + "; none was to a state bound to arrest."
    if h.bound == 1:
        return text + ("; it was" if h.trips == 1 else "; 1 was") + " to a state bound to arrest."
    return text + f"; {h.bound:,} were to states bound to arrest."


def _announced(trips: Sequence[Fact], total: int) -> list[str]:
    lines = []
    for t in trips[:MAX_LISTED]:
        what = ", ".join(p for p in (t.purpose, t.city or t.host, _span(t.start, t.end)) if p)
        line = f"{t.status.replace('_', ' ').capitalize() or 'Announced'}: {what}."
        host = _the(t.host)
        host = host[:1].upper() + host[1:]
        if t.verdict == WOULD_BE_BOUND:
            line += f" {host} would be bound to arrest."
        elif t.verdict == WOULD_NOT_BE_BOUND:
            line += f" {host} would not be bound."
        lines.append(line)
    if total > MAX_LISTED:
        rest = _plural(total - MAX_LISTED, "more announced or unconfirmed trip")
        lines.append(f"{rest[:1].upper()}{rest[1:]} (see the trips table).")
    return lines


@dataclass(frozen=True)
class _Listed:
    """The trips a list names (those of its first :data:`MAX_LISTED` places) and how many
    others there are."""

    named: tuple[Fact, ...]
    more: int


def _first_places(trips: Sequence[Fact]) -> _Listed:
    keys = list(dict.fromkeys((t.host, t.start) for t in trips))[:MAX_LISTED]
    chosen = set(keys)
    named = tuple(t for t in trips if (t.host, t.start) in chosen)
    return _Listed(named, len(trips) - len(named))


def summarise_facts(
    trips: Sequence[Fact], people: Sequence[str], start: dt.date, end: dt.date
) -> Summary:
    """The summary of ``trips`` (the view from ``start`` to ``end``, both included) by
    ``people`` (the selection: named only when none of them made a trip)."""
    abroad = [t for t in trips if t.made and not t.occupied]
    return _worded(
        count(trips),
        {t.person for t in trips if t.made},
        _first_places([t for t in abroad if t.verdict == Verdict.BOUND]),
        _first_places([t for t in trips if t.made and t.occupied]),
        [t for t in trips if t.announced][: MAX_LISTED + 1],
        (people, start, end),
    )


def _worded(
    h: Headline,
    went: set[str],
    bound: _Listed,
    occupied: _Listed,
    announced: Sequence[Fact],
    view: tuple[Sequence[str], dt.date, dt.date],
) -> Summary:
    """The text from the numbers and the trips it names (``announced``: the first
    :data:`MAX_LISTED`, and one more if there are more)."""
    people, start, end = view
    travellers = [p for p in people if p in went] + sorted(went - set(people))
    several = len(travellers) > 1
    details = []
    if bound.named:
        details.append(
            f"To states bound to arrest on the day of the visit: {_places(bound, several)}."
        )
        if h.not_arrested == h.bound == 1:
            details.append("No arrest was made.")
        elif h.not_arrested:
            details.append(f"No arrest was made on {h.not_arrested:,} of them.")
    if occupied.named:
        were = "was" if h.occupied == 1 else "were"
        details.append(
            f"{_plural(h.occupied, 'trip')} {were} to occupied territory, which its de jure "
            f"state did not control: {_places(occupied, several)}."
        )
        if h.occupied_bound:
            on = "" if h.occupied == 1 else f" on {h.occupied_bound:,} of them"
            details.append(f"The de jure state was bound to arrest{on}.")
    if h.not_travelled:
        were = "was" if h.not_travelled == 1 else "were"
        details.append(
            f"{_plural(h.not_travelled, 'planned trip')} {were} cancelled, avoided or attended "
            "remotely."
        )
    details += _announced(announced, h.announced)
    return Summary(start, end, _lead(h, travellers, people), tuple(details), h)


def summarise(view: pd.DataFrame, people: Sequence[str], start: dt.date, end: dt.date) -> Summary:
    """The summary of ``view`` (as :func:`summarise_facts` words it), counted from whole
    columns: only the trips the text names become :class:`Fact` records."""
    masks = _masks(view)
    made, occupied, bound, announced = masks
    abroad = made & ~occupied

    def listed(mask: np.ndarray) -> _Listed:
        chosen = view[mask]
        places, _ = pd.factorize(pd.MultiIndex.from_arrays([chosen["host_name"], chosen["start"]]))
        named = places < MAX_LISTED  # places are numbered in order of first appearance
        return _Listed(tuple(facts(chosen[named])), int((~named).sum()))

    went = {str(p) for p in view["person"][made]}
    first_announced = facts(view[announced].head(MAX_LISTED + 1))
    return _worded(
        _headline(view, masks),
        went,
        listed(abroad & bound),
        listed(made & occupied),
        first_announced,
        (people, start, end),
    )


def summary(view: pd.DataFrame, people: Sequence[str], start: dt.date, end: dt.date) -> str:
    """The whole summary of ``view`` as one paragraph (see :attr:`Summary.text`)."""
    return summarise(view, people, start, end).text


def summaries_by_day(
    view: pd.DataFrame, people: Sequence[str], start: dt.date, end: dt.date
) -> list[Summary]:
    """What the summary says on each day from ``start`` to ``end`` when it covers the trips that
    began by that day: one :class:`Summary` per day on which the trips shown change (the first
    is for ``start``), each with ``end`` set to that day. A day in between reads like the last
    change before it, with its own day as the end."""
    trips = sorted(facts(view), key=lambda t: t.start)
    starts = [t.start for t in trips]
    days = sorted({start, *(d for d in starts if start < d <= end)})
    return [
        summarise_facts(trips[: bisect.bisect_right(starts, day)], people, start, day)
        for day in days
    ]
