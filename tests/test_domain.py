"""The rules, with the edge days: the day before and the day of each change."""

from __future__ import annotations

import datetime as dt

import pytest

from mapview.domain import (
    DateRange,
    Declaration,
    Membership,
    Status,
    TripStatus,
    Verdict,
    Warrant,
    WarrantStatus,
    assess,
    entry_into_force,
    withdrawal_takes_effect,
)

D = dt.date.fromisoformat
MONGOLIA = Membership(
    "MNG", "Mongolia", signed=D("2000-12-29"), deposited=D("2002-04-11"), in_force=D("2002-07-01")
)
ARMENIA = Membership(
    "ARM", "Armenia", signed=D("1999-10-01"), deposited=D("2023-11-14"), in_force=D("2024-02-01")
)
BURUNDI = Membership(
    "BDI",
    "Burundi",
    signed=D("1999-01-13"),
    deposited=D("2004-09-21"),
    in_force=D("2004-12-01"),
    withdrawal_notified=D("2016-10-27"),
    withdrawal_effective=D("2017-10-27"),
)
GAMBIA = Membership(
    "GMB",
    "Gambia",
    signed=D("1998-12-04"),
    deposited=D("2002-06-28"),
    in_force=D("2002-09-01"),
    withdrawal_notified=D("2016-11-10"),
    withdrawal_revoked=D("2017-02-10"),
)
UKRAINE = Membership(
    "UKR",
    "Ukraine",
    signed=D("2000-01-20"),
    deposited=D("2024-10-25"),
    in_force=D("2025-01-01"),
    declarations=(Declaration(D("2014-04-17"), "ukraine"), Declaration(D("2015-09-08"), "ukraine")),
)
USA = Membership(
    "USA", "United States", signed=D("2000-12-31"), signature_withdrawn=D("2002-05-06")
)
PUTIN = Warrant("putin-2023", "Vladimir Putin", "ukraine", D("2023-03-17"))
NETANYAHU = Warrant("netanyahu-2024", "Benjamin Netanyahu", "palestine", D("2024-11-21"))
ENDED = Warrant("x-2011", "X", "libya", D("2011-06-27"), WarrantStatus.TERMINATED, D("2011-11-22"))


@pytest.mark.parametrize(
    ("deposited", "expected"),
    [
        ("2002-04-11", "2002-07-01"),  # the last of the first sixty
        ("2002-04-12", "2002-07-01"),  # 60th day is 2002-06-11 -> 1 July
        ("2023-11-14", "2024-02-01"),  # Armenia
        ("2024-10-25", "2025-01-01"),  # Ukraine: crosses the year
        ("2015-01-02", "2015-04-01"),  # Palestine
        ("2003-11-02", "2004-02-01"),  # 60th day is 1 January: the month after it
    ],
)
def test_entry_into_force_follows_article_126(deposited: str, expected: str) -> None:
    """Entry into force is the first day of the month after the 60th day following deposit."""
    assert entry_into_force(D(deposited)) == D(expected)


def test_withdrawal_takes_effect_one_year_later_even_from_29_february() -> None:
    """Art. 127: one year after notification; 29 February maps to 1 March."""
    assert withdrawal_takes_effect(D("2016-10-27")) == D("2017-10-27")
    assert withdrawal_takes_effect(D("2024-02-29")) == D("2025-03-01")


@pytest.mark.parametrize(
    ("member", "day", "status"),
    [
        (ARMENIA, "1999-09-30", Status.NON_PARTY),
        (ARMENIA, "1999-10-01", Status.SIGNATORY),
        (ARMENIA, "2023-11-14", Status.RATIFIED_NOT_IN_FORCE),
        (ARMENIA, "2024-01-31", Status.RATIFIED_NOT_IN_FORCE),
        (ARMENIA, "2024-02-01", Status.STATE_PARTY),
        (BURUNDI, "2016-10-26", Status.STATE_PARTY),
        (BURUNDI, "2016-10-27", Status.WITHDRAWAL_PENDING),
        (BURUNDI, "2017-10-26", Status.WITHDRAWAL_PENDING),
        (BURUNDI, "2017-10-27", Status.WITHDRAWN),
        (GAMBIA, "2017-02-09", Status.WITHDRAWAL_PENDING),
        (GAMBIA, "2017-02-10", Status.STATE_PARTY),
        (GAMBIA, "2017-11-10", Status.STATE_PARTY),
        (UKRAINE, "2014-04-16", Status.SIGNATORY),
        (UKRAINE, "2014-04-17", Status.DECLARATION_12_3),
        (UKRAINE, "2024-12-31", Status.RATIFIED_NOT_IN_FORCE),
        (UKRAINE, "2025-01-01", Status.STATE_PARTY),
        (USA, "2002-05-05", Status.SIGNATORY),
        (USA, "2002-05-06", Status.SIGNATURE_WITHDRAWN),
    ],
)
def test_status_on_edge_days(member: Membership, day: str, status: Status) -> None:
    """The status changes exactly on the recorded day, not a day early or late."""
    assert member.status_on(D(day)) is status


@pytest.mark.parametrize(
    ("status", "bound"),
    [
        (Status.STATE_PARTY, True),
        (Status.WITHDRAWAL_PENDING, True),
        (Status.RATIFIED_NOT_IN_FORCE, False),
        (Status.SIGNATORY, False),
        (Status.WITHDRAWN, False),
        (Status.NON_PARTY, False),
    ],
)
def test_only_parties_and_pending_withdrawals_are_bound_for_every_situation(
    status: Status, bound: bool
) -> None:
    """A pending withdrawal still binds; ratification before entry into force does not."""
    assert status.bound is bound


@pytest.mark.parametrize(
    ("warrant", "day", "outstanding"),
    [
        (PUTIN, "2023-03-16", False),
        (PUTIN, "2023-03-17", True),
        (ENDED, "2011-11-21", True),
        (ENDED, "2011-11-22", False),
    ],
)
def test_warrant_outstanding_from_issue_until_the_day_before_it_ended(
    warrant: Warrant, day: str, outstanding: bool
) -> None:
    """A warrant binds from its issue day and stops on the day it was executed or ended."""
    assert warrant.outstanding_on(D(day)) is outstanding


def _day(day: str) -> DateRange:
    return DateRange(D(day), D(day))


def test_mongolia_2024_was_bound_with_a_reason_naming_dates_and_articles() -> None:
    """Putin in Mongolia, 2024-09-03: bound; the reason names the dates and the articles."""
    f = assess(MONGOLIA, [PUTIN], _day("2024-09-03"))
    assert f.verdict is Verdict.BOUND and f.obligation
    assert "2002-07-01" in f.reason and "2023-03-17" in f.reason and "art" in f.reason


def test_a_signatory_is_not_bound() -> None:
    """A state that signed but never ratified has no obligation, and the reason says so."""
    kgz = Membership("KGZ", "Kyrgyzstan", signed=D("1998-12-08"))
    f = assess(kgz, [PUTIN], _day("2023-10-12"))
    assert f.verdict is Verdict.NOT_BOUND and f.warrant_outstanding and not f.host_bound
    assert "never ratified" in f.reason


def test_a_trip_spanning_entry_into_force_counts_on_its_last_day() -> None:
    """Any day of the trip counts: Armenia, 2024-01-31 to 2024-02-01."""
    assert not assess(ARMENIA, [PUTIN], _day("2024-01-31")).obligation
    assert assess(ARMENIA, [PUTIN], DateRange(D("2024-01-31"), D("2024-02-01"))).obligation


def test_article_12_3_declaration_binds_only_for_its_situation() -> None:
    """Ukraine's declaration binds it for the Ukraine situation, not for Palestine's."""
    assert assess(UKRAINE, [PUTIN], _day("2024-06-01")).obligation
    assert not assess(UKRAINE, [NETANYAHU], _day("2024-12-01")).obligation


def test_pending_withdrawal_still_binds_and_revoked_one_never_takes_effect() -> None:
    """Burundi was bound the day before its withdrawal took effect; Gambia never left."""
    w = Warrant("w", "P", "darfur", D("2009-03-04"))
    assert assess(BURUNDI, [w], _day("2017-10-26")).obligation
    assert not assess(BURUNDI, [w], _day("2017-10-27")).obligation
    assert "withdrawal took effect on 2017-10-27" in assess(BURUNDI, [w], _day("2017-10-27")).reason
    assert assess(GAMBIA, [w], _day("2018-01-01")).obligation


def test_no_obligation_before_the_warrant_or_after_it_ended() -> None:
    """Before the first warrant, or after it ended, no state is bound."""
    f = assess(MONGOLIA, [PUTIN], _day("2023-03-16"))
    assert f.verdict is Verdict.NOT_BOUND and "before the first warrant" in f.reason
    f = assess(MONGOLIA, [ENDED], _day("2012-01-01"))
    assert f.verdict is Verdict.NOT_BOUND and "terminated on 2011-11-22" in f.reason


def test_a_cancelled_trip_has_no_verdict_of_obligation_but_says_what_would_have_applied() -> None:
    """A cancelled trip is 'not travelled'; the reason says the host would have been bound."""
    f = assess(MONGOLIA, [PUTIN], _day("2024-09-03"), TripStatus.CANCELLED)
    assert f.verdict is Verdict.NOT_TRAVELLED and not f.obligation
    assert "would have been bound" in f.reason


def test_date_range_rejects_an_end_before_its_start() -> None:
    """A reversed range is a programming error and says which dates."""
    with pytest.raises(ValueError, match="2024-01-02"):
        DateRange(D("2024-01-02"), D("2024-01-01"))
