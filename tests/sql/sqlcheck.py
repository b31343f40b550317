"""The pure logic of the SQL equivalence harness (tests/sql/equivalence.py): how a result row from
trailhound's own engine and one from DuckDB are made comparable, how two result sets are compared
and a difference described, and how the data-driven cases (tests/cases/**/*.yml) are loaded and
their inputs written out. No processes are started here; tests/sql/test_sqlcheck.py covers it.

Normalisation (both sides alike):
  * a key whose value is null or an empty array is dropped (trailhound prints no key for "no
    value"; SQL gives NULL or an empty list);
  * a one-element array is its element (trailhound prints a single value as a plain string);
  * numbers and numeric strings are floats, compared with a relative tolerance of 1e-9, so
    "5" == 5 == 5.0 (SPL values are strings that read as numbers; SQL has typed columns);
  * arrays are compared element by element after the same normalisation;
  * everything else is compared as a string (booleans as "true"/"false", objects as sorted JSON).
Rows are compared as multisets, or as sequences when the statement says its order matters.
"""
from __future__ import annotations

import gzip
import json
import math
import os
import re
from dataclasses import dataclass, field
from typing import Any, Iterable

REL_TOL = 1e-9
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")

# Keys of a case that the SQL path cannot reproduce; a case with any of them is skipped (in this
# order of precedence, the first one present is the reason recorded).
SKIP_KEYS = ("error", "profile", "lookups", "content", "tz", "now", "macros", "sourcetype", "detection")


# --- values and rows -----------------------------------------------------------------------------

class Num(float):
    """A normalised number; equal to another within the relative tolerance (see same_value)."""


def _as_number(v: Any) -> float | None:
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        return float(v)
    if isinstance(v, str) and _NUMBER.fullmatch(v):
        return float(v)
    return None


def normalize_value(v: Any) -> Any:
    """The comparable form of one value: Num, str, tuple (an array of 2+ values), or None for no
    value (null or an empty array)."""
    if v is None:
        return None
    if isinstance(v, list):
        items = [normalize_value(x) for x in v]
        if not items:
            return None
        return items[0] if len(items) == 1 else tuple(items)
    n = _as_number(v)
    if n is not None:
        return Num(n)
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, dict):
        return json.dumps(v, sort_keys=True, separators=(",", ":"))
    return str(v)


def normalize_row(row: dict) -> dict:
    """A row with each value normalised and the keys without a value dropped."""
    out = {}
    for k, v in row.items():
        nv = normalize_value(v)
        if nv is not None:
            out[k] = nv
    return out


def same_value(a: Any, b: Any) -> bool:
    """Equality of two normalised values: numbers within the tolerance, arrays element-wise."""
    if isinstance(a, Num) and isinstance(b, Num):
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=0.0)
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(same_value(x, y) for x, y in zip(a, b))
    if isinstance(a, (Num, tuple)) or isinstance(b, (Num, tuple)):
        return False
    return a == b


def same_row(a: dict, b: dict) -> bool:
    """Two normalised rows are the same when they have the same columns and same values."""
    return a.keys() == b.keys() and all(same_value(a[k], b[k]) for k in a)


def row_key(row: dict) -> str:
    """An exact, hashable form of a normalised row (numbers by repr), to pair the rows that are
    identical before the tolerant pairing of the rest."""
    def enc(v):
        if isinstance(v, Num):
            return ["n", repr(float(v))]
        if isinstance(v, tuple):
            return ["a", [enc(x) for x in v]]
        return ["s", v]
    return json.dumps({k: enc(v) for k, v in sorted(row.items())}, sort_keys=True)


def display_row(row: dict) -> str:
    """A normalised row as short JSON for a diff (numbers without a needless .0)."""
    def plain(v):
        if isinstance(v, Num):
            return int(v) if float(v).is_integer() and abs(v) < 2**53 else float(v)
        if isinstance(v, tuple):
            return [plain(x) for x in v]
        return v
    return json.dumps({k: plain(v) for k, v in row.items()}, ensure_ascii=False)


# --- result sets ---------------------------------------------------------------------------------

@dataclass
class Comparison:
    """The outcome of comparing the native rows with the SQL rows."""
    native_count: int
    sql_count: int
    missing: list = field(default_factory=list)   # native rows that SQL did not give
    extra: list = field(default_factory=list)     # SQL rows that native did not give
    first_order_difference: int | None = None     # ordered: the first index where the rows differ

    @property
    def ok(self) -> bool:
        return not self.missing and not self.extra and self.first_order_difference is None


def _multiset_difference(native: list, sql: list) -> tuple[list, list]:
    """The rows of each side left without a partner: exact pairs first, then tolerant ones."""
    pool: dict[str, list] = {}
    for r in sql:
        pool.setdefault(row_key(r), []).append(r)
    unmatched_native = []
    for r in native:
        bucket = pool.get(row_key(r))
        if bucket:
            bucket.pop()
        else:
            unmatched_native.append(r)
    unmatched_sql = [r for bucket in pool.values() for r in bucket]
    missing = []
    for r in unmatched_native:
        for i, s in enumerate(unmatched_sql):
            if same_row(r, s):
                del unmatched_sql[i]
                break
        else:
            missing.append(r)
    return missing, unmatched_sql


def compare_results(native_rows: Iterable[dict], sql_rows: Iterable[dict], ordered: bool = False) -> Comparison:
    """Compares raw rows (normalised here) as multisets, or in order when `ordered`."""
    native = [normalize_row(r) for r in native_rows]
    sql = [normalize_row(r) for r in sql_rows]
    result = Comparison(len(native), len(sql))
    result.missing, result.extra = _multiset_difference(native, sql)
    if ordered and result.ok:
        for i, (a, b) in enumerate(zip(native, sql)):
            if not same_row(a, b):
                result.first_order_difference = i
                break
    return result


def format_diff(c: Comparison, native_rows: list | None = None, sql_rows: list | None = None, limit: int = 3) -> str:
    """A few lines saying how the two results differ."""
    lines = [f"native {c.native_count} rows, sql {c.sql_count} rows"]
    for label, rows in (("missing from sql", c.missing), ("extra in sql", c.extra)):
        if rows:
            lines.append(f"{label} ({len(rows)}):")
            lines += ["  " + display_row(r) for r in rows[:limit]]
            if len(rows) > limit:
                lines.append(f"  ... {len(rows) - limit} more")
    if c.first_order_difference is not None:
        i = c.first_order_difference
        lines.append(f"same rows, different order; first difference at row {i}")
        if native_rows is not None and sql_rows is not None:
            lines.append("  native: " + display_row(normalize_row(native_rows[i])))
            lines.append("  sql:    " + display_row(normalize_row(sql_rows[i])))
    return "\n".join(lines)


def parse_json_lines(text: str) -> list:
    """The objects of a JSON-lines text (blank lines ignored)."""
    return [json.loads(line) for line in text.splitlines() if line.strip()]


# --- cases ---------------------------------------------------------------------------------------

@dataclass
class Case:
    """One case of tests/cases: its query and inputs, or the reason it is skipped."""
    file: str
    name: str
    query: str | None
    input: str | None = None
    files: list = field(default_factory=list)   # [{"path", "content", "gzip"}]
    skip: str | None = None                     # why the SQL path does not run it
    sql_differs: str | None = None              # a documented reason the SQL's rows differ (docs/sql.md)

    @property
    def label(self) -> str:
        return f"{self.file}: {self.name}"


def skip_reason(spec: dict) -> str | None:
    """Why a case cannot run through SQL, or None: an expected error, or anything beside the query
    and its input that the `trailhound sql` command line cannot express."""
    for key in SKIP_KEYS:
        if key in spec:
            return key
    if not spec.get("query"):
        return "no query"
    if "input" not in spec and "files" not in spec:
        return "no input"
    return None


def cases_from_yaml(text: str, file: str) -> list[Case]:
    """The cases of one YAML file (a top-level `cases:` list)."""
    import yaml  # PyYAML; imported here so that the rest of the module needs only the stdlib
    doc = yaml.safe_load(text) or {}
    out = []
    for i, spec in enumerate(doc.get("cases") or []):
        out.append(Case(file=file, name=str(spec.get("name", f"case {i + 1}")), query=spec.get("query"),
                        input=spec.get("input"), files=list(spec.get("files") or []), skip=skip_reason(spec),
                        sql_differs=spec.get("sql_differs")))
    return out


def load_cases(root: str) -> list[Case]:
    """Every case of every *.yml under root, in file-name order."""
    paths = []
    for d, _, names in os.walk(root):
        paths += [os.path.join(d, n) for n in names if n.endswith(".yml")]
    cases = []
    for p in sorted(paths):
        with open(p, encoding="utf-8") as f:
            cases += cases_from_yaml(f.read(), os.path.relpath(p, root))
    return cases


def write_case_inputs(case: Case, directory: str) -> list[str]:
    """Writes a case's input like tests/unit/cases_runner_test.cpp does: `input` as input.json,
    `files` at their paths (gzipped when asked, the directory itself is then an input path).
    Returns the paths to give trailhound."""
    os.makedirs(directory, exist_ok=True)
    paths = []
    if case.input is not None:
        p = os.path.join(directory, "input.json")
        with open(p, "w", encoding="utf-8", newline="") as f:
            f.write(case.input)
        paths.append(p)
    if case.files:
        for spec in case.files:
            p = os.path.join(directory, spec["path"])
            os.makedirs(os.path.dirname(p), exist_ok=True)
            data = str(spec.get("content", "")).encode("utf-8")
            with open(p, "wb") as f:
                f.write(gzip.compress(data) if spec.get("gzip") else data)
        paths.append(directory)
    return paths


def load_expected_rows(path: str) -> list:
    """The rows of a file of ../shared/expected: a JSON document with a `rows` list."""
    with open(path, encoding="utf-8") as f:
        return json.load(f)["rows"]


def slug(text: str) -> str:
    """A file-name form of a detection name or query."""
    s = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
    return s[:80] or "query"
