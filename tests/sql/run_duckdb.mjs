// Runs a batch of SQL statements in one in-memory DuckDB (npm @duckdb/node-api, 2 threads) and
// prints one JSON line per statement:
//   {"id": ..., "columns": [names in order], "rows": [{column: value}], "error": null | "message"}
// Used by tests/sql/equivalence.py; the input is a JSON file: [{"id": "...", "sql": "..."}].
//   node tests/sql/run_duckdb.mjs JOBS.json
// Values are made plain JSON: BIGINT/HUGEINT (and unsigned) become numbers while they are exact
// (else decimal strings), DECIMAL becomes a number, LIST/ARRAY arrays, STRUCT objects, TIMESTAMP
// and DATE strings. A statement that fails is reported with its error; the others still run.
import { readFileSync } from 'node:fs';
import { DuckDBInstance, DuckDBTypeId, JsonDuckDBValueConverter } from '@duckdb/node-api';

const INTEGER_TYPES = new Set([
  DuckDBTypeId.BIGINT, DuckDBTypeId.UBIGINT, DuckDBTypeId.HUGEINT, DuckDBTypeId.UHUGEINT,
]);

function plainInteger(value) {
  const big = BigInt(value);
  const n = Number(big);
  return Number.isSafeInteger(n) && BigInt(n) === big ? n : big.toString();
}

// A converter over JSON's own: the integer and decimal types as numbers; it is handed down to the
// nested values (lists, structs), so a LIST of BIGINT becomes an array of numbers too.
function plain(value, type, converter) {
  if (value === null || value === undefined) return null;
  if (INTEGER_TYPES.has(type.typeId)) return plainInteger(value);
  if (type.typeId === DuckDBTypeId.DECIMAL) return value.toDouble();
  return JsonDuckDBValueConverter(value, type, converter);
}

async function runOne(connection, job) {
  try {
    const reader = await connection.runAndReadAll(job.sql);
    const columns = reader.columnNames();
    const rows = reader.convertRows(plain).map((values) => {
      const row = {};
      columns.forEach((name, i) => { row[name] = values[i]; });
      return row;
    });
    return { id: job.id, columns, rows, error: null };
  } catch (e) {
    return { id: job.id, columns: [], rows: [], error: String(e && e.message ? e.message : e) };
  }
}

async function main() {
  if (process.argv.length !== 3) {
    console.error('usage: node run_duckdb.mjs JOBS.json   (JOBS.json: [{"id": "...", "sql": "..."}])');
    process.exit(2);
  }
  const jobs = JSON.parse(readFileSync(process.argv[2], 'utf8'));
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  for (const job of jobs) {
    process.stdout.write(JSON.stringify(await runOne(connection, job)) + '\n');
  }
}

await main();
