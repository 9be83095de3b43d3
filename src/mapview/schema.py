"""Column specifications of the bundled CSV files: the one source for loading and validation.

Each model describes one row. Field descriptions double as the data dictionary
(``data/README.md`` is checked against them by a test).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

_URL = re.compile(r"https?://[^\s<>\"']+")
ISO3 = r"^[A-Z]{3}$"
SLUG = r"^[a-z0-9][a-z0-9_-]*$"
_MIDNIGHT = re.compile(r"\d{4}-\d{2}-\d{2}[ T]00:00(:00(\.0+)?)?")  # compiled once: every date cell
_DAY_MONTH = re.compile(r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4}")
_SERIAL = re.compile(r"\d{5}(\.0+)?")


def _blank_to_none(value: object) -> object:
    return None if isinstance(value, str) and not value.strip() else value


def _check_sources(value: str) -> str:
    for token in value.split():
        if not _URL.fullmatch(token):
            raise ValueError(f"a source must be an http(s) address, got {token!r}")
    return value


def _iso_date(value: object) -> object:
    """Accept what spreadsheets write for a plain date; explain what cannot be read safely."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if _MIDNIGHT.fullmatch(text):
        return text[:10]  # a spreadsheet's datetime at midnight
    if _DAY_MONTH.fullmatch(text):
        raise ValueError("write dates as YYYY-MM-DD: day and month order is ambiguous")
    if _SERIAL.fullmatch(text):
        raise ValueError("looks like a spreadsheet serial number; format the column as YYYY-MM-DD")
    return text


def _optional_date(value: object) -> object:
    return _iso_date(_blank_to_none(value))


Date = Annotated[dt.date, BeforeValidator(_iso_date)]
OptDate = Annotated[dt.date | None, BeforeValidator(_optional_date)]
OptFloat = Annotated[float | None, BeforeValidator(_blank_to_none)]
Sources = Annotated[str, AfterValidator(_check_sources)]
Confidence = Literal["high", "medium", "low", "unsourced"]


class _Row(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True, frozen=True)

    source: Sources = Field(
        default="", description="Addresses of the public sources that state the facts."
    )
    confidence: Confidence = Field(
        description="high: a source states it; medium/low: weaker evidence; unsourced."
    )
    notes: str = Field(default="", description="Caveats and context.")

    @model_validator(mode="after")
    def _sourced(self) -> _Row:
        if not self.source and self.confidence != "unsourced":
            raise ValueError("source: empty; cite an address or set confidence to unsourced")
        return self


class MemberRow(_Row):
    """One state's dates under the Rome Statute (``icc_members.csv``)."""

    iso_a3: str = Field(pattern=ISO3, description="ISO 3166-1 alpha-3 code.")
    name: str = Field(min_length=1, description="Short English name.")
    signed: OptDate = Field(default=None, description="Signature of the Statute.")
    signature_withdrawn: OptDate = Field(
        default=None, description="Notice that it does not intend to become a party."
    )
    deposited: OptDate = Field(
        default=None, description="Deposit of the instrument of ratification or accession."
    )
    instrument: Literal["", "ratification", "accession", "succession"] = Field(
        default="", description="Kind of instrument deposited; succession may predate art. 126."
    )
    instrument_withdrawn: OptDate = Field(
        default=None,
        description="Withdrawal of the instrument before the Statute entered into force for it.",
    )
    in_force: OptDate = Field(default=None, description="Entry into force for it (art. 126).")
    withdrawal_announced: OptDate = Field(
        default=None, description="Public announcement of withdrawal; changes nothing by itself."
    )
    withdrawal_notified: OptDate = Field(
        default=None, description="Withdrawal notification received by the UN (art. 127)."
    )
    withdrawal_revoked: OptDate = Field(
        default=None, description="Revocation of the notification, before it took effect."
    )
    withdrawal_effective: OptDate = Field(
        default=None, description="Day the withdrawal took effect (one year after notice)."
    )
    declaration_12_3: str = Field(
        default="",
        pattern=r"^(\d{4}-\d{2}-\d{2}(;\d{4}-\d{2}-\d{2})*)?$",
        description="Article 12(3) declarations, lodging dates separated by ';'.",
    )
    declaration_situation: str = Field(
        default="", description="Situation slug the declarations cover."
    )
    weak_field: Literal[
        "",
        "signed",
        "signature_withdrawn",
        "deposited",
        "instrument_withdrawn",
        "in_force",
        "withdrawal_notified",
        "withdrawal_revoked",
        "withdrawal_effective",
    ] = Field(
        default="",
        description="The one date a confidence below high is about; verdicts that would change "
        "without it carry a caveat.",
    )

    def declaration_dates(self) -> list[dt.date]:
        """The lodging dates of the article 12(3) declarations."""
        return [dt.date.fromisoformat(d) for d in self.declaration_12_3.split(";") if d]


class WarrantRow(_Row):
    """One ICC arrest warrant (``warrants.csv``)."""

    warrant_id: str = Field(pattern=SLUG, description="Stable identifier, e.g. putin-2023.")
    person: str = Field(min_length=1, description="The person sought, as commonly written.")
    situation: str = Field(pattern=SLUG, description="Situation slug, e.g. ukraine.")
    issued: Date = Field(description="Day the Pre-Trial Chamber issued the warrant.")
    public: OptDate = Field(default=None, description="Day it was made public.")
    status: Literal["outstanding", "executed", "withdrawn", "terminated"] = Field(
        description="Where the warrant stands."
    )
    status_date: OptDate = Field(default=None, description="Day of that status, if it ended.")
    charges: str = Field(default="", description="Charges, in short.")

    @model_validator(mode="after")
    def _status_dated(self) -> WarrantRow:
        if self.status != "outstanding" and self.status_date is None:
            raise ValueError(f"status_date: status {self.status!r} needs a status_date")
        return self


class TripRow(_Row):
    """One visit by one person to one country (``trips.csv``)."""

    trip_id: str = Field(pattern=SLUG, description="Stable identifier.")
    person: str = Field(min_length=1, description="Traveller; must match warrants.csv.")
    start: Date = Field(description="First day in the country.")
    end: Date = Field(description="Last day in the country (inclusive).")
    iso_a3: str = Field(pattern=ISO3, description="Host state (de jure territorial state).")
    city: str = Field(default="", description="Main city visited.")
    lat: OptFloat = Field(
        default=None,
        ge=-90,
        le=90,
        description="Latitude of the city (degrees); empty if undisclosed.",
    )
    lon: OptFloat = Field(
        default=None,
        ge=-180,
        le=180,
        description="Longitude of the city (degrees); empty if undisclosed.",
    )
    purpose: str = Field(default="", description="Event or purpose.")
    status: Literal["took_place", "cancelled", "attended_remotely", "announced", "unconfirmed"] = (
        Field(
            description="took_place, cancelled, attended_remotely, announced (reported as "
            "planned) or unconfirmed (announced, its days passed, no report either way)."
        )
    )
    territory_note: str = Field(
        default="",
        description="Set only when the place was not under the de jure host's control (e.g. "
        "occupied territory): says whose it was.",
    )
    outcome: Literal["", "not_arrested", "arrested"] = Field(
        default="", description="Arrested or not, if the trip took place."
    )
    noncompliance: str = Field(default="", description="ICC non-compliance finding, if any.")
    last_verified: OptDate = Field(default=None, description="Day the row was last checked.")

    @model_validator(mode="after")
    def _ordered(self) -> TripRow:
        if self.end < self.start:
            raise ValueError(f"end: end {self.end} is before start {self.start}")
        if (self.lat is None) != (self.lon is None):
            raise ValueError("lat: give both lat and lon, or neither")
        if self.status in ("announced", "unconfirmed") and self.outcome:
            raise ValueError(f"outcome: a trip that is {self.status} has no outcome")
        return self


class DepartureRow(_Row):
    """Where one traveller's flights leave from when no previous trip applies (``departures.csv``)."""

    person: str = Field(min_length=1, description="Traveller; must match warrants.csv.")
    city: str = Field(default="", description="The airport or city.")
    lat: float = Field(ge=-90, le=90, description="Latitude (degrees).")
    lon: float = Field(ge=-180, le=180, description="Longitude (degrees).")


class RouteRow(_Row):
    """One reported waypoint of a trip's outbound flight (``routes.csv``)."""

    trip_id: str = Field(pattern=SLUG, description="The trip; must match trips.csv.")
    seq: int = Field(ge=1, description="Order of the waypoint on the route (1, 2, …).")
    lat: float = Field(ge=-90, le=90, description="Latitude (degrees).")
    lon: float = Field(ge=-180, le=180, description="Longitude (degrees).")
    note: str = Field(default="", description="What the report says, and how the point was chosen.")


class CoverageRow(_Row):
    """How complete one person's trips are for a period, and against what (``coverage.csv``)."""

    person: str = Field(min_length=1, description="Traveller; must match warrants.csv.")
    start: Date = Field(description="First day of the period covered.")
    end: Date = Field(description="Last day of the period covered (inclusive).")
    completeness: Literal["checked_complete", "partial", "sample"] = Field(
        description="checked_complete (checked against a full list), partial or sample."
    )
    against: str = Field(default="", description="What the trips were checked against.")

    @model_validator(mode="after")
    def _ordered(self) -> CoverageRow:
        if self.end < self.start:
            raise ValueError(f"end: end {self.end} is before start {self.start}")
        return self


class CorrectionRow(BaseModel):
    """One change to an existing row of a data file (``corrections.csv``)."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True, frozen=True)

    date: Date = Field(description="Day the change was made.")
    file: str = Field(min_length=1, description="The data file changed, e.g. trips.csv.")
    row_id: str = Field(
        min_length=1, description="The row's key: trip_id, warrant_id, iso_a3 or person."
    )
    field: str = Field(min_length=1, description="The column changed.")
    old: str = Field(default="", description="The value before.")
    new: str = Field(default="", description="The value after.")
    reason: str = Field(min_length=1, description="Why it changed.")
    source: Sources = Field(min_length=1, description="Address of the source for the new value.")


FILES: dict[str, type[BaseModel]] = {
    "icc_members.csv": MemberRow,
    "warrants.csv": WarrantRow,
    "trips.csv": TripRow,
    "departures.csv": DepartureRow,
    "routes.csv": RouteRow,
    "coverage.csv": CoverageRow,
    "corrections.csv": CorrectionRow,
}
KEYS = {  # the column that names a row, per file (coverage rows are keyed by person and start)
    "icc_members.csv": "iso_a3",
    "warrants.csv": "warrant_id",
    "trips.csv": "trip_id",
    "departures.csv": "person",
    "routes.csv": "trip_id",
    "coverage.csv": "person",
}


def columns(model: type[BaseModel]) -> list[str]:
    """The CSV header of ``model``, in file order."""
    if not issubclass(model, _Row):
        return list(model.model_fields)
    own = [n for n in model.model_fields if n not in _Row.model_fields]
    return [*own, *_Row.model_fields]


def template_csv(model: type[BaseModel], example: dict[str, str]) -> str:
    """A CSV with the header of ``model`` and one example row, for people preparing their own file."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, columns(model), lineterminator="\n")
    writer.writeheader()
    writer.writerow(example)
    return buffer.getvalue()


TRIP_EXAMPLE = {
    "trip_id": "putin-2024-09-02-mng",
    "person": "Vladimir Putin",
    "start": "2024-09-02",
    "end": "2024-09-03",
    "iso_a3": "MNG",
    "city": "Ulaanbaatar",
    "lat": "47.8864",
    "lon": "106.9057",
    "purpose": "official visit",
    "status": "took_place",
    "territory_note": "",
    "outcome": "not_arrested",
    "noncompliance": "",
    "last_verified": "2026-11-29",
    "source": "https://example.org/your-source",
    "confidence": "high",
    "notes": "one row per person, country and visit; dates as YYYY-MM-DD",
}
