// Writes the test fixtures in e2e/data/ (see e2e/data/README.md). Deterministic: one seeded PRNG.
// Real producers on purpose: nodejs-polars writes what users' polars writes (string_view,
// large_list, LZ4 frames with block checksums); apache-arrow's writer covers what polars can't.
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  Decimal,
  Dictionary,
  Field,
  Float64,
  Int8,
  Int16,
  Int32,
  Struct,
  Table,
  TimeUnit,
  Timestamp,
  Uint32,
  Utf8,
  makeData,
  makeVector,
  tableFromIPC,
  tableToIPC,
  vectorFromArray,
} from 'apache-arrow';

// nodejs-polars loads a native binary from an optional dependency that declares node >= 22;
// npm leaves it out on older Node, so say how to get it instead of a bare module error.
const pl = await import('nodejs-polars').then(
  (m) => m.default,
  (e) => {
    console.error(`Cannot load nodejs-polars (${e.message}).`);
    console.error('Install its binary: npm install --no-save nodejs-polars-linux-x64-gnu@0.25.2');
    process.exit(1);
  },
);

const MAGIC_LZ4 = Buffer.from([0x04, 0x22, 0x4d, 0x18]);
const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'e2e', 'data');
mkdirSync(OUT, { recursive: true });

// mulberry32: tiny seeded PRNG so every run writes byte-identical files.
let seed = 20240607;
function rand() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const randInt = (n) => Math.floor(rand() * n);
const pick = (xs) => xs[randInt(xs.length)];
const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
const round = (x, d = 3) => Math.round(x * 10 ** d) / 10 ** d;
const range = (n) => Array.from({ length: n }, (_, i) => i);
function shuffled(xs) {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = randInt(i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

const written = [];
function save(name, bytes) {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length > 200 * 1024) throw new Error(`${name} is ${buf.length} bytes (> 200 KB)`);
  writeFileSync(join(OUT, name), buf);
  written.push(`${name.padEnd(20)} ${String(buf.length).padStart(7)} B`);
  return buf;
}
const schemaOf = (bytes) =>
  tableFromIPC(bytes)
    .schema.fields.map((f) => `${f.name}: ${f.type}`)
    .join(', ');

/** A polars DataFrame from { name: [dtype, values, castTo?] }, columns in key order. */
function frame(cols) {
  return pl.DataFrame(
    Object.entries(cols).map(([name, [dtype, values, castTo]]) => {
      const s = pl.Series(name, values, dtype);
      return castTo ? s.cast(castTo) : s;
    }),
  );
}
const gen = (n, f) => range(n).map(f);

const COUNTRIES = ['US', 'FR', 'DE', 'JP', 'BR'];
const SEGMENTS = ['new', 'returning', 'vip', 'churn-risk'];

/** A prediction right with probability `acc`, else a random other class. */
const predict = (label, acc, k) => (rand() < acc ? label : (label + 1 + randInt(k - 1)) % k);

/** Three probabilities summing to 1 whose argmax is `pred`. */
function probsFor(pred) {
  const top = round(0.5 + 0.45 * rand()); // > 0.5, so it beats the other two
  const a = round((1 - top) * rand() * 0.99);
  const p = [a, round(1 - top - a)];
  p.splice(pred, 0, top);
  return p;
}

/** Score in [0,1] that leans towards the label; `noise` sets how well it separates. */
const scoreFor = (label, noise) =>
  round(1 / (1 + Math.exp(-((label ? 1.5 : -1.5) + noise * normal()))), 4);

// ---------- 1-3: wide ----------
const N = 500;
const wideLabels = gen(N, () => randInt(3));
const predV1 = wideLabels.map((l) => predict(l, 0.7, 3));
const predV2 = wideLabels.map((l) => predict(l, 0.8, 3));
const SIGNUP0 = Date.UTC(2023, 0, 1);
const wideCols = {
  // Ids above 2^53 (2^53 + 1 + i): polars reads JS numbers as f64 and BigInts as UInt64, so
  // exact Int64 values come from parsing strings.
  id: [pl.Utf8, gen(N, (i) => (9007199254740993n + BigInt(i)).toString()), pl.Int64],
  label: [pl.Int32, wideLabels],
  age: [pl.Float64, gen(N, (i) => (i % 23 === 5 ? null : round(18 + 60 * rand(), 1)))],
  country: [pl.Categorical, gen(N, () => pick(COUNTRIES))],
  segment: [pl.Utf8, gen(N, () => pick(SEGMENTS))],
  is_member: [pl.Bool, gen(N, () => rand() < 0.4)],
  signup: [
    pl.Float64,
    gen(N, () => SIGNUP0 + randInt(700) * 86400000 + randInt(86400) * 1000),
    pl.Datetime('ms'),
  ],
  pred_v1: [pl.Int32, predV1],
  pred_v2: [pl.Int32, predV2],
  probs_v1: [pl.List(pl.Float32), predV1.map(probsFor)],
  probs_v2: [pl.List(pl.Float32), predV2.map(probsFor)],
  embedding: [pl.FixedSizeList(pl.Float32, 8), gen(N, () => gen(8, () => round(normal())))],
};
const wide = frame(wideCols);
const wideBytes = save('wide.arrow', wide.writeIPC({ compression: 'uncompressed' }));
const lz4Bytes = save('wide-lz4.arrow', wide.writeIPC({ compression: 'lz4' }));
save('wide-zstd.arrow', wide.writeIPC({ compression: 'zstd' }));
const wideStream = save('wide.arrows', wide.writeIPCStream({ compression: 'uncompressed' }));
const notes = [
  `wide.arrow schema: ${schemaOf(wideBytes)}`,
  `wide.arrows schema: ${schemaOf(wideStream)}`,
];

// ---------- 4: per-version files, binary task ----------
const featIds = gen(300, (i) => 1000 + i);
const binLabels = featIds.map(() => (rand() < 0.4 ? 1 : 0));
save(
  'features.arrow',
  frame({
    id: [pl.Int64, featIds],
    label: [pl.Int32, binLabels],
    age: [pl.Float64, featIds.map(() => round(18 + 60 * rand(), 1))],
    country: [pl.Categorical, featIds.map(() => pick(COUNTRIES))],
    segment: [pl.Utf8, featIds.map(() => pick(SEGMENTS))],
  }).writeIPC(),
);
const predsFrame = (rows) =>
  frame({
    id: [pl.Int64, rows.map((r) => r.id)],
    pred: [pl.Int32, rows.map((r) => (r.score >= 0.5 ? 1 : 0))],
    score: [pl.Float64, rows.map((r) => r.score)],
  });
const v1Rows = featIds.map((id, i) => ({ id, score: scoreFor(binLabels[i], 2.2) }));
v1Rows.push(...[99001, 99002, 99003].map((id) => ({ id, score: round(rand(), 4) })));
save('preds_v1.arrow', predsFrame(shuffled(v1Rows)).writeIPC());
const missing = new Set([1003, 1050, 1100, 1201, 1299]);
const v2Rows = featIds
  .map((id, i) => ({ id, score: scoreFor(binLabels[i], 1.6) }))
  .filter((r) => !missing.has(r.id));
v2Rows.push({ id: 1010, score: 0.91 }, { id: 1020, score: 0.07 }); // duplicates, other scores
save('preds_v2.arrow', predsFrame(shuffled(v2Rows)).writeIPC());

// ---------- 5: long log + labels (regression) ----------
const longIds = gen(200, (i) => 5000 + i);
const targets = longIds.map(() => round(50 + 15 * normal(), 2));
const logRows = shuffled(
  longIds.flatMap((id, i) => [
    { id, v: 'v1', p: round(targets[i] + 6 * normal(), 2) },
    { id, v: 'v2', p: round(targets[i] + 3 * normal(), 2) },
  ]),
);
const logCols = {
  id: [pl.Int64, logRows.map((r) => r.id)],
  model_version: [pl.Utf8, logRows.map((r) => r.v)],
  prediction: [pl.Float64, logRows.map((r) => r.p)],
};
save('long-log.arrow', frame(logCols).writeIPC());
const labelCols = {
  id: [pl.Int64, longIds],
  target: [pl.Float64, targets],
  region: [pl.Utf8, longIds.map(() => pick(['north', 'south', 'east', 'west']))],
};
save('long-labels.arrow', frame(labelCols).writeIPC());

// ---------- 6: polars defaults (string_view, large_list) ----------
const ANIMALS = ['cat', 'dog', 'bird'];
const svLabels = gen(100, () => randInt(3));
const svCols = {
  id: [pl.Int64, range(100)],
  label: [pl.Utf8, svLabels.map((l) => ANIMALS[l])],
  pred_a: [pl.Utf8, svLabels.map((l) => ANIMALS[predict(l, 0.75, 3)])],
  pred_b: [pl.Utf8, svLabels.map((l) => ANIMALS[predict(l, 0.85, 3)])],
  tags: [pl.List(pl.Utf8), gen(100, () => gen(randInt(3), () => pick(['indoor', 'blurry'])))],
};
const svBytes = save('string-view.arrow', frame(svCols).writeIPC());
notes.push(`string-view.arrow schema: ${schemaOf(svBytes)}`);

// ---------- 7: dictionary index widths, decimal, timestamp (arrow-js writer) ----------
const ND = 50;
const dictCol = (values, indexType) =>
  vectorFromArray(
    gen(ND, () => pick(values)),
    new Dictionary(new Utf8(), indexType),
  );
// Decimal128 values are 4 little-endian u32 words each; amounts are >= 0 and < 10000.00.
const amounts = new Uint32Array(ND * 4);
for (let i = 0; i < ND; i++) amounts[i * 4] = randInt(1_000_000);
const micros = BigInt64Array.from(
  range(ND),
  (i) => BigInt(Date.UTC(2024, 0, 1)) * 1000n + BigInt(i) * 3_600_000_123n,
);
const dictTable = new Table({
  id: makeVector(BigInt64Array.from(range(ND), BigInt)),
  label: makeVector(Int32Array.from(range(ND), () => randInt(2))),
  color_i8: dictCol(['red', 'green', 'blue'], new Int8()),
  size_i16: dictCol(['S', 'M', 'L', 'XL'], new Int16()),
  shape_i32: dictCol(['circle', 'square'], new Int32()),
  city_u32: dictCol(['Paris', 'Lima', 'Oslo', 'Kyiv', 'Pune'], new Uint32()),
  amount: makeVector(makeData({ type: new Decimal(2, 10, 128), length: ND, data: amounts })),
  created: makeVector(
    makeData({ type: new Timestamp(TimeUnit.MICROSECOND, 'UTC'), length: ND, data: micros }),
  ),
});
const dictBytes = save('dict-widths.arrow', tableToIPC(dictTable, 'file'));
notes.push(`dict-widths.arrow schema: ${schemaOf(dictBytes)}`);

// ---------- 8: bad and tricky inputs ----------
save(
  'not-arrow.arrow',
  Uint8Array.from(range(2048), () => randInt(256)),
);
const csvRows = gen(40, (i) => `${i},${i % 2},${(i * 7) % 2},${(i * 3) % 2},${round(rand())}`);
const csv = ['id,label,pred_v1,pred_v2,score', ...csvRows].join('\n') + '\n';
save('csv-renamed.arrow', new TextEncoder().encode(csv));
save('truncated.arrow', wideBytes.subarray(0, Math.floor(wideBytes.length * 0.6)));
const corrupt = corruptFirstMatch(Uint8Array.from(lz4Bytes));
save('corrupt-lz4.arrow', corrupt.bytes);
notes.push(`corrupt-lz4.arrow: ${corrupt.note}`);
save('empty.arrow', wide.head(0).writeIPC());

const nanLabels = gen(100, () => (rand() < 0.5 ? 1 : 0));
const nanCols = {
  id: [pl.Int64, range(100)],
  label: [pl.Int32, nanLabels],
  // Every 10th row from 3 is NaN, from 7 is null: both must be told apart from real scores.
  score_v1: [
    pl.Float64,
    nanLabels.map((l, i) => (i % 10 === 3 ? NaN : i % 10 === 7 ? null : scoreFor(l, 2))),
  ],
  score_v2: [pl.Float64, nanLabels.map((l) => scoreFor(l, 1.5))],
};
save('nan-scores.arrow', frame(nanCols).writeIPC());

const IMG = '<img src=x onerror="window.__pwned=1">';
const SCRIPT = '<script>window.__pwned=1</script>';
const HTML = ['cat', IMG, SCRIPT];
const htmlLabels = gen(60, () => randInt(3));
const htmlCols = {
  id: [pl.Int64, range(60)],
  label: [pl.Utf8, htmlLabels.map((l) => HTML[l])],
  pred_v1: [pl.Utf8, htmlLabels.map((l) => HTML[predict(l, 0.7, 3)])],
  pred_v2: [pl.Utf8, htmlLabels.map((l) => HTML[predict(l, 0.8, 3)])],
  [IMG]: [pl.Utf8, gen(60, (i) => (i % 2 ? SCRIPT : IMG))],
  [SCRIPT]: [pl.Categorical, gen(60, (i) => HTML[i % 3])],
};
save('html.arrow', frame(htmlCols).writeIPC());

// Rows 100..109 reuse the ids of rows 0..9.
const dupIds = wideCols.id[1].map((id, i) => (i >= 100 && i < 110 ? wideCols.id[1][i - 100] : id));
save('dup-ids.arrow', frame({ ...wideCols, id: [pl.Utf8, dupIds, pl.Int64] }).writeIPC());

// ListView (25) and RunEndEncoded (22): no JS writer has them, so write a placeholder column of
// a type with the same table shape (List: one child; Struct<run_ends, values>: two children)
// and patch the field's type union byte in the schema (footer and any schema message).
// Only the schema changes: the body still holds the placeholder's buffers.
const small = range(20);
const placeholder = new Table({
  id: makeVector(BigInt64Array.from(small, BigInt)),
  label: makeVector(Int32Array.from(small, (i) => i % 2)),
  pred_v1: makeVector(Int32Array.from(small, (i) => (i % 3) % 2)),
  pred_v2: makeVector(Int32Array.from(small, (i) => (i % 5) % 2)),
  probs: vectorFromArray(small.map((i) => [i / 20, 1 - i / 20])),
  region: vectorFromArray(
    small.map((i) => ({ run_ends: i + 1, values: i / 2 })),
    new Struct([new Field('run_ends', new Int32()), new Field('values', new Float64())]),
  ),
});
save('list-view.arrow', patchFieldType(tableToIPC(placeholder, 'file'), 'probs', 25));
save('run-end.arrow', patchFieldType(tableToIPC(placeholder, 'file'), 'region', 22));

console.log(written.join('\n'));
console.log(notes.join('\n'));

// ---------- helpers: minimal flatbuffer and LZ4 frame walking ----------

/** Field positions of a flatbuffer table; 0 when the field is absent. */
function fbTable(b, pos) {
  const vt = pos - b.readInt32LE(pos);
  const vtLen = b.readUInt16LE(vt);
  return (i) => {
    const o = 4 + 2 * i < vtLen ? b.readUInt16LE(vt + 4 + 2 * i) : 0;
    return o ? pos + o : 0;
  };
}
function fbDeref(b, p) {
  return p + b.readUInt32LE(p);
}
function fbVector(b, p) {
  const start = fbDeref(b, p);
  return range(b.readUInt32LE(start)).map((i) => fbDeref(b, start + 4 + 4 * i));
}
function fbString(b, p) {
  const s = fbDeref(b, p);
  return b.toString('utf8', s + 4, s + 4 + b.readUInt32LE(s));
}

/** IPC messages after 'ARROW1\0\0': 0xFFFFFFFF, int32 metadata length, Message, body. */
function* messages(b, end = b.length) {
  for (let at = 8; at + 8 <= end && b.readInt32LE(at) === -1 && b.readInt32LE(at + 4) > 0;) {
    const msg = fbTable(b, fbDeref(b, at + 8));
    const bodyStart = at + 8 + b.readInt32LE(at + 4);
    const bodyEnd = bodyStart + Number(msg(3) ? b.readBigInt64LE(msg(3)) : 0n);
    // type: 1 Schema, 2 DictionaryBatch, 3 RecordBatch
    yield { type: b[msg(1)], header: fbDeref(b, msg(2)), bodyStart, bodyEnd };
    at = bodyEnd;
  }
}

/** Sets Field.type_type (field 2) of the top-level field `name` in a Schema table. */
function patchSchema(b, schemaPos, name, typeId) {
  for (const fieldPos of fbVector(b, fbTable(b, schemaPos)(1))) {
    const field = fbTable(b, fieldPos);
    if (fbString(b, field(0)) !== name) continue;
    b.writeUInt8(typeId, field(2));
    return 1;
  }
  return 0;
}

/** Patches the type of column `name` in an IPC file's footer and any schema message. */
function patchFieldType(bytes, name, typeId) {
  const b = Buffer.from(bytes); // copy
  // Footer flatbuffer sits before its int32 length and the trailing 'ARROW1'.
  const footer = b.length - 10 - b.readInt32LE(b.length - 10);
  let patched = patchSchema(b, fbDeref(b, fbTable(b, fbDeref(b, footer))(1)), name, typeId);
  // arrow-js writes no schema message in files (the footer has it), but other writers do.
  for (const m of messages(b, footer)) {
    if (m.type === 1) patched += patchSchema(b, m.header, name, typeId);
  }
  if (patched === 0) throw new Error(`no field ${name} to patch`);
  try {
    tableFromIPC(b);
    throw new Error(`arrow-js still reads the patched ${name}`);
  } catch (e) {
    if (!/Unrecognized type/.test(e.message)) throw e;
  }
  return b;
}

/**
 * Finds the first LZ4 frame in a record batch body whose first block is compressed and contains a match, and sets
 * that match's offset to 0xFFFF: more than the bytes decoded so far, so a decoder must throw.
 */
function corruptFirstMatch(bytes) {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const batch = [...messages(b)].find((m) => m.type === 3);
  for (let at = b.indexOf(MAGIC_LZ4, batch.bodyStart); at >= 0; at = b.indexOf(MAGIC_LZ4, at + 4)) {
    const flg = b[at + 4];
    let pos = at + 6 + (flg & 0x08 ? 8 : 0) + (flg & 0x01 ? 4 : 0) + 1;
    const word = b.readUInt32LE(pos);
    if (word === 0 || word >= 0x80000000) continue;
    pos += 4;
    const blockEnd = pos + word;
    const token = b[pos++];
    let lit = token >>> 4;
    if (lit === 15) {
      let x;
      do lit += x = b[pos++];
      while (x === 255);
    }
    pos += lit;
    if (pos + 2 > blockEnd || lit >= 0xffff) continue; // literals-only block
    b.writeUInt16LE(0xffff, pos);
    return {
      bytes: b,
      note: `LZ4 frame at byte ${at} (record batch body ${batch.bodyStart}..${batch.bodyEnd}): first match offset (byte ${pos}) set to 0xFFFF after ${lit} literal bytes`,
    };
  }
  throw new Error('no LZ4 frame with a match found');
}
