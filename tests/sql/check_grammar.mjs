// Parses SQL statements with dt-sql-parser's grammars and prints one JSON line per statement:
//   {"id": ..., "ok": true|false, "errors": [{"startLine", "startColumn", "endLine", "endColumn", "message"}]}
// The input is a JSON file: [{"id": "...", "dialect": "trino"|"athena"|"spark", "sql": "..."}]
// (athena is checked with the Trino grammar: Athena's engine 3 is Trino). dt-sql-parser cannot be
// imported by Node directly (ERR_UNSUPPORTED_DIR_IMPORT), so this file is bundled first:
//   npx esbuild check_grammar.mjs --bundle --platform=node --outfile=CACHE/check_grammar.cjs
//   node CACHE/check_grammar.cjs JOBS.json
// tests/sql/equivalence.py does that on demand.
import { readFileSync } from 'node:fs';
import { TrinoSQL, SparkSQL } from 'dt-sql-parser';

const parsers = { trino: new TrinoSQL(), athena: null, spark: new SparkSQL() };
parsers.athena = parsers.trino;

function check(job) {
  const parser = parsers[job.dialect];
  if (!parser) {
    return { id: job.id, ok: false, errors: [{ message: `unknown dialect: ${job.dialect}` }] };
  }
  try {
    const errors = parser.validate(job.sql).map((e) => ({
      startLine: e.startLine, startColumn: e.startColumn, endLine: e.endLine, endColumn: e.endColumn,
      message: e.message,
    }));
    return { id: job.id, ok: errors.length === 0, errors };
  } catch (e) {
    return { id: job.id, ok: false, errors: [{ message: `parser crashed: ${e && e.message ? e.message : e}` }] };
  }
}

if (process.argv.length !== 3) {
  console.error('usage: node check_grammar.cjs JOBS.json   (JOBS.json: [{"id", "dialect", "sql"}])');
  process.exit(2);
}
for (const job of JSON.parse(readFileSync(process.argv[2], 'utf8'))) {
  process.stdout.write(JSON.stringify(check(job)) + '\n');
}
