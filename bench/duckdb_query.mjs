// Runs one SQL file with DuckDB (npm @duckdb/node-api) and prints the result rows as JSON lines,
// one object per row with the column names as keys; on stderr, the query's own time. Used by bench/run.py.
//   node bench/duckdb_query.mjs QUERY.sql [--threads N]
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const args = process.argv.slice(2);
let threads = null;
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--threads') threads = args[++i];
  else files.push(args[i]);
}
if (files.length !== 1) {
  console.error('usage: node duckdb_query.mjs QUERY.sql [--threads N]');
  process.exit(2);
}
const sql = readFileSync(files[0], 'utf8');
const options = threads ? { threads: String(threads) } : {};
const instance = await DuckDBInstance.create(':memory:', options);
const con = await instance.connect();
const t0 = process.hrtime.bigint();
const reader = await con.runAndReadAll(sql);
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
const names = reader.columnNames();
const plain = (v) => {
  if (typeof v === 'bigint') return Number(v);
  if (v === null || v === undefined) return null;
  if (typeof v === 'object' && typeof v.toString === 'function' && !Array.isArray(v)) return v.toString();
  return v;
};
const out = [];
for (const row of reader.getRows()) {
  const o = {};
  names.forEach((n, i) => { o[n] = plain(row[i]); });
  out.push(JSON.stringify(o));
}
process.stdout.write(out.length ? out.join('\n') + '\n' : '');
// The query's own time (without starting Node and loading DuckDB), for bench/run.py.
process.stderr.write(`duckdb_query_seconds ${seconds.toFixed(6)}\n`);
