// The flights demo (30,000 real flights, binary label, two score columns) tiled to the bench
// sizes, for the interaction bench (issue 15: "the flights set at 1M rows"). Every copy keeps the
// rows' values (so metrics equal the demo's and scores have many ties, as real data does) and
// gets its own ids. Written once to bench/data/flights_<size>.arrow (gitignored).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  RecordBatch,
  Struct,
  Table,
  makeData,
  tableFromIPC,
  tableToIPC,
  vectorFromArray,
} from 'apache-arrow';
import { DATA, ROOT } from '../config.mjs';

export const FLIGHT_SIZES = { '100k': 100_000, '1m': 1_000_000 };

export function flightsFile(size) {
  return join(DATA, `flights_${size}.arrow`);
}

/** Writes bench/data/flights_<size>.arrow unless it exists; returns its path. */
export function tileFlights(size) {
  const out = flightsFile(size);
  if (existsSync(out)) return out;
  mkdirSync(DATA, { recursive: true });
  const src = tableFromIPC(readFileSync(join(ROOT, 'public/demo/flights.arrow')));
  const n = FLIGHT_SIZES[size];
  const batches = [];
  for (let start = 0; start < n; start += src.numRows) {
    const len = Math.min(src.numRows, n - start);
    const part = src.slice(0, len);
    const copy = start / src.numRows;
    const children = src.schema.fields.map((f) => {
      if (f.name !== 'id') return part.getChild(f.name).data[0];
      const ids = vectorFromArray(
        Array.from({ length: len }, (_, i) => `flight-${String(i).padStart(6, '0')}-${copy}`),
        f.type,
      );
      return ids.data[0];
    });
    const data = makeData({ type: new Struct(src.schema.fields), length: len, children });
    batches.push(new RecordBatch(src.schema, data));
  }
  writeFileSync(out, tableToIPC(new Table(src.schema, batches), 'file'));
  return out;
}
