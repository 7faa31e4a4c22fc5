// Writes the corpus of broken and edge-case files in e2e/data/corpus/ and its manifest (what
// must happen for each). Seeded: two runs give byte-identical files. See e2e/data/corpus/README.md.
import { CompressionType, compressionRegistry, tableToIPC } from 'apache-arrow';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lz4Frame, zstdFrame } from './corpus/codecs.mjs';
import { baseFiles, damaged } from './corpus/damaged.mjs';
import { edges } from './corpus/edges.mjs';
import { formats } from './corpus/formats.mjs';
import { messages } from './corpus/ipc.mjs';
import { mulberry32 } from './corpus/tables.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DATA = join(ROOT, 'e2e', 'data');
const OUT = join(DATA, 'corpus');
const MAX_TOTAL = 1.5 * 2 ** 20;

/**
 * apache-arrow 21.2 writes each compressed buffer's prefix as the *compressed* length (the format
 * says uncompressed, and pyarrow/polars write that). Record what each encode call was given and
 * put the real lengths back, so the files look like real producers' output.
 */
const encoded = [];
function compressed(t, type) {
  const frame = type === CompressionType.LZ4_FRAME ? lz4Frame : zstdFrame;
  compressionRegistry.set(type, {
    encode: (data) => {
      const out = frame(data);
      encoded.push(out.length < data.length ? data.length : -1);
      return out;
    },
  });
  encoded.length = 0;
  const b = Buffer.from(tableToIPC(t, 'stream', type));
  const lengths = encoded.filter((n) => n >= 0);
  for (const m of messages(b, 0)) {
    if (!m.buffers) continue;
    for (let k = 0; k < m.buffers.length; k++) {
      const offset = Number(b.readBigInt64LE(m.buffers.start + 16 * k));
      const len = Number(b.readBigInt64LE(m.buffers.start + 16 * k + 8));
      if (len < 8 || b.readBigInt64LE(m.bodyStart + offset) === -1n) continue;
      b.writeBigInt64LE(BigInt(lengths.shift()), m.bodyStart + offset);
    }
  }
  if (lengths.length) throw new Error(`${lengths.length} compressed buffers not found`);
  return b;
}

// Start clean, but keep the hand-written README.
const KEEP = new Set(['README.md', 'manifest.json']);
mkdirSync(OUT, { recursive: true });
for (const f of readdirSync(OUT)) if (!KEEP.has(f)) rmSync(join(OUT, f));
const cases = [];
const written = new Map();
function write(name, bytes) {
  if (written.has(name)) throw new Error(`${name} written twice`);
  writeFileSync(join(OUT, name), bytes);
  written.set(name, bytes.length);
}
const base = baseFiles(compressed);
const ctx = {
  rng: mulberry32(20250101),
  base,
  parquet: readFileSync(join(ROOT, 'node_modules/vega-datasets/data/flights-3m.parquet')),
  save(name, bytes, expectation) {
    write(name, bytes);
    cases.push({ file: name, ...expectation });
  },
  copy(name, expectation) {
    ctx.save(name, readFileSync(join(DATA, name)), expectation);
  },
  /** A set opened together; null bytes: a file written by another case. */
  saveSet(files, expectation) {
    for (const [name, bytes] of Object.entries(files)) if (bytes) write(name, bytes);
    cases.push({ files: Object.keys(files), ...expectation });
  },
};
const rows40 = { expect: 'open', rows: 40, metrics: { v1: { accuracy: 0.75, evaluated: 40 } } };
ctx.save('base.arrow', base.file, { ...rows40, note: 'the intact base: 40 rows, 3 classes' });
ctx.save('base.arrows', base.stream, { ...rows40, note: 'the intact base, stream format' });
ctx.save('base-lz4.arrows', base.lz4Stream, { ...rows40, note: 'the intact base, LZ4 frames' });
ctx.save('base-zstd.arrows', base.zstdStream, {
  ...rows40,
  note: 'the base + an all-zero column, ZSTD',
});
damaged(ctx);
edges(ctx);
formats(ctx);

for (const f of readdirSync(OUT)) {
  if (!written.has(f) && !KEEP.has(f)) throw new Error(`stray file ${f}`);
}
const total = [...written.values()].reduce((a, b) => a + b, 0);
if (total > MAX_TOTAL) throw new Error(`corpus is ${total} bytes (> ${MAX_TOTAL})`);
const manifest = {
  generatedBy: 'scripts/make-corpus.mjs (npm run corpus:build)',
  about:
    'For each case: expect "error" (reason: a regular expression the message must match) or ' +
    '"open" (rows, and optionally metrics per version: a number, null = null or NaN, "NaN", ' +
    '"Infinity"; warnings: a regular expression one warning must match; report; skipped).',
  cases,
};
writeFileSync(join(OUT, 'manifest.json'), JSON.stringify(manifest, null, 1) + '\n');
console.log(`${cases.length} cases, ${written.size} files, ${total} bytes`);
