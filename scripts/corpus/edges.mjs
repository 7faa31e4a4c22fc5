// Well-formed files at the edges: shapes, sizes, types, numbers that break metrics, and id joins.
import {
  Binary,
  Bool,
  DateDay,
  Decimal,
  Dictionary,
  Field,
  FixedSizeList,
  Float16,
  Float32,
  Float64,
  Int16,
  Int32,
  Int64,
  Int8,
  IntervalDayTime,
  LargeUtf8,
  List,
  Map_,
  RecordBatch,
  Schema,
  Struct,
  Table,
  TimeMillisecond,
  TimestampMicrosecond,
  TimestampSecond,
  Uint32,
  Uint8,
  Utf8,
  makeData,
  tableToIPC,
  vectorFromArray,
} from 'apache-arrow';
import { accuracy, argmax, bruteAuc, mae } from './expected.mjs';
import { float64, floats32, int32, int64, range, roles, table, utf8 } from './tables.mjs';

const file = (t) => Buffer.from(tableToIPC(t, 'file'));
const stream = (t) => Buffer.from(tableToIPC(t, 'stream'));
const num = (v) => (v === null ? null : Number.isFinite(v) ? v : String(v));
const version = (name, parts) => ({
  name,
  prediction: null,
  score: null,
  probabilities: null,
  classColumns: [],
  ...parts,
});

function shapes({ save, rng }) {
  const empty = table({ id: int64([]), label: int32([]), pred_v1: int32([]) });
  save('rows-0.arrow', file(empty), {
    expect: 'open',
    rows: 0,
    metrics: { v1: { evaluated: 0, accuracy: 'NaN' } },
    note: '0 rows (file)',
  });
  save('rows-0-schema-only.arrows', stream(empty), {
    expect: 'open',
    rows: 0,
    note: '0 rows: a stream with a schema and no record batch',
  });
  const one = table(
    { id: int64([1]), label: int32([1]), score_v1: float64([0.7]) },
    roles({ label: 'label', task: 'binary', versions: [version('v1', { score: 'score_v1' })] }),
  );
  save('rows-1.arrow', file(one), {
    expect: 'open',
    rows: 1,
    metrics: { v1: { evaluated: 1, accuracy: 1, auc: null } },
    note: '1 row, binary: accuracy 1, ROC-AUC undefined (one class)',
  });
  // 10,000 columns: 2 rows of int8, plus an id and a label.
  const wide = { id: int64([1, 2]), label: int32([0, 1]) };
  for (let i = 0; i < 9998; i++) wide[`f${i}`] = vectorFromArray([i % 7, 1], new Int8());
  save('columns-10000.arrows', stream(table(wide)), {
    expect: 'open',
    rows: 2,
    columns: 10000,
    note: '10,000 columns (stream format, 2 rows)',
  });
  // 1,000 classes: every class twice.
  const n = 2000;
  const label = range(n).map((i) => i % 1000);
  const pred = range(n).map((i) => (rng() < 0.3 ? Math.floor(rng() * 1000) : label[i]));
  save(
    'classes-1000.arrow',
    file(table({ id: int64(range(n)), label: int32(label), pred_v1: int32(pred) })),
    {
      expect: 'open',
      rows: n,
      classes: 1000,
      metrics: { v1: accuracy(label, pred) },
      note: '1,000 classes, 2,000 rows',
    },
  );
  // 1,000-wide probability vectors (float16, so the file stays small), 30 rows.
  const m = 30;
  const plabel = range(m).map((i) => (i * 37) % 1000);
  const probs = range(m).map((i) => {
    const v = range(1000).map(() => Math.round(rng() * 100) / 1e6);
    v[i % 3 === 0 ? (plabel[i] + 1) % 1000 : plabel[i]] = 0.5;
    return v;
  });
  const probsVec = vectorFromArray(
    probs,
    new FixedSizeList(1000, new Field('item', new Float16(), true)),
  );
  // Float16 rounding can move the argmax: compute it from what float16 stores.
  const stored = range(m).map((i) => Array.from(probsVec.get(i).toArray(), Number));
  save(
    'classes-1000-probs.arrow',
    file(table({ id: int64(range(m)), label: int32(plabel), probs_v1: probsVec })),
    {
      expect: 'open',
      rows: m,
      classes: 1000,
      metrics: { v1: accuracy(plabel, stored.map(argmax)) },
      warnings: 'do not sum to 1',
      note: '30 rows of float16 probability vectors over 1,000 classes (the labels use 30 of them); rows do not sum to 1',
    },
  );
  const batches = range(50).map((b) =>
    table({ id: int64([2 * b, 2 * b + 1]), label: int32([0, 1]), pred_v1: int32([0, b % 2]) }),
  );
  const many = batches[0].concat(...batches.slice(1));
  save('batches-50.arrow', file(many), {
    expect: 'open',
    rows: 100,
    metrics: { v1: { evaluated: 100, accuracy: 0.75 } },
    note: '50 record batches of 2 rows',
  });
}

function types({ save, copy }) {
  copy('list-view.arrow', {
    expect: 'error',
    reason: 'ListView',
    note: 'copy of e2e/data/list-view.arrow: unsupported type ListView',
  });
  copy('run-end.arrow', {
    expect: 'error',
    reason: 'run-end encoded',
    note: 'copy of e2e/data/run-end.arrow: unsupported type RunEndEncoded',
  });
  const n = 20;
  const nulls = range(n).map(() => null);
  const typed = {
    int8: new Int8(),
    int16: new Int16(),
    int32: new Int32(),
    int64: new Int64(),
    uint8: new Uint8(),
    uint32: new Uint32(),
    float16: new Float16(),
    float32: new Float32(),
    float64: new Float64(),
    decimal: new Decimal(2, 10, 128),
    bool: new Bool(),
    utf8: new Utf8(),
    large_utf8: new LargeUtf8(),
    dictionary: new Dictionary(new Utf8(), new Int8()),
    date: new DateDay(),
    timestamp: new TimestampMicrosecond('UTC'),
    time: new TimeMillisecond(),
    list: new List(new Field('item', new Float32(), true)),
    fixed_list: new FixedSizeList(4, new Field('item', new Float32(), true)),
    binary: new Binary(),
    struct: new Struct([new Field('a', new Int32(), true)]),
  };
  const cols = {
    id: int64(range(n)),
    label: vectorFromArray(nulls, new Int32()),
    pred_v1: vectorFromArray(nulls, new Int32()),
    score_v1: vectorFromArray(nulls, new Float64()),
  };
  for (const [name, type] of Object.entries(typed))
    cols[`null_${name}`] = vectorFromArray(nulls, type);
  save(
    'all-null.arrow',
    file(
      table(
        cols,
        roles({
          label: 'label',
          task: 'binary',
          versions: [version('v1', { prediction: 'pred_v1', score: 'score_v1' })],
        }),
      ),
    ),
    {
      expect: 'open',
      rows: n,
      metrics: { v1: { evaluated: 0, accuracy: 'NaN', auc: null } },
      note: 'label, prediction, score and a column of every readable type, all null',
    },
  );
  const odd = {
    id: int64(range(4)),
    label: int32([0, 1, 0, 1]),
    pred_v1: int32([0, 1, 1, 1]),
    struct: vectorFromArray(
      range(4).map((i) => ({ a: i })),
      new Struct([new Field('a', new Int32())]),
    ),
    map: vectorFromArray(
      range(4).map((i) => new Map([[`k${i}`, i]])),
      new Map_(
        new Field(
          'entries',
          new Struct([new Field('key', new Utf8(), false), new Field('value', new Int32())]),
        ),
      ),
    ),
    binary: vectorFromArray(
      range(4).map((i) => Uint8Array.of(i, 255)),
      new Binary(),
    ),
    interval: vectorFromArray(
      range(4).map((i) => Int32Array.of(i, 0)),
      new IntervalDayTime(),
    ),
  };
  // Arrow allows repeated and empty column names; the app needs one name per column.
  const named = table({
    id: int64(range(4)),
    label: int32([0, 1, 0, 1]),
    pred_v1: int32([0, 1, 1, 1]),
  });
  const dupFields = [
    ...named.schema.fields,
    new Field('x', new Int32()),
    new Field('x', new Int32()),
    new Field('', new Int32()),
  ];
  const dupData = [
    ...named.batches[0].data.children,
    ...[1, 2, 3].map((k) => int32(range(4).map((i) => i * k)).data[0]),
  ];
  const dupSchema = new Schema(dupFields);
  const dupTable = new Table(dupSchema, [
    new RecordBatch(
      dupSchema,
      makeData({ type: new Struct(dupFields), length: 4, children: dupData }),
    ),
  ]);
  save('names-repeated-and-empty.arrow', file(dupTable), {
    expect: 'open',
    rows: 4,
    columnNames: ['id', 'label', 'pred_v1', 'x', 'x (2)', 'null'],
    note: 'two columns named "x" (the second becomes "x (2)") and one named "" (arrow-js 21.2 reads that as "null")',
  });
  const far = vectorFromArray([1e15, -1e15, 0, null], new TimestampSecond());
  save(
    'timestamps-out-of-range.arrow',
    file(table({ id: int64(range(4)), label: int32([0, 1, 0, 1]), when: far })),
    {
      expect: 'open',
      rows: 4,
      note: 'timestamps of ±1e15 s (±3e7 years): valid Arrow, beyond what a JS Date holds',
    },
  );
  save('types-skipped.arrow', file(table(odd)), {
    expect: 'open',
    rows: 4,
    skipped: ['struct', 'map', 'interval'],
    metrics: { v1: { evaluated: 4, accuracy: 0.75 } },
    note: 'struct, map and interval columns are skipped with a note (binary opens as an image column); the rest opens',
  });
}

function numbers({ save, rng }) {
  const n = 40;
  const label = range(n).map((i) => (i % 2 === 0 ? 1 : 0));
  const s1 = label.map((l) => (l ? 0.4 + 0.6 * rng() : 0.6 * rng()));
  [0, 6, 12].forEach((i) => (s1[i] = Infinity)); // positives
  [1, 7].forEach((i) => (s1[i] = -Infinity)); // negatives
  s1[3] = Infinity; // a negative at +Inf
  s1[4] = -Infinity; // a positive at -Inf
  [9, 10].forEach((i) => (s1[i] = NaN));
  const s2 = label.map((l) => (l ? 0.3 + 0.7 * rng() : 0.7 * rng()));
  const binaryRoles = roles({
    label: 'label',
    task: 'binary',
    versions: [version('v1', { score: 'score_v1' }), version('v2', { score: 'score_v2' })],
  });
  const thresholded = (s) => s.map((v) => (Number.isNaN(v) ? null : v >= 0.5 ? 1 : 0));
  save(
    'scores-inf-nan.arrow',
    file(
      table(
        { id: int64(range(n)), label: int32(label), score_v1: float64(s1), score_v2: float64(s2) },
        binaryRoles,
      ),
    ),
    {
      expect: 'open',
      rows: n,
      metrics: {
        v1: { auc: bruteAuc(label, s1), ...accuracy(label, thresholded(s1)) },
        v2: { auc: bruteAuc(label, s2), ...accuracy(label, thresholded(s2)) },
      },
      warnings: 'v1: scores range from -Infinity to Infinity',
      note: '+Inf, -Inf and NaN scores: AUC ranks them (NaN skipped), a warning says they are not probabilities',
    },
  );
  const big = label.map((l, i) => (l ? 1e308 : -1e308) * (i % 5 === 0 ? -1 : 1));
  big[2] = 5e-324;
  save(
    'scores-extreme.arrow',
    file(
      table(
        { id: int64(range(n)), label: int32(label), score_v1: float64(big) },
        roles({ label: 'label', task: 'binary', versions: [version('v1', { score: 'score_v1' })] }),
      ),
    ),
    {
      expect: 'open',
      rows: n,
      metrics: { v1: { auc: bruteAuc(label, big) } },
      warnings: 'outside \\[0, 1\\]',
      note: 'scores of ±1e308 and 5e-324',
    },
  );
  const constant = label.map(() => 0.5);
  save(
    'scores-constant.arrow',
    file(
      table(
        { id: int64(range(n)), label: int32(label), score_v1: float64(constant) },
        roles({ label: 'label', task: 'binary', versions: [version('v1', { score: 'score_v1' })] }),
      ),
    ),
    {
      expect: 'open',
      rows: n,
      metrics: { v1: { auc: 0.5 } },
      note: 'every score 0.5: AUC exactly 0.5',
    },
  );
  save(
    'label-one-class.arrow',
    file(
      table(
        { id: int64(range(n)), label: int32(label.map(() => 1)), score_v1: float64(s2) },
        roles({ label: 'label', task: 'binary', versions: [version('v1', { score: 'score_v1' })] }),
      ),
    ),
    {
      expect: 'open',
      rows: n,
      metrics: { v1: { auc: null } },
      note: 'every label 1: AUC undefined (null), not 0 or 1',
    },
  );
  // Multiclass probability vectors that do not sum to 1, some with NaN.
  const k = 3;
  const ml = range(30).map((i) => i % k);
  const pv = ml.map((l, i) => {
    const v = [0.1, 0.1, 0.1];
    v[i % 5 === 0 ? (l + 1) % k : l] = 0.8;
    if (i % 4 === 1) v[0] += 0.5; // sums to 1.5
    if (i % 9 === 2) v[1] = -0.2; // a negative "probability"
    return v;
  });
  [5, 11, 17].forEach((i) => (pv[i][2] = NaN));
  const mRoles = roles({
    label: 'label',
    task: 'multiclass',
    versions: [version('v1', { probabilities: 'probs_v1' })],
  });
  const stored = pv.map((v) => v.map((x) => Math.fround(x)));
  save(
    'probs-not-normalized.arrow',
    file(table({ id: int64(range(30)), label: int32(ml), probs_v1: floats32(pv, k) }, mRoles)),
    {
      expect: 'open',
      rows: 30,
      metrics: { v1: accuracy(ml, stored.map(argmax)) },
      warnings: 'do not sum to 1',
      note: 'probability vectors summing to 1.5, with negatives, and with NaN entries (those rows get no prediction)',
    },
  );
  // Predictions and probability vectors naming classes the label never has.
  const ol = range(30).map((i) => i % 3);
  const op = ol.map((l, i) => (i % 6 === 0 ? 3 : i % 10 === 1 ? 4 : l));
  const probs5 = ol.map((l, i) => range(5).map((c) => (c === (i % 7 === 0 ? 4 : l) ? 0.6 : 0.1)));
  save(
    'labels-outside-classes.arrow',
    file(
      table(
        {
          id: int64(range(30)),
          label: int32(ol),
          pred_v1: int32(op),
          probs_v2: floats32(probs5, 5),
        },
        roles({
          label: 'label',
          task: 'multiclass',
          versions: [
            version('v1', { prediction: 'pred_v1' }),
            version('v2', { probabilities: 'probs_v2' }),
          ],
        }),
      ),
    ),
    {
      expect: 'open',
      rows: 30,
      classes: 5,
      metrics: { v1: accuracy(ol, op), v2: accuracy(ol, probs5.map(argmax)) },
      warnings: 'v1 predicts classes the label never has \\(3, 4\\)',
      note: 'label classes 0-2; pred_v1 also says 3 and 4; probs_v2 has 5 classes: they count as errors, with a warning',
    },
  );
  const sl = range(20).map((i) => (i % 2 ? 'dog' : 'cat'));
  save(
    'labels-strings-probs-3.arrow',
    file(
      table({
        id: int64(range(20)),
        label: utf8(sl),
        pred_v1: utf8(sl.map((s, i) => (i % 5 ? s : 'cat'))),
        probs_v2: floats32(
          sl.map(() => [0.2, 0.3, 0.5]),
          3,
        ),
      }),
    ),
    {
      expect: 'open',
      rows: 20,
      warnings: '3 probabilities per row but there are 2 classes',
      metrics: {
        v1: accuracy(
          sl,
          sl.map((s, i) => (i % 5 ? s : 'cat')),
        ),
        v2: { evaluated: 0, accuracy: null },
      },
      note: 'string labels (2 classes) with 3-wide probability vectors: not used, with a warning',
    },
  );
  const y = range(30).map((i) => i / 3);
  const p1 = y.map((v, i) => (i === 4 ? Infinity : i === 8 ? -Infinity : v + 0.5));
  const p2 = y.map((v, i) => (i % 7 === 0 ? NaN : v - 0.25));
  save(
    'regression-inf.arrow',
    file(
      table(
        {
          id: int64(range(30)),
          target: float64(y),
          prediction_v1: float64(p1),
          prediction_v2: float64(p2),
        },
        roles({
          label: 'target',
          task: 'regression',
          versions: [
            version('v1', { prediction: 'prediction_v1' }),
            version('v2', { prediction: 'prediction_v2' }),
          ],
        }),
      ),
    ),
    {
      expect: 'open',
      rows: 30,
      metrics: { v1: { mae: num(mae(y, p1)) }, v2: { mae: mae(y, p2) } },
      warnings: 'v1 has 2 infinite values',
      note: 'regression with ±Inf predictions (MAE is infinite, and said so) and NaN ones (skipped)',
    },
  );
}

function ids({ saveSet }) {
  // The base: ids 1..28, a null id, and id 5 again.
  const fid = [...range(28).map((i) => i + 1), null, 5];
  const flabel = fid.map((_, i) => i % 2);
  const features = table({
    id: vectorFromArray(
      fid.map((v) => (v === null ? null : BigInt(v))),
      new Int64(),
    ),
    label: int32(flabel),
    age: float64(fid.map((_, i) => 20 + i)),
  });
  // v1: misses 3, 4, 7; has 101 and 102 that the base lacks; id 10 twice.
  const v1ids = [
    ...range(28)
      .map((i) => i + 1)
      .filter((i) => ![3, 4, 7].includes(i)),
    101,
    102,
    10,
  ];
  const v1pred = v1ids.map((id, i) => (i === v1ids.length - 1 ? 1 - (id % 2) : (id - 1) % 2));
  // v2: ids as strings, all present, in reverse order.
  const v2ids = range(28).map((i) => String(28 - i));
  const v2pred = v2ids.map((s) => Number(s) % 2);
  const keys = fid.map((v) => (v === null ? null : String(v)));
  const joinReport = (ids) => {
    const own = ids.map(String);
    const matched = keys.filter((k) => k !== null && own.includes(k)).length;
    const extra = new Set(own.filter((k) => !keys.includes(k))).size;
    return {
      matched,
      missing: keys.length - matched,
      extra,
      duplicates: own.length - new Set(own).size,
    };
  };
  const join = (ids, preds) =>
    fid.map((id) => {
      const at = ids.findIndex((x) => String(x) === String(id));
      return id === null || at < 0 ? null : preds[at];
    });
  saveSet(
    {
      'ids-features.arrow': file(features),
      'ids-preds_v1.arrow': file(table({ id: int64(v1ids), pred: int32(v1pred) })),
      'ids-preds_v2.arrow': file(table({ id: utf8(v2ids), pred: int32(v2pred) })),
    },
    {
      expect: 'open',
      rows: 30,
      report: {
        duplicateIds: 1,
        nullIds: 1,
        files: { 'ids-preds_v1.arrow': joinReport(v1ids), 'ids-preds_v2.arrow': joinReport(v2ids) },
      },
      metrics: {
        v1: accuracy(flabel, join(v1ids, v1pred)),
        v2: accuracy(flabel, join(v2ids, v2pred)),
      },
      note: 'per-version files: a duplicate and a null id in the base; missing, extra and repeated ids in v1 (first occurrence wins); string ids in v2 matching integer ids',
    },
  );
  saveSet(
    { 'ids-features.arrow': null, 'ids-no-id-column.arrow': file(table({ pred: int32([0, 1]) })) },
    {
      expect: 'error',
      reason: 'no id column in ids-no-id-column.arrow',
      note: 'two files, one without an id column: they cannot be joined',
    },
  );
  saveSet(
    { 'base.arrow': null, 'trunc-file-07-in-batch-body.arrow': null },
    {
      expect: 'open',
      rows: 40,
      errors: { 'trunc-file-07-in-batch-body.arrow': 'truncated or corrupt' },
      note: 'a good file and a truncated one: the good one opens, the bad one is named',
    },
  );
}

export function edges(ctx) {
  shapes(ctx);
  types(ctx);
  numbers(ctx);
  ids(ctx);
}
