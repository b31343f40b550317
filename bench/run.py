#!/usr/bin/env python3
"""trailhound's benchmark: trailhound, DuckDB and jq side by side on the same generated CloudTrail.

    bench/run.py [--size 200MB] [--runs 5] [--threads N] [--trailhound PATH] [--smoke]

1. Generates the data (bench/generate.py; cached in bench/data/<bytes>-seed<N>/): one JSON-lines
   file (layout jsonl) and the same events as gzipped S3 delivery files (layout awslogs).
2. Runs each query once with every tool and checks that all return the same rows as each other
   and as the generator's own expectation (rows normalised and sorted). Any difference stops the
   run with exit code 1 and shows the rows that differ.
3. Unless --smoke: runs every (tool, query, layout) --runs times, interleaved, and prints a
   table: median seconds, MB/s (MB = 10^6 bytes of the JSON-lines form, for both layouts), the
   ratio to trailhound on the same query and layout (> 1: slower than trailhound), and peak RSS.
   `cat` to /dev/null (and, for awslogs, `gzip -dc`) is the reading floor; `duckdb SELECT 1` is
   the cost of starting Node and DuckDB, included in every duckdb row ("duckdb (query only)" is
   the query's own time, measured inside the process). Results also go to
   bench/out/results-<size>.json and a Markdown table to bench/out/results-<size>.md.

Queries, equivalent across tools:
  seed       trailhound: the detection's SPL ("AWS IAM AccessDenied Discovery Events") with `search`
             (and, once, `hunt` with the built-in detection); DuckDB: queries/seed.sql; jq: queries/seed.jq
  by_source  * | stats count by eventSource
  count      * | stats count

--smoke: a tiny size (4 MB), correctness only, exit code 1 on any mismatch (for CI). Needs
`npm ci --prefix bench` first (DuckDB), jq, and a trailhound binary.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import generate  # noqa: E402

SEED_SPL = ('`cloudtrail` (errorCode = "AccessDenied") user_type=IAMUser (userAgent!=*.amazonaws.com) '
            '| bucket _time span=1h | stats count as failures min(_time) as firstTime max(_time) as lastTime, '
            'dc(eventName) as methods, dc(eventSource) as sources by src_ip, userIdentity.arn, _time '
            '| where failures >= 5 and methods >= 1 and sources >= 1 | `security_content_ctime(firstTime)` '
            '| `security_content_ctime(lastTime)` | `aws_iam_accessdenied_discovery_events_filter`')
SEED_DETECTION_ID = "3e1f1568-9633-11eb-a69c-acde48001122"
QUERIES = {
    "seed": {"spl": SEED_SPL, "expected": "seed"},
    "by_source": {"spl": "* | stats count by eventSource", "expected": "by_source"},
    "count": {"spl": "* | stats count", "expected": "count"},
}
# The columns DuckDB reads, typed explicitly (no schema inference), for both layouts.
COLUMNS = {
    "seed": [("eventTime", "VARCHAR"), ("eventSource", "VARCHAR"), ("eventName", "VARCHAR"), ("eventType", "VARCHAR"),
             ("sourceIPAddress", "VARCHAR"), ("userAgent", "VARCHAR"), ("errorCode", "VARCHAR"),
             ("userIdentity", "STRUCT(type VARCHAR, arn VARCHAR, sessionContext STRUCT(sessionIssuer STRUCT(type VARCHAR)))"),
             ("additionalEventData", "STRUCT(LoginTo VARCHAR)"), ("resources", "STRUCT(type VARCHAR)[]"),
             ("responseElements", "STRUCT(assumedRoleUser STRUCT(arn VARCHAR))")],
    "by_source": [("eventSource", "VARCHAR")],
    "count": [("eventTime", "VARCHAR")],
}
SMOKE_SIZE = "4MB"


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def sql_str(s):
    return "'" + s.replace("'", "''") + "'"


def duckdb_relation(query, layout, data):
    cols = COLUMNS[query]
    if layout == "jsonl":
        spec = "{" + ", ".join(f"{n}: {sql_str(t)}" for n, t in cols) + "}"
        # records=true: with records='auto' and a single column, DuckDB 1.5 reads 4-5x slower
        return f"SELECT * FROM read_ndjson({sql_str(os.path.join(data, 'events.jsonl'))}, columns={spec}, records=true)"
    struct = "STRUCT(" + ", ".join(f'"{n}" {t}' for n, t in cols) + ")[]"
    glob = os.path.join(data, "AWSLogs", "**", "*.json.gz")
    return (f"SELECT unnest(r) FROM (SELECT unnest(Records) AS r FROM read_json({sql_str(glob)}, "
            f"format='unstructured', records=true, compression='gzip', columns={{Records: {sql_str(struct)}}}, "
            f"maximum_object_size=268435456))")


def input_path(layout, data):
    return os.path.join(data, "events.jsonl") if layout == "jsonl" else os.path.join(data, "AWSLogs")


def awslogs_files(data):
    out = []
    for d, _, fs in os.walk(os.path.join(data, "AWSLogs")):
        out += [os.path.join(d, f) for f in fs]
    return sorted(out)


GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def run_cmd(argv, stdout_path=None):
    """Runs argv; returns (seconds, peak RSS in bytes, exit code, stderr text).

    Peak RSS comes from GNU time's %M when /usr/bin/time exists: the rusage of a child forked
    straight from this Python process would count the pages it shares with Python before exec."""
    out = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL
    err = tempfile.TemporaryFile()
    rss_file = None
    if GNU_TIME:
        fd, rss_file = tempfile.mkstemp(prefix="bench-rss-")
        os.close(fd)
        argv = [GNU_TIME, "-f", "%M", "-o", rss_file, *argv]
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    dt = time.perf_counter() - t0
    rc = os.waitstatus_to_exitcode(status)
    if stdout_path:
        out.close()
    err.seek(0)
    text = err.read().decode("utf-8", "replace")
    err.close()
    peak = ru.ru_maxrss * 1024
    if rss_file:
        with open(rss_file) as f:
            lines = [x for x in f.read().split("\n") if x.strip()]
        os.unlink(rss_file)
        if lines and lines[-1].strip().isdigit():
            peak = int(lines[-1]) * 1024
        # GNU time reports a failing command on its first line ("Command exited with non-zero status")
    return dt, peak, rc, text


def normalise(rows):
    """Rows as sorted canonical JSON texts: numbers that are whole become ints, keys sorted."""
    def val(v):
        if isinstance(v, float) and v.is_integer():
            return int(v)
        if isinstance(v, list) and len(v) == 1:
            return val(v[0])
        return v
    return sorted(json.dumps({k: val(v) for k, v in r.items()}, sort_keys=True) for r in rows)


def read_rows(path, hunt=False):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            o = json.loads(line)
            if hunt:
                if o.get("detection_id") != SEED_DETECTION_ID:
                    continue
                o = o["result"]
            rows.append(o)
    return rows


class Bench:
    def __init__(self, a):
        self.a = a
        self.out = os.path.join(HERE, "out")
        os.makedirs(self.out, exist_ok=True)
        self.th = a.trailhound
        self.th_threads = []
        help_text = subprocess.run([self.th, "search", "--help"], capture_output=True, text=True).stdout
        if re.search(r"--threads\b", help_text):
            self.th_threads = ["--threads", str(a.threads)]
        elif re.search(r"(^|\s)-j\b", help_text):
            self.th_threads = ["-j", str(a.threads)]
        self.th_version = subprocess.run([self.th, "--version"], capture_output=True, text=True).stdout.strip()

    def prepare(self):
        a = self.a
        self.data = os.path.join(a.data_dir, f"{a.size_bytes}-seed{a.seed}")
        self.manifests = {}
        for layout in a.layouts:
            mpath = os.path.join(self.data, f"manifest-{layout}.json")
            m = None
            if os.path.exists(mpath):
                with open(mpath) as f:
                    m = json.load(f)
                if m.get("size") != a.size_bytes or m.get("seed") != a.seed:
                    m = None
            if m is None:
                log(f"generating {layout} data ({a.size}) in {self.data} ...")
                if layout == "awslogs" and os.path.isdir(os.path.join(self.data, "AWSLogs")):
                    shutil.rmtree(os.path.join(self.data, "AWSLogs"))
                m = generate.generate(a.size_bytes, self.data, a.seed, layout)
            self.manifests[layout] = m
        if len({json.dumps(m["expected"], sort_keys=True) for m in self.manifests.values()}) != 1:
            raise SystemExit("FAIL: the layouts' manifests disagree (stale data? delete bench/data)")
        m = next(iter(self.manifests.values()))
        self.mb = m["jsonl_bytes"] / 1e6
        self.disk = {}
        for layout in a.layouts:
            if layout == "jsonl":
                self.disk[layout] = os.path.getsize(input_path(layout, self.data))
            else:
                self.disk[layout] = sum(os.path.getsize(p) for p in awslogs_files(self.data))
        self.sqldir = os.path.join(self.out, "sql")
        os.makedirs(self.sqldir, exist_ok=True)

    def commands(self, query, layout):
        """(tool, argv, is_result_producing) for one query and layout."""
        a, data = self.a, self.data
        path = input_path(layout, data)
        cmds = [("trailhound", [self.th, "search", "--format", "jsonl", "--quiet", *self.th_threads,
                                QUERIES[query]["spl"], path])]
        with open(os.path.join(HERE, "queries", f"{query}.sql")) as f:
            sql = f.read().replace("{{events}}", duckdb_relation(query, layout, data))
        sqlfile = os.path.join(self.sqldir, f"{query}-{layout}.sql")
        with open(sqlfile, "w") as f:
            f.write(sql)
        cmds.append(("duckdb", ["node", os.path.join(HERE, "duckdb_query.mjs"), sqlfile, "--threads", str(a.threads)]))
        if layout == "jsonl" and not a.no_jq:
            cmds.append(("jq", ["jq", "-n", "-c", "-f", os.path.join(HERE, "queries", f"{query}.jq"), path]))
        return cmds

    def hunt_argv(self, layout):
        """The built-in detections (today only the seed) over the same input, risk events included."""
        return [self.th, "hunt", "--format", "jsonl", "--quiet", *self.th_threads, input_path(layout, self.data)]

    def floors(self, layout):
        if layout == "jsonl":
            select1 = os.path.join(self.sqldir, "select1.sql")
            with open(select1, "w") as f:
                f.write("SELECT 1 AS one;\n")
            return [("cat", ["cat", input_path(layout, self.data)]),
                    ("duckdb SELECT 1", ["node", os.path.join(HERE, "duckdb_query.mjs"), select1,
                                         "--threads", str(self.a.threads)])]
        files = awslogs_files(self.data)
        return [("cat", ["cat", *files]), ("gzip -dc", ["gzip", "-dc", *files])]

    def check(self):
        """Runs every tool once per query and layout; returns the list of mismatches."""
        bad = []
        for layout in self.a.layouts:
            m = self.manifests[layout]
            for query in self.a.queries:
                expected = normalise(m["expected"][QUERIES[query]["expected"]])
                runs = list(self.commands(query, layout))
                if query == "seed":
                    runs.append(("trailhound hunt", self.hunt_argv(layout)))
                for tool, argv in runs:
                    outp = os.path.join(self.out, f"rows-{tool.replace(' ', '-')}-{query}-{layout}.jsonl")
                    dt, rss, rc, err = run_cmd(argv, outp)
                    if rc != 0:
                        bad.append((tool, query, layout, f"exit code {rc}: {err.strip()[-2000:]}", [], []))
                        log(f"  FAIL {tool:16} {query:10} {layout:8} exit code {rc}")
                        continue
                    got = normalise(read_rows(outp, hunt=tool == "trailhound hunt"))
                    if got == expected:
                        log(f"  ok   {tool:16} {query:10} {layout:8} {len(got):6} rows  ({dt:.2f} s)")
                    else:
                        got_set, expected_set = set(got), set(expected)
                        missing = [r for r in expected if r not in got_set]
                        extra = [r for r in got if r not in expected_set]
                        bad.append((tool, query, layout, f"{len(got)} rows, expected {len(expected)}", missing, extra))
                        log(f"  FAIL {tool:16} {query:10} {layout:8} {len(got)} rows, expected {len(expected)} "
                            f"({len(missing)} missing, {len(extra)} extra; rows in {outp})")
        return bad

    def time_all(self):
        a = self.a
        plan = []  # (tool, query, layout, argv)
        for layout in a.layouts:
            for tool, argv in self.floors(layout):
                plan.append((tool, "start-up" if tool.startswith("duckdb") else "read floor", layout, argv))
            for query in a.queries:
                for tool, argv in self.commands(query, layout):
                    plan.append((tool, query, layout, argv))
                    if tool == "trailhound" and query == "seed":
                        plan.append(("trailhound hunt", query, layout, self.hunt_argv(layout)))
        times = {k[:3]: [] for k in plan}
        rss = {k[:3]: 0 for k in plan}
        inproc = {}
        for r in range(a.runs):
            log(f"timing run {r + 1}/{a.runs} ...")
            for tool, query, layout, argv in plan:
                dt, peak, rc, err = run_cmd(argv)
                if rc != 0:
                    raise SystemExit(f"FAIL: {tool} {query} {layout} exited {rc}: {err[-2000:]}")
                times[(tool, query, layout)].append(dt)
                rss[(tool, query, layout)] = max(rss[(tool, query, layout)], peak)
                mm = re.search(r"duckdb_query_seconds ([0-9.]+)", err)
                if mm:
                    inproc.setdefault((query, layout), []).append(float(mm.group(1)))
        rows = []
        for (tool, query, layout), ts in times.items():
            rows.append({"tool": tool, "query": query, "layout": layout, "median_s": statistics.median(ts),
                         "min_s": min(ts), "max_s": max(ts), "runs": ts, "peak_rss_bytes": rss[(tool, query, layout)]})
            if tool == "duckdb":
                q = inproc.get((query, layout), [])
                if q:
                    rows.append({"tool": "duckdb (query only)", "query": query, "layout": layout,
                                 "median_s": statistics.median(q), "min_s": min(q), "max_s": max(q), "runs": q,
                                 "peak_rss_bytes": None})
        ref = {(r["query"], r["layout"]): r["median_s"] for r in rows if r["tool"] == "trailhound"}
        for r in rows:
            r["mb_per_s"] = self.mb / r["median_s"] if r["median_s"] > 0 and r["query"] != "start-up" else None
            t = ref.get((r["query"], r["layout"]))
            r["ratio_vs_trailhound"] = r["median_s"] / t if t else None
        return rows

    def table(self, rows):
        lines = ["| tool | query | layout | median s | MB/s | vs trailhound | peak RSS MB |",
                 "|---|---|---|---:|---:|---:|---:|"]
        for r in rows:
            ratio = "" if r["ratio_vs_trailhound"] is None else f"{r['ratio_vs_trailhound']:.2f}x"
            if r["query"] == "read floor" and r["ratio_vs_trailhound"] is None:
                ratio = ""
            rss = "" if r["peak_rss_bytes"] is None else f"{r['peak_rss_bytes'] / 2**20:.0f}"
            rate = "" if r["mb_per_s"] is None else f"{r['mb_per_s']:.0f}"
            lines.append(f"| {r['tool']} | {r['query']} | {r['layout']} | {r['median_s']:.3f} | "
                         f"{rate} | {ratio} | {rss} |")
        return "\n".join(lines)


def machine():
    model = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = "?"
    try:
        with open("/proc/meminfo") as f:
            kb = int(f.readline().split()[1])
            mem = f"{kb / 2**20:.1f} GiB"
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "cpu": model, "ram": mem, "load": os.getloadavg()}


def main():
    ap = argparse.ArgumentParser(description="trailhound vs DuckDB vs jq on generated CloudTrail")
    ap.add_argument("--size", default=None, help="bytes of JSON lines (default 200MB; 4MB with --smoke)")
    ap.add_argument("--runs", type=int, default=None, help="timed runs per measurement (default 5; 0 with --smoke)")
    ap.add_argument("--threads", type=int, default=os.cpu_count(), help="threads for DuckDB (and trailhound, once it has the option)")
    ap.add_argument("--trailhound", default=os.path.join(ROOT, "build", "trailhound"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--layouts", default="jsonl,awslogs")
    ap.add_argument("--queries", default="seed,by_source,count")
    ap.add_argument("--data-dir", default=os.path.join(HERE, "data"))
    ap.add_argument("--no-jq", action="store_true", help="leave jq out")
    ap.add_argument("--smoke", action="store_true", help="tiny size, correctness only (CI)")
    a = ap.parse_args()
    a.started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    a.size = a.size or (SMOKE_SIZE if a.smoke else "200MB")
    a.size_bytes = generate.parse_size(a.size)
    a.runs = 0 if a.smoke and a.runs is None else (5 if a.runs is None else a.runs)
    a.layouts = [x for x in a.layouts.split(",") if x]
    a.queries = [x for x in a.queries.split(",") if x]
    for q in a.queries:
        if q not in QUERIES:
            raise SystemExit(f"unknown query {q!r} (known: {', '.join(QUERIES)})")
    if not (os.path.isfile(a.trailhound) and os.access(a.trailhound, os.X_OK)):
        raise SystemExit(f"FAIL: no trailhound binary at {a.trailhound} (build it, or pass --trailhound PATH)")
    if not os.path.isdir(os.path.join(HERE, "node_modules", "@duckdb", "node-api")):
        raise SystemExit("FAIL: DuckDB is not installed: run `npm ci --prefix bench`")
    if not a.no_jq and shutil.which("jq") is None:
        raise SystemExit("FAIL: jq is not installed (apt-get install jq), or pass --no-jq")

    b = Bench(a)
    mach = machine()
    log(f"{b.th_version} ({a.trailhound}); {mach['nproc']} x {mach['cpu']}, {mach['ram']}; "
        f"load {mach['load'][0]:.2f}; threads {a.threads}" + ("" if b.th_threads else " (trailhound: single-threaded, no option)"))
    b.prepare()
    m = next(iter(b.manifests.values()))
    log(f"data: {m['events']} events, {b.mb:.1f} MB JSON lines; "
        + ", ".join(f"{l}: {b.disk[l] / 1e6:.1f} MB on disk" for l in a.layouts)
        + f"; expected seed rows: {len(m['expected']['seed'])}")
    log("checking that every tool returns the same rows ...")
    bad = b.check()
    if bad:
        log("")
        log(f"FAIL: {len(bad)} result(s) differ from the expected rows (the generator's own evaluation, which "
            "DuckDB and jq should agree with):")
        for tool, query, layout, what, missing, extra in bad:
            log(f"--- {tool} / {query} / {layout}: {what}")
            for r in missing[:5]:
                log(f"    missing: {r}")
            for r in extra[:5]:
                log(f"    extra:   {r}")
        sys.exit(1)
    log("all tools agree")
    if a.runs == 0:
        print(f"{'smoke' if a.smoke else 'check'}: {len(a.queries) * len(a.layouts)} query/layout pairs, every tool agreed "
              f"({m['events']} events, {len(m['expected']['seed'])} seed rows)")
        return
    rows = b.time_all()
    table = b.table(rows)
    print(table)
    res = {"machine": mach, "trailhound": b.th_version, "size": a.size, "jsonl_bytes": m["jsonl_bytes"],
           "events": m["events"], "disk_bytes": b.disk, "runs": a.runs, "threads": a.threads,
           "started_utc": a.started, "rows": rows}
    tag = a.size.replace(" ", "")
    with open(os.path.join(b.out, f"results-{tag}.json"), "w") as f:
        json.dump(res, f, indent=1)
    header = (f"{a.size} of JSON lines ({m['events']} events; awslogs: {b.disk.get('awslogs', 0) / 1e6:.1f} MB gzipped"
              f"), median of {a.runs} runs, {res['started_utc']}; {b.th_version}; {mach['nproc']} x {mach['cpu']}, "
              f"{mach['ram']}; load average at start {mach['load'][0]:.2f}; DuckDB threads {a.threads}")
    with open(os.path.join(b.out, f"results-{tag}.md"), "w") as f:
        f.write(header + "\n\n" + table + "\n")
    log(f"results in bench/out/results-{tag}.json and .md")


if __name__ == "__main__":
    main()
