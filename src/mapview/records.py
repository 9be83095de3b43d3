"""The data files read as rows with the csv module and checked by the schema's models, without
pandas or geopandas: the first stage of :mod:`mapview.load`, and all that ``mapview check``
needs (members, warrants and country names).

A CSV is read as text cells. A UTF-8 byte-order mark, semicolon separators and extra columns
are handled; line numbers count the header as line 1.
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

from mapview.domain import Declaration, Membership, Warrant, WarrantStatus
from mapview.schema import MemberRow, WarrantRow
from mapview.validate import (
    DataError,
    Problem,
    duplicate_problems,
    member_problems,
    warrant_problems,
)

COUNTRIES, MEMBERS, WARRANTS, TRIPS = (
    "countries.geojson",
    "icc_members.csv",
    "warrants.csv",
    "trips.csv",
)
M = TypeVar("M", bound=BaseModel)
ARROW_FROM = 1 << 20  # bytes: larger files are split into cells by pyarrow (see _arrow_cells)


@dataclass(frozen=True)
class Table:
    """A CSV file's data rows as text columns; the data row ``i`` is line ``i + 2``."""

    columns: dict[str, list[str]]
    size: int


def read_table(
    source: Path | bytes, file: str, required: Sequence[str], *, arrow_from: int = ARROW_FROM
) -> tuple[Table, list[Problem]]:
    """Read a CSV as text columns; a file that cannot be read gives problems and no rows. A
    missing required column is a problem, and the column is filled with ''. A file of
    ``arrow_from`` bytes or more is split into cells by pyarrow where it can be."""
    empty = Table({}, 0)
    try:
        raw = source if isinstance(source, bytes) else source.read_bytes()
    except OSError as exc:
        return empty, [Problem(file, 0, "(file)", "", f"cannot read the file: {exc.strerror}")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        msg = f"not UTF-8 text (byte {exc.start}); save the file as CSV UTF-8"
        return empty, [Problem(file, 0, "(file)", "", msg)]
    if not text.strip():
        return empty, [Problem(file, 0, "(file)", "", "the file is empty")]
    header = text.lstrip("\r\n").partition("\n")[0]
    sep = ";" if header.count(";") > header.count(",") else ","
    fast = _arrow_cells(raw, text, sep) if len(raw) >= arrow_from else None
    parsed = _csv_cells(text, sep) if fast is None else fast
    if isinstance(parsed, str):
        return empty, [Problem(file, 0, "(file)", "", parsed)]
    names, columns, size = parsed
    missing = [c for c in required if c not in names]
    problems = [Problem(file, 1, c, "", "required column is missing") for c in missing]
    columns.update({c: [""] * size for c in missing})
    return Table(columns, size), problems


Cells = tuple[list[str], dict[str, list[str]], int]  # column names, columns by name, row count


def _csv_cells(text: str, sep: str) -> Cells | str:
    """The cells as the csv module splits them, or what makes the file unreadable."""
    try:
        table = [r for r in csv.reader(io.StringIO(text, newline=""), delimiter=sep) if r]
    except csv.Error as exc:
        return f"not a readable CSV: {exc}"
    names = [c.strip() for c in table[0]]
    width = len(names)
    body = table[1:]
    if max(map(len, body), default=0) > width:
        number, row = next((n, r) for n, r in enumerate(body, start=2) if len(r) > width)
        return f"not a readable CSV: expected {width} fields in line {number}, saw {len(row)}"
    if any(len(c) < width for c in body):
        body = [c if len(c) == width else c + [""] * (width - len(c)) for c in body]
    cells = [list(c) for c in zip(*body, strict=True)]
    return names, {name: cells[k] if body else [] for k, name in enumerate(names)}, len(body)


def _arrow_cells(raw: bytes, text: str, sep: str) -> Cells | None:
    """The cells as pyarrow splits them (several times faster for a large file), or None
    wherever it might split them otherwise than the csv module: then the csv module reads the
    file, and reports what is wrong with it. A test checks that the two agree."""
    if "\x00" in text or "\r" in text:
        return None
    first = next(csv.reader(io.StringIO(text.lstrip("\n"), newline=""), delimiter=sep), [])
    names = [c.strip() for c in first]
    if not first or len(set(names)) < len(names) or len(set(first)) < len(first):
        return None
    try:
        import pyarrow as pa
        from pyarrow import csv as arrow_csv
    except ImportError:
        return None
    try:
        table = arrow_csv.read_csv(
            pa.py_buffer(raw.removeprefix(codecs.BOM_UTF8)),
            parse_options=arrow_csv.ParseOptions(delimiter=sep, newlines_in_values=True),
            convert_options=arrow_csv.ConvertOptions(
                column_types=dict.fromkeys(first, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowException, ValueError):
        return None
    if table.column_names != first:
        return None
    columns = {name: table.column(k).to_pylist() for k, name in enumerate(names)}
    return names, columns, table.num_rows


@dataclass(frozen=True)
class Checked:
    """The rows of a table that pass its schema: their lines, and their values by field."""

    lines: list[int]
    values: dict[str, list[Any]]


def check_table(table: Table, file: str, model: type[BaseModel]) -> tuple[Checked, list[Problem]]:
    """Validate ``table`` against ``model`` column by column: each field's own validator runs
    once per distinct cell, and the model's row checks once per row whose cells all passed.
    Gives the same values and problems as validating each row with ``model``."""
    fields = model.model_fields
    found: list[tuple[int, int, Problem]] = []  # (line, field order, problem)
    failed: set[int] = set()
    values: dict[str, list[Any]] = {}
    for order, (name, info) in enumerate(fields.items()):
        column = table.columns.get(name)
        if column is None:
            if info.is_required():
                for i in range(table.size):
                    found.append((i + 2, order, Problem(file, i + 2, name, "", "Field required")))
                    failed.add(i)
            values[name] = [info.get_default(call_default_factory=True)] * table.size
            continue
        adapter, memo, wrong = _adapter(model, name), {}, {}
        for cell in dict.fromkeys(column):
            try:
                memo[cell] = adapter.validate_python(cell)
            except ValidationError as err:
                wrong[cell] = [_message(e) for e in err.errors()]
        values[name] = list(map(memo.get, column))
        if wrong:
            for i, cell in enumerate(column):
                if cell in wrong:
                    failed.add(i)
                    problems = (Problem(file, i + 2, name, cell, m) for m in wrong[cell])
                    found.extend((i + 2, order, p) for p in problems)
    checks = [d.func for d in model.__pydantic_decorators__.model_validators.values()]
    good = []
    for i in range(table.size):
        if i in failed:
            continue
        row = _Cells(values, i)
        try:
            for check in checks:
                check(row)
        except ValueError as exc:
            text = str(exc)
            named, message = text.split(": ", 1) if ": " in text else ("", text)
            cell = table.columns[named][i] if named in table.columns else ""
            problem = Problem(file, i + 2, named or "(row)", cell, message)
            found.append((i + 2, len(fields), problem))
            continue
        good.append(i)
    found.sort(key=lambda f: (f[0], f[1]))
    if len(good) == table.size:  # every row passed: the columns as they are
        return Checked(list(range(2, table.size + 2)), values), []
    kept = {name: [column[i] for i in good] for name, column in values.items()}
    return Checked([i + 2 for i in good], kept), [p for _, _, p in found]


class _Cells:
    """One row of validated columns, read as attributes by the model's row checks."""

    __slots__ = ("_i", "_values")

    def __init__(self, values: dict[str, list[Any]], i: int) -> None:
        self._values, self._i = values, i

    def __getattr__(self, name: str) -> Any:
        return self._values[name][self._i]


def _message(error: Any) -> str:
    return str(error["msg"]).removeprefix("Value error, ")


@functools.cache
def _adapter(model: type[BaseModel], name: str) -> TypeAdapter[Any]:
    """A validator for one field of ``model``, with the model's handling of whitespace."""
    info = model.model_fields[name]
    strip = bool(model.model_config.get("str_strip_whitespace"))
    return TypeAdapter(
        Annotated[info.annotation, info],  # type: ignore[arg-type]  # a field's type, at run time
        config=ConfigDict(str_strip_whitespace=strip),
    )


def parse_rows(
    table: Table, file: str, model: type[M]
) -> tuple[list[tuple[int, M]], list[Problem]]:
    """Validate every row against ``model``; return the good ones with their line numbers."""
    checked, problems = check_table(table, file, model)
    names = list(checked.values)
    rows = zip(*(checked.values[n] for n in names), strict=True)
    models = [model.model_construct(**dict(zip(names, r, strict=True))) for r in rows]
    return list(zip(checked.lines, models, strict=True)), problems


def check_members(
    source: Path | bytes, file: str, known: set[str]
) -> tuple[list[tuple[int, MemberRow]], list[Problem]]:
    """Read and check a members file; return the valid rows (with line numbers) and every problem."""
    table, problems = read_table(source, file, ["iso_a3", "name"])
    rows, bad = parse_rows(table, file, MemberRow)
    problems += bad + duplicate_problems(file, [(n, r.iso_a3) for n, r in rows], "iso_a3")
    for line, row in rows:
        problems += member_problems(file, line, row, known)
    bad_lines = {p.line for p in problems}
    return [(n, r) for n, r in rows if n not in bad_lines], problems


def check_warrants(
    source: Path | bytes, file: str
) -> tuple[list[tuple[int, WarrantRow]], list[Problem]]:
    """Read and check a warrants file; return the valid rows (with line numbers) and every problem."""
    table, problems = read_table(source, file, ["warrant_id", "person", "issued"])
    rows, bad = parse_rows(table, file, WarrantRow)
    problems += bad + duplicate_problems(file, [(n, r.warrant_id) for n, r in rows], "warrant_id")
    for line, warrant in rows:
        problems += warrant_problems(file, line, warrant)
    bad_lines = {p.line for p in problems}
    return [(n, r) for n, r in rows if n not in bad_lines], problems


def to_membership(row: MemberRow) -> Membership:
    """The domain record for one member row."""
    situation = row.declaration_situation
    return Membership(
        iso_a3=row.iso_a3,
        name=row.name,
        signed=row.signed,
        signature_withdrawn=row.signature_withdrawn,
        deposited=row.deposited,
        in_force=row.in_force,
        withdrawal_notified=row.withdrawal_notified,
        withdrawal_revoked=row.withdrawal_revoked,
        withdrawal_effective=row.withdrawal_effective,
        declarations=tuple(Declaration(d, situation) for d in row.declaration_dates()),
        instrument_withdrawn=row.instrument_withdrawn,
        confidence=row.confidence,
        weak_field=row.weak_field,
    )


def to_warrant(row: WarrantRow) -> Warrant:
    """The domain record for one warrant row."""
    return Warrant(
        row.warrant_id,
        row.person,
        row.situation,
        row.issued,
        WarrantStatus(row.status),
        row.status_date,
        row.confidence,
    )


def read_features(path: Path) -> list[dict[str, Any]]:
    """The features of a GeoJSON FeatureCollection, each with text ``iso_a3`` and ``name``
    properties and a geometry object. A file that cannot be used raises :class:`DataError`
    with one problem naming the file (a truncated file, say)."""
    name = path.name

    def fail(line: int, column: str, value: str, message: str) -> DataError:
        return DataError(Problem(name, line, column, value, message))

    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise fail(0, "(file)", "", f"cannot read the file: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise fail(0, "(file)", "", f"not UTF-8 text (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        message = f"not valid JSON: {exc.msg} at column {exc.colno}"
        raise fail(exc.lineno, "(file)", "", message) from None
    features = collection.get("features") if isinstance(collection, dict) else None
    if not isinstance(features, list) or not features:
        raise fail(1, "features", "", "not a GeoJSON FeatureCollection with features")
    for k, f in enumerate(features):
        props = f.get("properties") if isinstance(f, dict) else None
        if not isinstance(props, dict) or not all(
            isinstance(props.get(c), str) for c in ("iso_a3", "name")
        ):
            raise fail(
                1, f"features[{k}].properties", "", "needs the text properties iso_a3 and name"
            )
        if not isinstance(f.get("geometry"), dict):
            raise fail(1, f"features[{k}].geometry", props["iso_a3"], "missing geometry")
    return features


def read_country_names(path: Path) -> dict[str, str]:
    """``iso_a3`` -> ``name`` of the features of ``countries.geojson`` (no geometry is built)."""
    return {
        str(f["properties"]["iso_a3"]): str(f["properties"]["name"]) for f in read_features(path)
    }


@dataclass(frozen=True)
class Records:
    """Members and warrants, validated, and the country names: enough to answer one question."""

    members: dict[str, Membership]
    warrants: tuple[Warrant, ...]
    country_names: dict[str, str]
    problems: tuple[Problem, ...] = ()

    def membership(self, iso_a3: str) -> Membership:
        """The record for ``iso_a3``; a state with no row never joined."""
        if iso_a3 in self.members:
            return self.members[iso_a3]
        return Membership(iso_a3, self.country_names.get(iso_a3, iso_a3))

    def warrants_for(self, person: str) -> list[Warrant]:
        """The warrants for ``person`` (exact name)."""
        return [w for w in self.warrants if w.person == person]

    @property
    def people(self) -> list[str]:
        """Everyone with a warrant, sorted by name."""
        return sorted({w.person for w in self.warrants})


def load_records(data_dir: Path) -> Records:
    """Members and warrants of ``data_dir``, checked as :func:`mapview.load.load_dataset` checks
    them (bad rows set aside), with the names of the countries in ``countries.geojson``."""
    names = read_country_names(data_dir / COUNTRIES)
    member_rows, problems = check_members(data_dir / MEMBERS, MEMBERS, set(names))
    warrant_rows, more = check_warrants(data_dir / WARRANTS, WARRANTS)
    return Records(
        members={r.iso_a3: to_membership(r) for _, r in member_rows},
        warrants=tuple(to_warrant(r) for _, r in warrant_rows),
        country_names=names,
        problems=tuple(problems + more),
    )
