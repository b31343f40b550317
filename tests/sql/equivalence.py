#!/usr/bin/env python3
"""SQL equivalence harness: proves that the SQL `trailhound sql` generates gives the rows that
trailhound's own engine gives for the same SPL on the same CloudTrail data.

    python3 tests/sql/equivalence.py --trailhound build/trailhound [--shared ../shared]
        [--update-golden] [--summary FILE] [--min-detections N] [--min-cases N] [-v]

What is compared, and why:
  1. Cases: every case of tests/cases/**/*.yml whose query and input can be given to
     `trailhound sql` (cases with an expected error, a profile, lookups, content, tz, now, inline
     macros, a sourcetype or a detection are skipped and counted). Its DuckDB statement is run by
     DuckDB over the case's input files; the rows must equal `trailhound search`'s. The cases are
     the reference's corner cases (multivalue fields, missing fields, bins, wildcards...).
  2. Detections: every detection of <shared>/security_content (or the built-in ones without
     --shared) compiled for DuckDB over each real data set of <shared>/data/cloudtrail, over
     samples/AWSLogs and over the reader fixtures (JSON lines, one-line and pretty Records
     documents); each (detection, input) is its own statement and its own comparison.
  3. Seed: "AWS IAM AccessDenied Discovery Events" over pwnedlabs-breach-in-the-cloud must give
     the 48 rows of <shared>/expected/ exactly, independently of the native engine.
  4. Grammar: every statement generated for trino, athena and spark (cases and detections) must
     parse with dt-sql-parser (tests/sql/check_grammar.mjs); those engines are not run here.
  5. Golden files: the SQL text of the pairs in GOLDEN must equal tests/sql/golden/*.sql, so that
     a change in the generated SQL is seen in review (--update-golden rewrites them).
Rows are compared after the normalisation of sqlcheck.py (null/empty dropped, one-element
arrays as their element, numbers and numeric strings as floats with a 1e-9 relative tolerance),
as multisets unless the statement is `ordered`. Any failure makes the exit status 1.

Needs Node with tests/sql/node_modules (scripts/install-deps.sh installs it), PyYAML, and a
trailhound binary with the `sql` subcommand.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import glob
import json
import os
import subprocess
import sys
import tempfile

import yaml
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import sqlcheck  # noqa: E402

SEED = "AWS IAM AccessDenied Discovery Events"
SEED_DATASET = "pwnedlabs-breach-in-the-cloud"
SEED_EXPECTED = "expected/aws_iam_accessdenied_discovery_events/pwnedlabs-breach-in-the-cloud.json"
GRAMMAR_DIALECTS = ("trino", "athena", "spark")

# Golden SQL texts: (dialect, "detection" | "search", detection name or SPL query). duckdb's is
# generated without paths, over `--table cloudtrail`. A detection pair needs --shared.
GOLDEN = [
    ("athena", "detection", SEED),
    ("trino", "detection", SEED),
    ("spark", "detection", SEED),
    ("duckdb", "detection", SEED),
    # spath + mvexpand + mvappend; wildcards and dc/values; a wildcard rename; a profile lookup.
    ("spark", "detection", "AWS Detect Users creating keys with encrypt policy without MFA"),
    ("trino", "detection", "AWS Excessive Security Scanning"),
    ("athena", "detection", "AWS Exfiltration via DataSync Task"),
    ("duckdb", "detection", "AWS Multiple Users Failing To Authenticate From Ip"),
]
GOLDEN_DIR = os.path.join(HERE, "golden")

# The real data sets, under <shared>/data/cloudtrail: (name, glob patterns of its files). Only
# JSON lines and Records documents (plain or .gz); never the zips, notes or indexes beside them.
SHARED_DATASETS = [
    ("pwnedlabs-breach-in-the-cloud", ["pwnedlabs-breach-in-the-cloud/*.json"]),
    # one of its Records files is malformed: `trailhound sql` must leave it out, naming why
    ("cloudtrail2sightings-stratus-2022", ["cloudtrail2sightings-stratus-2022/*.json"]),
    ("flaws2-defender-jamjahal", ["flaws2-defender-jamjahal/*.json.gz"]),
    ("panther-analysis", ["panther-analysis/extracted_events.jsonl"]),
    ("otrf-security-datasets", ["otrf-security-datasets/*.json"]),
    ("awsdocs-cloudtrail-user-guide", ["awsdocs-cloudtrail-user-guide/extracted_events.jsonl"]),
    ("awsdocs-iam-user-guide", ["awsdocs-iam-user-guide/extracted_events.jsonl"]),
    ("elastic-integrations", ["elastic-integrations/*.log"]),
    ("sekoia-intake-formats", ["sekoia-intake-formats/extracted_events.jsonl"]),
]
# Inputs of the repository itself (run with or without --shared): the sample S3 layout (its
# CloudTrail files, not the digest) and the reader fixtures of each document shape.
REPO_DATASETS = [
    ("samples/AWSLogs", ["samples/AWSLogs/*/CloudTrail/**/*.json.gz"]),
    ("fixtures/lines.jsonl", ["tests/fixtures/io/lines.jsonl"]),
    ("fixtures/records_oneline.json", ["tests/fixtures/io/records_oneline.json"]),
    ("fixtures/records_pretty.json", ["tests/fixtures/io/records_pretty.json"]),
]


class HarnessError(Exception):
    """Something that stops the harness itself (not a failed comparison)."""


# --- processes -----------------------------------------------------------------------------------

def run(args: list, timeout: int = 600) -> subprocess.CompletedProcess:
    """Runs a process to its end; a program that cannot be started or runs too long stops the
    harness (native_rows catches its own time-out)."""
    try:
        return subprocess.run(args, capture_output=True, text=True, timeout=timeout)
    except OSError as e:
        raise HarnessError(f"cannot run {args[0]}: {e}") from e


def require_sql_subcommand(th: str) -> None:
    """Stops with a clear message when the binary has no `sql` subcommand (its help would then be
    the top-level one, without --dialect)."""
    if not os.path.exists(th):
        raise HarnessError(f"no trailhound binary at {th}")
    p = run([th, "sql", "--help"], timeout=60)
    if "--dialect" not in p.stdout + p.stderr:
        raise HarnessError(f"{th} has no `sql` subcommand (`{th} sql --help` exited {p.returncode} and does not "
                           f"mention --dialect{': ' + p.stderr.strip()[-200:] if p.stderr.strip() else ''}); "
                           "build a trailhound that has it")


def trailhound_sql(th: str, dialect: str, extra: list, allow_approximate: bool) -> list:
    """The statements `trailhound sql --format jsonl` prints (exit 0, or 6 when some are refused)."""
    args = [th, "sql", "--dialect", dialect, "--format", "jsonl"] + (["--allow-approximate"] if allow_approximate else [])
    try:
        p = run(args + extra)
    except subprocess.TimeoutExpired as e:
        raise HarnessError(f"`trailhound sql --dialect {dialect}` timed out") from e
    if p.returncode not in (0, 6):
        raise HarnessError(f"`trailhound sql --dialect {dialect}` exited {p.returncode}: {p.stderr.strip()[-500:]}\n"
                           f"  command: {' '.join(args + extra)[:500]}")
    try:
        return sqlcheck.parse_json_lines(p.stdout)
    except json.JSONDecodeError as e:
        raise HarnessError(f"`trailhound sql` printed something that is not JSON lines: {e}") from e


def native_rows(th: str, spl: str, paths: list, content: str | None) -> tuple[list | None, str | None]:
    """trailhound's own rows for the SPL over paths, or (None, error)."""
    args = [th, "search", "-q", "--format", "jsonl"] + (["--content", content] if content else []) + [spl] + paths
    try:
        p = run(args, timeout=300)
    except subprocess.TimeoutExpired:
        return None, "native search timed out"
    if p.returncode != 0:
        return None, f"native search exited {p.returncode}: {p.stderr.strip()[-300:]}"
    return sqlcheck.parse_json_lines(p.stdout), None


def node_modules() -> str:
    d = os.path.join(HERE, "node_modules")
    if not os.path.isdir(os.path.join(d, "@duckdb", "node-api")) or not os.path.isdir(os.path.join(d, "dt-sql-parser")):
        raise HarnessError(f"{d} is missing its packages: run scripts/install-deps.sh (or npm ci --prefix tests/sql)")
    return d


def run_node_batch(script: str, jobs: list, tmp: str, name: str) -> dict:
    """Runs a Node script over a JSON file of jobs; returns its JSON lines by id. A job that
    the script did not answer (it crashed) gets an error entry."""
    if not jobs:
        return {}
    path = os.path.join(tmp, name + ".json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(jobs, f)
    try:
        p = run(["node", script, path], timeout=3600)
    except subprocess.TimeoutExpired as e:
        raise HarnessError(f"{os.path.basename(script)} timed out on {len(jobs)} statements") from e
    out = {}
    for line in p.stdout.splitlines():
        if line.strip():
            r = json.loads(line)
            out[r["id"]] = r
    for job in jobs:
        if job["id"] not in out:
            out[job["id"]] = {"id": job["id"], "error": f"{os.path.basename(script)} gave no answer (exit {p.returncode}: "
                                                           f"{p.stderr.strip()[-300:]})", "ok": False, "errors": [], "rows": []}
    return out


def run_duckdb(jobs: list, tmp: str) -> dict:
    node_modules()
    return run_node_batch(os.path.join(HERE, "run_duckdb.mjs"), jobs, tmp, "duckdb_jobs")


def grammar_bundle(tmp: str) -> str:
    """check_grammar.mjs bundled with esbuild (dt-sql-parser cannot be imported by Node as it is),
    into node_modules/.cache/, rebuilt when the .mjs is newer; in tmp when that is not writable."""
    nm = node_modules()
    src = os.path.join(HERE, "check_grammar.mjs")
    out = os.path.join(nm, ".cache", "check_grammar.cjs")
    if os.path.exists(out) and os.path.getmtime(out) >= os.path.getmtime(src):
        return out
    try:
        os.makedirs(os.path.dirname(out), exist_ok=True)
        open(out, "a").close()
    except OSError:
        out = os.path.join(tmp, "check_grammar.cjs")
    esbuild = os.path.join(nm, ".bin", "esbuild")
    p = run([esbuild, src, "--bundle", "--platform=node", "--log-level=warning", f"--outfile={out}"], timeout=300)
    if p.returncode != 0:
        raise HarnessError(f"esbuild could not bundle check_grammar.mjs: {p.stderr.strip()[-500:]}")
    return out


def check_grammar(jobs: list, tmp: str) -> dict:
    if not jobs:
        return {}
    return run_node_batch(grammar_bundle(tmp), jobs, tmp, "grammar_jobs")


def parallel(fn, items: list, workers: int) -> list:
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, workers)) as ex:
        return list(ex.map(fn, items))


# --- the report ----------------------------------------------------------------------------------

class Report:
    """Counts, failures and the machine-readable summary."""

    def __init__(self, verbose: bool):
        self.verbose = verbose
        self.failures = []
        self.cases = {"total": 0, "compiled": 0, "refused": 0, "skipped": 0, "approximate": 0,
                      "refusal_reasons": Counter(), "skip_reasons": Counter(), "skipped_cases": []}
        self.detections = {}      # dialect -> {"compiled", "refused", "refusal_reasons"}
        self.comparisons = {"passed": 0, "failed": 0, "not_compared": 0, "approximate_mismatches": 0,
                            "not_compared_items": []}
        self.grammar = {"checked": 0, "failed": 0}
        self.golden = {"checked": 0, "failed": 0, "updated": 0, "skipped": 0}
        self.seed = {"checked": False, "ok": None}
        self.fixtures = {"total": 0, "refused": 0, "with_rows": 0, "detections_with_rows": set()}

    def fail(self, what: str, detail: str = "") -> None:
        self.failures.append({"what": what, "detail": detail})
        print(f"FAIL {what}" + ("\n" + indent(detail) if detail else ""))

    def info(self, text: str) -> None:
        if self.verbose:
            print(text)

    def count_detections(self, dialect: str, statements: list) -> None:
        reasons = Counter(s["refused"] for s in statements if s.get("sql") is None)
        self.detections[dialect] = {"compiled": sum(1 for s in statements if s.get("sql") is not None),
                                    "refused": sum(reasons.values()), "refusal_reasons": reasons}

    def summary(self) -> dict:
        return {"cases": self.cases, "detections": self.detections, "comparisons": self.comparisons,
                "grammar": self.grammar, "golden": self.golden, "seed": self.seed,
                "fixtures": dict(self.fixtures, detections_with_rows=sorted(self.fixtures["detections_with_rows"])),
                "failures": self.failures, "ok": not self.failures}

    def print_summary(self) -> None:
        c = self.cases
        print("== summary")
        print(f"cases: {c['total']} total, {c['compiled']} compiled, {c['refused']} refused, "
              f"{c['skipped']} skipped ({format_counts(c['skip_reasons'])})")
        for reason, n in c["refusal_reasons"].most_common():
            print(f"  refused {n}x: {reason}")
        f = self.fixtures
        print(f"detection fixtures: {f['total']} cases, {f['refused']} refused, {f['with_rows']} compared with rows "
              f"({len(f['detections_with_rows'])} detections)")
        for dialect, d in sorted(self.detections.items()):
            print(f"detections [{dialect}]: {d['compiled']} compiled, {d['refused']} refused")
            for reason, n in d["refusal_reasons"].most_common():
                print(f"  refused {n}x: {reason}")
        m = self.comparisons
        print(f"comparisons: {m['passed']} passed, {m['failed']} failed, {m['not_compared']} not compared"
              + (f", {m['approximate_mismatches']} approximate mismatches" if m["approximate_mismatches"] else ""))
        print(f"seed check: {'not run' if not self.seed['checked'] else 'ok' if self.seed['ok'] else 'FAILED'}")
        print(f"grammar: {self.grammar['checked']} statements checked, {self.grammar['failed']} failed")
        g = self.golden
        print(f"golden: {g['checked']} checked, {g['failed']} failed, {g['updated']} updated, {g['skipped']} skipped")
        print("OK" if not self.failures else f"FAILED: {len(self.failures)} failure(s)")


def clip(text: str, limit: int = 1500) -> str:
    """A statement shortened for a failure message (DuckDB's carry every input path)."""
    text = str(text)
    return text if len(text) <= limit else text[:limit] + f" ... ({len(text) - limit} more characters)"


def indent(text: str, by: str = "    ") -> str:
    return "\n".join(by + line for line in text.splitlines())


def format_counts(counter: Counter) -> str:
    return ", ".join(f"{k}: {n}" for k, n in counter.most_common()) or "none"


# --- comparisons ---------------------------------------------------------------------------------

def compare_one(report: Report, what: str, stmt: dict, native: list | None, native_error: str | None,
                result: dict) -> None:
    """Compares one statement's DuckDB result with the native rows and records the outcome."""
    if stmt.get("left_out"):
        # Files the SQL does not read (CloudWatch payloads, arrays, ...): trailhound reads events
        # there that DuckDB does not see, so the rows are not meant to be equal.
        native, native_error = None, "the SQL leaves out " + "; ".join(stmt["left_out"])
    known = KNOWN_DIFFERENCES.get(what)
    if known and native is not None:
        native, native_error = None, "known difference: " + known
    if native is None:
        report.comparisons["not_compared"] += 1
        report.comparisons["not_compared_items"].append({"what": what, "reason": native_error})
        report.info(f"skip {what}: {native_error}")
        return
    if result.get("error"):
        report.comparisons["failed"] += 1
        report.fail(f"{what}: DuckDB could not run the statement",
                    f"query: {stmt.get('search')}\nsql: {clip(stmt['sql'])}\nerror: {result['error']}")
        return
    c = sqlcheck.compare_results(native, result["rows"], ordered=bool(stmt.get("ordered")))
    if c.ok:
        report.comparisons["passed"] += 1
        report.info(f"ok   {what} ({c.native_count} rows)")
        return
    if stmt.get("approximations"):
        report.comparisons["approximate_mismatches"] += 1
        print(f"note {what}: differs, as its approximations allow ({'; '.join(stmt['approximations'])})")
        return
    report.comparisons["failed"] += 1
    report.fail(f"{what}: rows differ",
                f"query: {stmt.get('search')}\nsql: {clip(stmt['sql'])}\n" + sqlcheck.format_diff(c, native, result["rows"]))


# Inputs where DuckDB itself reads differently from trailhound, each for a documented reason
# (docs/sql.md, "What the DuckDB SQL reads"). Keyed like the report's lines.
KNOWN_DIFFERENCES = {
    "case input/lone_surrogate.yml: an event with a lone surrogate in a searched field is kept; the escape reads as U+FFFD":
        "DuckDB's JSON reader rejects a lone UTF-16 surrogate escape, so it skips the line; trailhound reads it as U+FFFD",
    "case spl/mvexpand_fillnull.yml: without stats, fillnull fills the fields that some event has":
        "the input's `extra` is not a CloudTrail field: the table has CloudTrail's documented fields only",
}


# --- 1. cases ------------------------------------------------------------------------------------

def prepare_cases(args, report: Report, tmp: str) -> tuple[list, list]:
    """Loads the cases, writes the inputs of the runnable ones and compiles each for DuckDB.
    Returns ([(case, paths, statement)] of the compiled ones, the queries of the runnable ones)."""
    cases = sqlcheck.load_cases(os.path.join(REPO, "tests", "cases"))
    report.cases["total"] = len(cases)
    runnable = []
    for i, case in enumerate(cases):
        if case.skip:
            report.cases["skipped"] += 1
            report.cases["skip_reasons"][case.skip] += 1
            report.cases["skipped_cases"].append({"case": case.label, "reason": case.skip})
            continue
        runnable.append((case, sqlcheck.write_case_inputs(case, os.path.join(tmp, f"case_{i}"))))

    def compile_case(item):
        case, paths = item
        try:
            out = trailhound_sql(args.trailhound, "duckdb", ["--search", case.query] + paths, args.allow_approximate)
        except HarnessError as e:
            if "none of the input files" not in str(e):
                raise
            # Input DuckDB's read_json cannot take (a JSON array, a CloudWatch payload ...): the SQL
            # reads JSON lines and Records files only (docs/sql.md).
            return case, paths, {"sql": None, "refused": "no input file the DuckDB SQL reads"}
        if len(out) != 1:
            raise HarnessError(f"{case.label}: `trailhound sql --search` printed {len(out)} statements, not 1")
        return case, paths, out[0]

    compiled = []
    for case, paths, stmt in parallel(compile_case, runnable, args.jobs):
        if stmt.get("sql") is None:
            report.cases["refused"] += 1
            report.cases["refusal_reasons"][stmt.get("refused") or "(no reason given)"] += 1
            report.info(f"refused {case.label}: {stmt.get('refused')}")
            continue
        report.cases["compiled"] += 1
        report.cases["approximate"] += bool(stmt.get("approximations"))
        compiled.append((case, paths, stmt))
    return compiled, [case.query for case, _ in runnable]


def check_cases(args, report: Report, tmp: str) -> list:
    """Cases: DuckDB's rows against native ones. Returns the queries of the runnable cases (for
    the grammar check)."""
    compiled, queries = prepare_cases(args, report, tmp)
    natives = parallel(lambda item: native_rows(args.trailhound, item[0].query, item[1], None), compiled, args.jobs)
    results = run_duckdb([{"id": f"case:{i}", "sql": stmt["sql"]} for i, (_, _, stmt) in enumerate(compiled)], tmp)
    for i, ((case, _, stmt), (native, err)) in enumerate(zip(compiled, natives)):
        if native is None:   # the case has no expected error, so its query must run natively
            report.comparisons["failed"] += 1
            report.fail(f"case {case.label}: native search failed", err or "")
            continue
        if case.sql_differs:
            # A documented difference (the case's `sql_differs:`): the rows must differ, or the
            # note is stale.
            result = results[f"case:{i}"]
            same = not result.get("error") and sqlcheck.compare_results(native, result["rows"], ordered=False).ok
            if same:
                report.comparisons["failed"] += 1
                report.fail(f"case {case.label}: marked sql_differs but the SQL now gives the native rows: drop the mark")
            else:
                report.comparisons["not_compared"] += 1
                report.comparisons["not_compared_items"].append({"what": case.label, "reason": case.sql_differs})
            continue
        compare_one(report, f"case {case.label}", stmt, native, err, results[f"case:{i}"])
    return queries


# --- 2. detections and 3. the seed ---------------------------------------------------------------

def datasets(shared: str | None) -> list:
    """[(name, [files])] of the inputs the detections run over, each separately."""
    out = []
    if shared:
        base = os.path.join(shared, "data", "cloudtrail")
        out += [(name, expand(base, pats)) for name, pats in SHARED_DATASETS]
    out += [(name, expand(REPO, pats)) for name, pats in REPO_DATASETS]
    for name, files in out:
        if not files:
            raise HarnessError(f"the input {name} has no files (looked for {dict(SHARED_DATASETS + REPO_DATASETS)[name]})")
    return out


def expand(base: str, patterns: list) -> list:
    files = []
    for pat in patterns:
        files += glob.glob(os.path.join(base, pat), recursive=True)
    return sorted(set(files))


def detection_source(shared: str | None) -> list:
    """The `trailhound sql`/`search` options naming the detections: the shared security_content,
    or nothing (the built-in detections)."""
    return ["--content", os.path.join(shared, "security_content")] if shared else []


def check_detections(args, report: Report, tmp: str) -> None:
    """Every compiled detection over every input, DuckDB's rows against native ones; then the seed."""
    source = detection_source(args.shared)
    content = source[1] if source else None
    work = []      # (dataset, files, statement)
    for n, (name, files) in enumerate(datasets(args.shared)):
        statements = trailhound_sql(args.trailhound, "duckdb", source + files, args.allow_approximate)
        if n == 0:
            report.count_detections("duckdb", statements)
        work += [(name, files, s) for s in statements if s.get("sql") is not None]
    natives = parallel(lambda w: native_rows(args.trailhound, w[2]["search"], w[1], content), work, args.jobs)
    results = run_duckdb([{"id": f"det:{i}", "sql": w[2]["sql"]} for i, w in enumerate(work)], tmp)
    seed_result = None
    for i, ((name, _, stmt), (native, err)) in enumerate(zip(work, natives)):
        compare_one(report, f"detection {stmt.get('name')!r} over {name}", stmt, native, err, results[f"det:{i}"])
        if stmt.get("name") == SEED and name == SEED_DATASET:
            seed_result = (stmt, results[f"det:{i}"])
    if args.shared:
        check_seed(args, report, seed_result)


def check_detection_fixtures(args, report: Report, tmp: str) -> None:
    """tests/detections/*.yml: each security_content detection over its own fixture events (the
    cases that make it fire and the near misses), DuckDB's rows against native ones. These are the
    comparisons with rows in them for most detections."""
    if not args.shared:
        return
    content = os.path.join(args.shared, "security_content")
    work = []  # (label, files, statement)
    for path in sorted(glob.glob(os.path.join(REPO, "tests", "detections", "*.yml"))):
        with open(path, encoding="utf-8") as f:
            doc = yaml.safe_load(f)
        if "detection" not in doc:
            continue  # stratus_detonations.yml: which detections fire per detonation log
        rule = os.path.join(content, "detections", doc["detection"])
        for n, case in enumerate(doc.get("cases") or []):
            if "input" not in case:
                continue
            d = os.path.join(tmp, "detfix", os.path.basename(path)[:-4] + f"_{n}")
            os.makedirs(d, exist_ok=True)
            p = os.path.join(d, "input.json")
            with open(p, "w", encoding="utf-8", newline="") as f:
                f.write(case["input"])
            stmts = trailhound_sql(args.trailhound, "duckdb", ["--content", content, "-r", rule, p], args.allow_approximate)
            report.fixtures["total"] += 1
            stmt = stmts[0]
            if stmt.get("sql") is None:
                report.fixtures["refused"] += 1
                continue
            work.append((f"fixture {os.path.basename(path)}: {case.get('name')}", [p], stmt))
    natives = parallel(lambda w: native_rows(args.trailhound, w[2]["search"], w[1], content), work, args.jobs)
    results = run_duckdb([{"id": f"fix:{i}", "sql": w[2]["sql"]} for i, w in enumerate(work)], tmp)
    for i, ((label, _, stmt), (native, err)) in enumerate(zip(work, natives)):
        compare_one(report, label, stmt, native, err, results[f"fix:{i}"])
        if native:
            report.fixtures["with_rows"] += 1
            report.fixtures["detections_with_rows"].add(stmt.get("name"))


def check_seed(args, report: Report, seed_result) -> None:
    """The seed detection's DuckDB rows over pwnedlabs against the shared expected rows."""
    report.seed["checked"] = True
    report.seed["ok"] = False
    if seed_result is None:
        report.fail(f"seed: {SEED!r} did not compile for duckdb (or is not among the detections)")
        return
    stmt, result = seed_result
    if result.get("error"):
        report.fail(f"seed: DuckDB could not run {SEED!r}", f"sql: {clip(stmt['sql'])}\nerror: {result['error']}")
        return
    want = sqlcheck.load_expected_rows(os.path.join(args.shared, SEED_EXPECTED))
    c = sqlcheck.compare_results(want, result["rows"], ordered=False)
    if not c.ok:
        report.fail(f"seed: {SEED!r} over {SEED_DATASET} differs from {SEED_EXPECTED}",
                    f"sql: {clip(stmt['sql'])}\n" + sqlcheck.format_diff(c).replace("native", "expected"))
        return
    report.seed["ok"] = True
    report.seed["rows"] = c.sql_count
    print(f"seed: {SEED!r} over {SEED_DATASET}: {c.sql_count} rows as expected")


# --- 4. grammar and 5. golden files --------------------------------------------------------------

def statements_for(args, dialect: str, queries: list) -> tuple[list, list]:
    """(case statements, detection statements) for a dialect that reads a table."""
    case_stmts = []
    if queries:
        extra = [a for q in queries for a in ("--search", q)]
        case_stmts = trailhound_sql(args.trailhound, dialect, extra, args.allow_approximate)
        if len(case_stmts) != len(queries):
            raise HarnessError(f"`trailhound sql --dialect {dialect}` printed {len(case_stmts)} statements "
                               f"for {len(queries)} --search queries")
    det_stmts = trailhound_sql(args.trailhound, dialect, detection_source(args.shared), args.allow_approximate)
    return case_stmts, det_stmts


def check_grammars(args, report: Report, tmp: str, queries: list) -> dict:
    """Parses every trino/athena/spark statement; returns {dialect: detection statements}."""
    jobs, labels, by_dialect = [], {}, {}
    for dialect in GRAMMAR_DIALECTS:
        case_stmts, det_stmts = statements_for(args, dialect, queries)
        report.count_detections(dialect, det_stmts)
        by_dialect[dialect] = det_stmts
        for kind, stmts in (("case", case_stmts), ("detection", det_stmts)):
            for s in stmts:
                if s.get("sql") is None:
                    continue
                jid = f"{dialect}:{len(jobs)}"
                jobs.append({"id": jid, "dialect": dialect, "sql": s["sql"]})
                labels[jid] = (f"{kind} {s.get('name') or s.get('search')!r} [{dialect}]", s)
    # The Spark view definitions of `trailhound sql --ddl spark` parse too.
    for extra in ([], ["--json-lines"]):
        p = run([args.trailhound, "sql", "--ddl", "spark", "--location", "s3://bucket/AWSLogs/"] + extra)
        if p.returncode != 0:
            raise HarnessError(f"`trailhound sql --ddl spark {' '.join(extra)}` exited {p.returncode}: {p.stderr.strip()}")
        jid = f"spark-ddl:{len(jobs)}"
        jobs.append({"id": jid, "dialect": "spark", "sql": p.stdout})
        labels[jid] = (f"`sql --ddl spark {' '.join(extra)}`", {"search": "", "sql": p.stdout})
    results = check_grammar(jobs, tmp)
    for job in jobs:
        r = results[job["id"]]
        report.grammar["checked"] += 1
        if not r.get("ok"):
            report.grammar["failed"] += 1
            what, s = labels[job["id"]]
            errors = r.get("errors") or [{"message": r.get("error")}]
            detail = "\n".join(f"line {e.get('startLine')}:{e.get('startColumn')} {e.get('message')}" for e in errors[:5])
            report.fail(f"grammar: {what} does not parse", f"query: {s.get('search')}\nsql: {clip(s['sql'])}\n{detail}")
    return by_dialect


def golden_statement(args, dialect: str, kind: str, key: str, by_dialect: dict) -> dict | None:
    """The statement of one golden pair (duckdb: over `--table cloudtrail`, without paths)."""
    table = ["--table", "cloudtrail"] if dialect == "duckdb" else []
    if kind == "search":
        out = trailhound_sql(args.trailhound, dialect, table + ["--search", key], args.allow_approximate)
        return out[0] if out else None
    stmts = by_dialect.get(dialect)
    if stmts is None:
        stmts = trailhound_sql(args.trailhound, dialect, table + detection_source(args.shared), args.allow_approximate)
    return next((s for s in stmts if s.get("name") == key), None)


def check_golden(args, report: Report, by_dialect: dict) -> None:
    for dialect, kind, key in GOLDEN:
        what = f"golden {kind} {key!r} [{dialect}]"
        if kind == "detection" and not args.shared:
            report.golden["skipped"] += 1
            report.info(f"skip {what}: needs --shared")
            continue
        stmt = golden_statement(args, dialect, kind, key, by_dialect)
        if stmt is None or stmt.get("sql") is None:
            report.golden["failed"] += 1
            report.fail(f"{what}: " + ("not found" if stmt is None else f"refused: {stmt.get('refused')}"))
            continue
        path = os.path.join(GOLDEN_DIR, f"{sqlcheck.slug(key)}.{dialect}.sql")
        text = stmt["sql"].rstrip("\n") + "\n"
        if args.update_golden:
            os.makedirs(GOLDEN_DIR, exist_ok=True)
            old = open(path, encoding="utf-8").read() if os.path.exists(path) else None
            if old != text:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
                report.golden["updated"] += 1
                print(f"updated {os.path.relpath(path, REPO)}")
            continue
        report.golden["checked"] += 1
        if not os.path.exists(path):
            report.golden["failed"] += 1
            report.fail(f"{what}: no golden file {os.path.relpath(path, REPO)} (run with --update-golden)")
        elif open(path, encoding="utf-8").read() != text:
            report.golden["failed"] += 1
            report.fail(f"{what}: the SQL differs from {os.path.relpath(path, REPO)} (run with --update-golden "
                        "if the change is meant)", f"now:\n{text}")


# --- main ----------------------------------------------------------------------------------------

def parse_args(argv: list) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--trailhound", default=os.path.join(REPO, "build", "trailhound"))
    p.add_argument("--shared", help="the shared material (security_content, data, expected); optional")
    p.add_argument("--update-golden", action="store_true", help="rewrite tests/sql/golden/*.sql")
    p.add_argument("--allow-approximate", action="store_true",
                   help="pass --allow-approximate; a difference in an approximate statement is then a note")
    p.add_argument("--summary", help="write the machine-readable summary (JSON) here")
    p.add_argument("--min-detections", type=int, default=0, help="fail below this many detections compiled for duckdb")
    p.add_argument("--min-cases", type=int, default=0, help="fail below this many cases compiled")
    p.add_argument("--jobs", type=int, default=2, help="trailhound processes at a time (default 2)")
    p.add_argument("-v", "--verbose", action="store_true")
    args = p.parse_args(argv)
    args.trailhound = os.path.abspath(args.trailhound)
    if args.shared:
        args.shared = os.path.abspath(args.shared)
        if not os.path.isdir(os.path.join(args.shared, "security_content")):
            p.error(f"--shared {args.shared}: no security_content/ there")
    return args


def check_minimums(args, report: Report) -> None:
    compiled = report.detections.get("duckdb", {}).get("compiled", 0)
    if compiled < args.min_detections:
        report.fail(f"only {compiled} detections compiled for duckdb, fewer than --min-detections {args.min_detections}")
    if report.cases["compiled"] < args.min_cases:
        report.fail(f"only {report.cases['compiled']} cases compiled, fewer than --min-cases {args.min_cases}")


def main(argv: list) -> int:
    args = parse_args(argv)
    report = Report(args.verbose)
    try:
        require_sql_subcommand(args.trailhound)
        with tempfile.TemporaryDirectory(prefix="trailhound_sqlh_") as tmp:
            print("== cases (DuckDB against trailhound search)")
            queries = check_cases(args, report, tmp)
            print("== detections (DuckDB against trailhound search)" + ("" if args.shared else ": built-in, no --shared"))
            check_detections(args, report, tmp)
            print("== detection fixtures (tests/detections, DuckDB against trailhound search)")
            check_detection_fixtures(args, report, tmp)
            print("== grammar (" + ", ".join(GRAMMAR_DIALECTS) + ")")
            by_dialect = check_grammars(args, report, tmp, queries)
            print("== golden SQL")
            check_golden(args, report, by_dialect)
    except HarnessError as e:
        report.fail(f"harness: {e}")
    check_minimums(args, report)
    report.print_summary()
    if args.summary:
        with open(args.summary, "w", encoding="utf-8") as f:
            json.dump(report.summary(), f, indent=1, sort_keys=True)
            f.write("\n")
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
