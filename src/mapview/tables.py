"""CSV tables, in and out: a file read as text columns, checked against its schema model
column by column, and a frame written back as CSV text.

Reading: a CSV is read as text cells. A UTF-8 byte-order mark, semicolon separators and extra
columns are handled; line numbers count the header as line 1. A large file is split into cells
by pyarrow, and by the csv module wherever the two might split it differently.

Writing: :func:`csv_text` gives the same bytes as pandas' ``frame.to_csv(index=False)``,
faster for large views, by quoting each distinct cell of a column once. Cells are written as
pandas writes them (missing values empty, floats as numpy prints them, booleans as
``True``/``False``) and quoted by the csv module's rule with pandas' settings (minimal quoting,
lines ending in ``\\n``). Tests check both against the plain paths.

Nothing here imports pandas: ``mapview check`` reads its files through this module.
"""

from __future__ import annotations

import codecs
import collections
import csv
import functools
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

from mapview.validate import Problem

if TYPE_CHECKING:
    import pandas as pd

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
    header = re.split(r"[\r\n]", text.lstrip("\r\n"), maxsplit=1)[0]  # the first line
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
    lines = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    first = next((row for row in lines if row), [])
    names = [c.strip() for c in first]
    if not first or len(set(names)) < len(names):  # repeated names: the csv module keeps the last
        return None
    import pyarrow as pa  # here, not above: `mapview check` reads only small files
    from pyarrow import csv as arrow_csv

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
    checks = _row_checks(model)
    row_of: Any = collections.namedtuple("row_of", list(values))  # type: ignore[misc]
    good = []  # each row read by the checks as attributes, like the model it stands for
    for i, row in enumerate(map(row_of._make, zip(*values.values(), strict=True))):
        if i in failed:
            continue
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


def _row_checks(model: type[BaseModel]) -> list[Any]:
    """The model's row checks (``@model_validator(mode="after")``). A validator of another kind
    would not run column by column, so a model with one is refused."""
    found = model.__pydantic_decorators__
    other = [n for n, d in found.model_validators.items() if d.info.mode != "after"]
    other += list(found.field_validators) + list(found.validators) + list(found.root_validators)
    if other:
        raise TypeError(f"{model.__name__}: validators {other} cannot run column by column")
    return [d.func for d in found.model_validators.values()]


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


class _Quoter:
    """Quotes one cell as the csv module (and so pandas) quotes it inside a line."""

    def __init__(self) -> None:
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer, lineterminator="\n")

    def __call__(self, text: str) -> str:
        if "\r" not in text:  # the csv module's rule, the same in every version without \r
            if "," in text or '"' in text or "\n" in text:
                return '"' + text.replace('"', '""') + '"'
            return text
        self._buffer.seek(0)
        self._buffer.truncate()
        self._writer.writerow((text, ""))  # a second cell: a lone empty cell is quoted apart
        return self._buffer.getvalue()[:-2]


def _texts(column: pd.Series) -> list[str]:
    """The column's cells as pandas writes them, before quoting."""
    missing = column.isna().to_numpy()
    kind = column.dtype.kind
    if kind == "f":
        texts = column.to_numpy().astype(str).tolist()
    elif kind in "iub":
        texts = [str(v) for v in column.tolist()]
    else:
        texts = column.astype(object).tolist()
        if set(map(type, texts)) - {str}:
            texts = [str(v) for v in texts]
    if missing.any():
        texts = ["" if m else t for t, m in zip(texts, missing.tolist(), strict=True)]
    return texts


def _cells(column: pd.Series, quote: _Quoter) -> list[str]:
    texts = _texts(column)
    quoted = {t: quote(t) for t in dict.fromkeys(texts)}
    return [quoted[t] for t in texts]


def csv_text(frame: pd.DataFrame) -> str:
    """``frame`` as CSV text with a header row and no index, each line ending in ``\\n``."""
    lone = len(frame.columns) == 1  # a line of one empty cell is written "" (not a blank line)
    quote = _Quoter()
    header = ",".join(quote(str(c)) or ('""' if lone else "") for c in frame.columns)
    if frame.empty:
        return header + "\n"
    columns = [_cells(frame[c], quote) for c in frame.columns]
    if lone:
        columns = [[c or '""' for c in columns[0]]]
    return header + "\n" + "\n".join(map(",".join, zip(*columns, strict=True))) + "\n"
