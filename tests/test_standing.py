"""The person lens, future days, announced trips and caveats: rule tables with edge days."""

from __future__ import annotations

import datetime as dt

import pytest

from mapview.domain import (
    DateRange,
    Declaration,
    Membership,
    Obligation,
    Status,
    TripStatus,
    Verdict,
    Warrant,
    assess,
    horizon,
    standing_on,
)

from .test_domain import ARMENIA, BURUNDI, MONGOLIA, NETANYAHU, PUTIN, UKRAINE, USA

D = dt.date.fromisoformat
HUNGARY = Membership(
    "HUN",
    "Hungary",
    deposited=D("2001-11-30"),
    in_force=D("2002-07-01"),
    withdrawal_notified=D("2025-06-02"),
    withdrawal_revoked=D("2026-05-29"),
    confidence="medium",
    weak_field="withdrawal_revoked",
)
LEAVER = Membership(  # a withdrawal notified but not yet in effect: it takes effect in the future
    "LVR",
    "Leaver",
    deposited=D("2002-04-11"),
    in_force=D("2002-07-01"),
    withdrawal_notified=D("2026-09-01"),
)
JOINER = Membership("JNR", "Joiner", deposited=D("2026-11-20"), in_force=D("2027-02-01"))
MALAYSIA = Membership(
    "MYS", "Malaysia", deposited=D("2019-03-04"), instrument_withdrawn=D("2019-04-29")
)
PALESTINE = Membership(
    "PSE",
    "Palestine",
    deposited=D("2015-01-02"),
    in_force=D("2015-04-01"),
    declarations=(Declaration(D("2015-01-01"), "palestine"),),
)


@pytest.mark.parametrize(
    ("member", "warrants", "day", "obligation"),
    [
        (MONGOLIA, [PUTIN], "2024-09-03", Obligation.BOUND_PARTY),
        (USA, [PUTIN], "2024-09-03", Obligation.NOT_BOUND),
        (ARMENIA, [PUTIN], "2024-01-31", Obligation.NOT_YET_IN_FORCE),
        (ARMENIA, [PUTIN], "2024-02-01", Obligation.BOUND_PARTY),
        # Ukraine on 2024-12-31: its art. 12(3) declaration covers Putin's situation only
        (UKRAINE, [PUTIN], "2024-12-31", Obligation.BOUND_DECLARATION),
        (UKRAINE, [NETANYAHU], "2024-12-31", Obligation.NOT_YET_IN_FORCE),
        (UKRAINE, [NETANYAHU], "2025-01-01", Obligation.BOUND_PARTY),
        (BURUNDI, [PUTIN], "2023-06-01", Obligation.NOT_BOUND),
        (HUNGARY, [NETANYAHU], "2025-06-01", Obligation.BOUND_PARTY),
        (HUNGARY, [NETANYAHU], "2025-06-02", Obligation.BOUND_WITHDRAWAL_PENDING),
        (HUNGARY, [NETANYAHU], "2026-05-28", Obligation.BOUND_WITHDRAWAL_PENDING),
        (HUNGARY, [NETANYAHU], "2026-05-29", Obligation.BOUND_PARTY),
        (MONGOLIA, [PUTIN], "2023-03-16", Obligation.NOT_BOUND),  # before the warrant
        (MONGOLIA, [], "2024-09-03", Obligation.NOT_BOUND),  # no warrant at all
        (MALAYSIA, [PUTIN], "2024-01-01", Obligation.NOT_BOUND),
    ],
)
def test_lens_obligation_on_edge_days(
    member: Membership, warrants: list[Warrant], day: str, obligation: Obligation
) -> None:
    """The lens colours a state by whether it is bound to arrest this person on this day."""
    assert standing_on(member, warrants, D(day)).obligation is obligation


@pytest.mark.parametrize(
    ("member", "day", "obligation"),
    [
        (LEAVER, "2027-08-31", Obligation.BOUND_WITHDRAWAL_PENDING),  # still bound until effect
        (LEAVER, "2027-09-01", Obligation.NOT_BOUND),  # one year after notification (art. 127)
        (JOINER, "2027-01-31", Obligation.NOT_YET_IN_FORCE),
        (JOINER, "2027-02-01", Obligation.BOUND_PARTY),  # its art. 126 date
    ],
)
def test_future_days_apply_the_changes_already_scheduled(
    member: Membership, day: str, obligation: Obligation
) -> None:
    """A future day applies a notified withdrawal and a deposited instrument on their dates."""
    assert standing_on(member, [PUTIN], D(day)).obligation is obligation


def test_reasons_name_the_facts_the_verdict_used() -> None:
    """Each reason names the state, the rule's dates and the warrant."""
    s = standing_on(UKRAINE, [PUTIN], D("2024-12-31"))
    assert "art. 12(3) declaration of 2014-04-17" in s.reason and "2023-03-17" in s.reason
    s = standing_on(LEAVER, [PUTIN], D("2027-09-01"))
    assert "withdrawal took effect on 2027-09-01" in s.reason
    s = standing_on(MALAYSIA, [PUTIN], D("2024-01-01"))
    assert "withdrew it on 2019-04-29" in s.reason and "never became a State Party" in s.reason
    assert "before the first warrant" in standing_on(MONGOLIA, [PUTIN], D("2023-03-16")).reason


def test_malaysia_was_ratified_not_in_force_only_until_it_withdrew_its_instrument() -> None:
    """An instrument withdrawn before entry into force never binds, and the status says so."""
    assert MALAYSIA.status_on(D("2019-03-04")) is Status.RATIFIED_NOT_IN_FORCE
    assert MALAYSIA.status_on(D("2019-04-29")) is Status.NON_PARTY
    assert MALAYSIA.party_range() is None
    assert "instrument withdrawn before entry into force 2019-04-29" in MALAYSIA.history()


@pytest.mark.parametrize(
    ("day", "caveated"),
    [
        ("2025-06-01", False),  # bound as a party whatever the revocation
        ("2026-06-01", False),  # withdrawal pending: bound either way
        ("2026-06-02", True),  # without the revocation, the withdrawal would have taken effect
        ("2027-01-01", True),
    ],
)
def test_a_weak_fact_gets_a_caveat_only_where_the_verdict_rests_on_it(
    day: str, caveated: bool
) -> None:
    """Hungary's revoked withdrawal is medium confidence: the caveat appears from 2026-06-02."""
    caveat = standing_on(HUNGARY, [NETANYAHU], D(day)).caveat
    assert bool(caveat) is caveated
    if caveated:
        assert "revocation of its withdrawal notification (2026-05-29)" in caveat


def test_medium_row_without_a_named_weak_date_is_caveated_whenever_it_matters() -> None:
    """A row below high confidence with no weak_field gives a general caveat."""
    shaky = Membership(
        "SHK", "Shaky", deposited=D("2002-04-11"), in_force=D("2002-07-01"), confidence="low"
    )
    assert "ICC record is at low confidence" in standing_on(shaky, [PUTIN], D("2024-01-01")).caveat
    assert standing_on(MONGOLIA, [PUTIN], D("2024-01-01")).caveat == ""


def test_occupied_territory_is_caveated_as_no_control_on_the_ground() -> None:
    """A visit to territory the de jure host did not control: bound in law, no means to arrest."""
    f = assess(UKRAINE, [PUTIN], DateRange(D("2023-03-18"), D("2023-03-18")), territory="Crimea")
    assert f.verdict is Verdict.BOUND
    assert "No control on the ground" in f.caveat and "Crimea" in f.caveat
    assert "art. 12(3) declaration" in f.caveat  # and the contested reading of a declaration


def test_withdrawn_state_caveat_says_article_127_2_is_not_assessed() -> None:
    """After a withdrawal took effect, the duties of art. 127(2) are named as not assessed."""
    f = assess(BURUNDI, [PUTIN], DateRange(D("2024-01-01"), D("2024-01-02")))
    assert f.verdict is Verdict.NOT_BOUND and "art. 127(2)" in f.caveat


def test_a_weak_trip_record_is_caveated() -> None:
    """A trip whose own sources are below high confidence says so."""
    f = assess(MONGOLIA, [PUTIN], DateRange(D("2024-09-03"), D("2024-09-03")), confidence="medium")
    assert "this trip's record is at medium confidence" in f.caveat


@pytest.mark.parametrize(
    ("member", "status", "verdict"),
    [
        (MONGOLIA, TripStatus.ANNOUNCED, Verdict.WOULD_BE_BOUND),
        (USA, TripStatus.ANNOUNCED, Verdict.WOULD_NOT_BE_BOUND),
        (MONGOLIA, TripStatus.UNCONFIRMED, Verdict.WOULD_BE_BOUND),
        (MONGOLIA, TripStatus.CANCELLED, Verdict.NOT_TRAVELLED),
        (MONGOLIA, TripStatus.TOOK_PLACE, Verdict.BOUND),
    ],
)
def test_announced_trips_get_would_verdicts_and_never_count_as_made(
    member: Membership, status: TripStatus, verdict: Verdict
) -> None:
    """Announced and unconfirmed trips say what would apply; they are never an obligation."""
    f = assess(member, [PUTIN], DateRange(D("2026-12-14"), D("2026-12-15")), status)
    assert f.verdict is verdict
    assert f.obligation is (status is TripStatus.TOOK_PLACE)
    if status.planned:
        assert f.reason.startswith("The trip")


@pytest.mark.parametrize(
    ("end", "today", "shown"),
    [
        ("2026-12-15", "2026-12-15", TripStatus.ANNOUNCED),  # its last day: still announced
        ("2026-12-15", "2026-12-16", TripStatus.UNCONFIRMED),  # passed: unconfirmed
    ],
)
def test_an_announced_trip_whose_days_passed_is_shown_as_unconfirmed(
    end: str, today: str, shown: TripStatus
) -> None:
    """The day after its last day, an announced trip is treated as unconfirmed."""
    assert TripStatus.ANNOUNCED.on(D(today), D(end)) is shown
    assert TripStatus.TOOK_PLACE.on(D(today), D(end)) is TripStatus.TOOK_PLACE


def test_horizon_is_about_two_years_ahead() -> None:
    """Days may be asked for up to 730 days after today."""
    assert horizon(D("2026-12-01")) == D("2028-11-30")
