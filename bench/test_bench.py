#!/usr/bin/env python3
"""Tests of the benchmark harness itself (stdlib unittest):

    python3 -m unittest discover -s bench -p 'test_*.py' -v

The end-to-end smoke test runs bench/run.py --smoke against a trailhound binary: $TRAILHOUND, else
build/trailhound; it is skipped when there is none, or when DuckDB is not installed
(`npm ci --prefix bench`). CI runs `python3 bench/run.py --smoke` directly.
"""
import filecmp
import gzip
import json
import os
import stat
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import generate  # noqa: E402

TRAILHOUND = os.environ.get("TRAILHOUND", os.path.join(os.path.dirname(HERE), "build", "trailhound"))
HAVE_DUCKDB = os.path.isdir(os.path.join(HERE, "node_modules", "@duckdb", "node-api"))


def records(folder):
    out = []
    for d, _, fs in os.walk(os.path.join(folder, "AWSLogs")):
        for f in fs:
            with gzip.open(os.path.join(d, f)) as g:
                out += [json.dumps(e, sort_keys=True) for e in json.load(g)["Records"]]
    return sorted(out)


class GeneratorTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.a = os.path.join(cls.tmp.name, "a")
        cls.b = os.path.join(cls.tmp.name, "b")
        for d in (cls.a, cls.b):
            for layout in ("jsonl", "awslogs"):
                generate.generate(2_000_000, d, 7, layout, quiet=True)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_deterministic(self):
        self.assertTrue(filecmp.cmp(os.path.join(self.a, "events.jsonl"), os.path.join(self.b, "events.jsonl"), shallow=False))
        cmp = filecmp.dircmp(os.path.join(self.a, "AWSLogs"), os.path.join(self.b, "AWSLogs"))
        self.assertEqual(records(self.a), records(self.b))
        self.assertFalse(cmp.left_only or cmp.right_only)

    def test_layouts_hold_the_same_events(self):
        with open(os.path.join(self.a, "events.jsonl")) as f:
            lines = sorted(json.dumps(json.loads(line), sort_keys=True) for line in f)
        self.assertEqual(lines, records(self.a))
        with open(os.path.join(self.a, "manifest-jsonl.json")) as f:
            m = json.load(f)
        self.assertEqual(m["events"], len(lines))
        self.assertGreaterEqual(m["jsonl_bytes"], 2_000_000)

    def test_other_seed_differs(self):
        with tempfile.TemporaryDirectory() as d:
            generate.generate(200_000, d, 8, "jsonl", quiet=True)
            with open(os.path.join(d, "events.jsonl"), "rb") as f, open(os.path.join(self.a, "events.jsonl"), "rb") as g:
                self.assertNotEqual(f.read(1000), g.read(1000))

    def test_time_order_and_variety(self):
        with open(os.path.join(self.a, "events.jsonl")) as f:
            evs = [json.loads(line) for line in f]
        times = [e["eventTime"] for e in evs]
        self.assertEqual(times, sorted(times))
        self.assertGreater(len({e["eventName"] for e in evs}), 60)
        self.assertGreater(len({e["eventSource"] for e in evs}), 25)
        self.assertEqual({e["userIdentity"]["type"] for e in evs}, {"IAMUser", "AssumedRole", "Root", "AWSService"})

    def test_seed_rows(self):
        with open(os.path.join(self.a, "manifest-jsonl.json")) as f:
            rows = json.load(f)["expected"]["seed"]
        self.assertGreaterEqual(len(rows), 1)
        for r in rows:
            self.assertGreaterEqual(r["failures"], 5)
            self.assertEqual(r["_time"] % 3600, 0)
            self.assertEqual(r["firstTime"], r["lastTime"])  # bucket rewrote _time before stats

    def test_add_on_user_type(self):
        ut = generate.SeedOracle.user_type
        iam = {"type": "IAMUser", "arn": "arn:aws:iam::1:user/a"}
        self.assertIsNone(ut({"eventName": "GetUser", "userIdentity": iam}))
        self.assertIsNone(ut({"eventName": "ListAccessKeys", "userIdentity": iam}))
        self.assertIsNone(ut({"eventName": "ListRoles", "userIdentity": iam}))  # the session issuer's type
        self.assertEqual(ut({"eventName": "ListUsers", "userIdentity": iam}), "IAMUser")
        self.assertEqual(ut({"eventName": "DescribeInstances", "userIdentity": iam}), "IAMUser")
        self.assertEqual(ut({"eventName": "AssumeRole", "userIdentity": iam,
                             "resources": [{"type": "AWS::IAM::Role"}]}), "AWS::IAM::Role")

    def test_parse_size(self):
        self.assertEqual(generate.parse_size("200MB"), 200_000_000)
        self.assertEqual(generate.parse_size("4mb"), 4_000_000)
        self.assertEqual(generate.parse_size("1GiB"), 2**30)


@unittest.skipUnless(HAVE_DUCKDB, "DuckDB not installed (npm ci --prefix bench)")
class SmokeTest(unittest.TestCase):
    def run_py(self, trailhound, data_dir):
        return subprocess.run([sys.executable, os.path.join(HERE, "run.py"), "--smoke", "--size", "1MB",
                               "--trailhound", trailhound, "--data-dir", data_dir],
                              capture_output=True, text=True)

    @unittest.skipUnless(os.access(TRAILHOUND, os.X_OK), f"no trailhound binary at {TRAILHOUND}")
    def test_smoke_passes(self):
        with tempfile.TemporaryDirectory() as d:
            p = self.run_py(TRAILHOUND, d)
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertIn("all tools agree", p.stderr)

    def test_a_wrong_engine_fails_loudly(self):
        with tempfile.TemporaryDirectory() as d:
            fake = os.path.join(d, "trailhound")
            with open(fake, "w") as f:  # answers every query with one made-up row
                f.write('#!/bin/sh\n[ "$1" = --version ] && { echo fake 0; exit 0; }\n'
                        'for a; do [ "$a" = --help ] && exit 0; done\necho \'{"count":1}\'\n')
            os.chmod(fake, os.stat(fake).st_mode | stat.S_IEXEC)
            p = self.run_py(fake, os.path.join(d, "data"))
            self.assertEqual(p.returncode, 1, p.stderr)
            self.assertIn("FAIL", p.stderr)
            self.assertIn("ok   duckdb", p.stderr)


if __name__ == "__main__":
    unittest.main()
