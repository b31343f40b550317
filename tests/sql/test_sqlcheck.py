"""Unit tests of tests/sql/sqlcheck.py (normalisation, comparison, diffs, case loading).
    python3 -m unittest discover -s tests/sql -p 'test_*.py'
"""
import gzip
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sqlcheck  # noqa: E402
from sqlcheck import compare_results, normalize_row, normalize_value, same_value  # noqa: E402


class ValueTest(unittest.TestCase):
    def test_single_element_array_is_its_element(self):
        self.assertTrue(same_value(normalize_value(["a"]), normalize_value("a")))
        self.assertTrue(same_value(normalize_value([5]), normalize_value("5")))

    def test_numbers_and_numeric_strings(self):
        for a, b in [(5, "5.0"), ("5", 5.0), (5, 5.0), ("1e3", 1000), ("-0.5", -0.5), (1693080000, "1693080000")]:
            self.assertTrue(same_value(normalize_value(a), normalize_value(b)), (a, b))
        self.assertFalse(same_value(normalize_value(5), normalize_value("5.1")))
        self.assertFalse(same_value(normalize_value("5"), normalize_value("five")))

    def test_relative_tolerance(self):
        self.assertTrue(same_value(normalize_value(1e12), normalize_value(1e12 + 1)))  # 1e-12 relative
        self.assertFalse(same_value(normalize_value(1.0), normalize_value(1.000001)))
        self.assertFalse(same_value(normalize_value(0), normalize_value(1e-300)))

    def test_non_numbers_are_strings(self):
        self.assertEqual(normalize_value(True), "true")
        self.assertEqual(normalize_value("nan"), "nan")          # not a number: SPL has no NaN literal
        self.assertEqual(normalize_value("1.2.3.4"), "1.2.3.4")  # an IP is not a number
        self.assertEqual(normalize_value({"b": 1, "a": 2}), '{"a":2,"b":1}')
        self.assertFalse(same_value(normalize_value("a"), normalize_value(["a", "b"])))

    def test_arrays_element_wise(self):
        self.assertTrue(same_value(normalize_value(["1", "x"]), normalize_value([1.0, "x"])))
        self.assertTrue(same_value(normalize_value([["a"], "b"]), normalize_value(["a", "b"])))
        self.assertFalse(same_value(normalize_value(["x", "1"]), normalize_value([1, "x"])))  # order matters
        self.assertFalse(same_value(normalize_value(["a", "b"]), normalize_value(["a", "b", "c"])))

    def test_no_value(self):
        self.assertIsNone(normalize_value(None))
        self.assertIsNone(normalize_value([]))
        self.assertEqual(normalize_row({"a": None, "b": [], "c": "x", "d": ""}), {"c": "x", "d": ""})


class CompareTest(unittest.TestCase):
    def test_same_rows_any_order(self):
        native = [{"eventName": "A", "count": 2}, {"eventName": "B", "count": 1}]
        sql = [{"eventName": "B", "count": "1"}, {"count": 2.0, "eventName": ["A"], "x": None}]
        self.assertTrue(compare_results(native, sql).ok)

    def test_missing_and_extra_rows_reported(self):
        native = [{"a": "1"}, {"a": "2"}, {"a": "2"}]
        sql = [{"a": 1}, {"a": 2}, {"a": 3}]
        c = compare_results(native, sql)
        self.assertFalse(c.ok)
        self.assertEqual([sqlcheck.display_row(r) for r in c.missing], ['{"a": 2}'])
        self.assertEqual([sqlcheck.display_row(r) for r in c.extra], ['{"a": 3}'])
        text = sqlcheck.format_diff(c)
        self.assertIn("native 3 rows, sql 3 rows", text)
        self.assertIn('missing from sql (1):\n  {"a": 2}', text)
        self.assertIn('extra in sql (1):\n  {"a": 3}', text)

    def test_a_missing_row(self):
        c = compare_results([{"a": "x"}, {"a": "y"}], [{"a": "x"}])
        self.assertFalse(c.ok)
        self.assertEqual(c.missing, [{"a": "y"}])
        self.assertEqual(c.extra, [])

    def test_column_sets_must_match(self):
        self.assertFalse(compare_results([{"a": 1, "b": 2}], [{"a": 1}]).ok)
        self.assertFalse(compare_results([{"a": 1}], [{"a": 1, "b": "x"}]).ok)
        self.assertTrue(compare_results([{"a": 1}], [{"a": 1, "b": None}]).ok)

    def test_multiset_counts_duplicates(self):
        self.assertFalse(compare_results([{"a": 1}, {"a": 1}], [{"a": 1}]).ok)

    def test_tolerant_pairing(self):
        self.assertTrue(compare_results([{"v": 0.1 + 0.2}, {"v": 1}], [{"v": 1}, {"v": "0.3"}]).ok)

    def test_ordered(self):
        native = [{"a": 1}, {"a": 2}]
        self.assertTrue(compare_results(native, [{"a": 2}, {"a": 1}], ordered=False).ok)
        c = compare_results(native, [{"a": 2}, {"a": 1}], ordered=True)
        self.assertFalse(c.ok)
        self.assertEqual(c.first_order_difference, 0)
        self.assertIn("different order", sqlcheck.format_diff(c, native, [{"a": 2}, {"a": 1}]))
        self.assertTrue(compare_results(native, [{"a": "1"}, {"a": 2.0}], ordered=True).ok)

    def test_diff_is_limited(self):
        c = compare_results([{"a": i} for i in range(10)], [])
        text = sqlcheck.format_diff(c, limit=2)
        self.assertIn("... 8 more", text)


class CaseTest(unittest.TestCase):
    YAML = """
cases:
  - name: plain
    input: |
      {"eventName":"A"}
    query: "`cloudtrail` | stats count"
    expect: |
      {"count":1}
  - name: with an error
    input: "{}"
    query: "| nope"
    error: "unknown command"
  - name: with a profile
    profile: none
    input: "{}"
    query: "* | stats count"
  - name: lookups
    lookups: [{path: a.csv, content: "x\\n"}]
    input: "{}"
    query: "* | lookup a x"
  - name: detection only
    detection: "name: x"
  - name: files
    files:
      - {path: AWSLogs/a.json.gz, content: '{"Records":[]}', gzip: true}
      - {path: b.json, content: '{"eventName":"B"}'}
    query: "* | stats count"
"""

    def test_skip_reasons(self):
        cases = sqlcheck.cases_from_yaml(self.YAML, "x.yml")
        self.assertEqual([c.skip for c in cases], [None, "error", "profile", "lookups", "detection", None])
        self.assertEqual(cases[0].label, "x.yml: plain")
        self.assertEqual(cases[0].query, "`cloudtrail` | stats count")

    def test_write_inputs(self):
        cases = sqlcheck.cases_from_yaml(self.YAML, "x.yml")
        with tempfile.TemporaryDirectory() as d:
            paths = sqlcheck.write_case_inputs(cases[0], os.path.join(d, "one"))
            self.assertEqual(paths, [os.path.join(d, "one", "input.json")])
            with open(paths[0]) as f:
                self.assertEqual(f.read(), '{"eventName":"A"}\n')
            paths = sqlcheck.write_case_inputs(cases[5], os.path.join(d, "two"))
            self.assertEqual(paths, [os.path.join(d, "two")])
            with gzip.open(os.path.join(d, "two", "AWSLogs", "a.json.gz"), "rt") as f:
                self.assertEqual(f.read(), '{"Records":[]}')

    def test_repository_cases_load(self):
        root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cases")
        cases = sqlcheck.load_cases(root)
        self.assertGreater(len(cases), 50)
        self.assertTrue(any(c.skip is None for c in cases))
        self.assertTrue(all(c.query for c in cases if c.skip is None))

    def test_slug(self):
        self.assertEqual(sqlcheck.slug("AWS IAM AccessDenied Discovery Events"), "aws_iam_accessdenied_discovery_events")


if __name__ == "__main__":
    unittest.main()
