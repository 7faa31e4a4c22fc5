import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetRead } from 'hyparquet';
import { decompress as zstdDecompress } from 'fzstd';
import { MODULES, PKG, log } from './context.mjs';
import {
  mulberry32,
  permutation,
  logit,
  auc,
  binaryMetrics,
  fitLogistic,
  predictLogistic,
} from './numeric.mjs';
import {
  int32Data,
  float32Data,
  utf8Data,
  dictionaryData,
  timestampMsData,
  writeArrow,
} from './arrow.mjs';

// ---------------------------------------------------------------------------------------
// 2. Flights (vega-datasets package, flights-3m.parquet)
// ---------------------------------------------------------------------------------------

export const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
export const MONTH_NAMES = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

export async function loadFlights() {
  const buf = readFileSync(join(MODULES, 'vega-datasets', 'data', 'flights-3m.parquet'));
  const file = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
  const chunks = {};
  await parquetRead({
    file,
    columns: ['date', 'delay', 'distance', 'origin', 'destination'],
    compressors: { ZSTD: (input, length) => zstdDecompress(input, new Uint8Array(length)) },
    onChunk: ({ columnName, columnData, rowStart }) => {
      (chunks[columnName] ??= []).push({ rowStart, columnData });
    },
  });
  const column = (name) =>
    chunks[name].sort((a, b) => a.rowStart - b.rowStart).flatMap((c) => Array.from(c.columnData));
  const date = column('date');
  const n = date.length;
  const time = new Float64Array(n);
  for (let i = 0; i < n; i++) time[i] = date[i].getTime(); // naive local time stored as UTC
  const delay = Int32Array.from(column('delay'), Number);
  const distance = Int32Array.from(column('distance'), Number);
  const origin = column('origin');
  const destination = column('destination');
  return { n, time, delay, distance, origin, destination };
}

export async function buildFlights() {
  const SEED = 20010101;
  const rng = mulberry32(SEED);
  const src = await loadFlights();
  log(`flights: ${src.n} rows from vega-datasets@${PKG.vega} data/flights-3m.parquet`);

  const N_EVAL = 30000;
  const N_TRAIN = 100000;
  const perm = permutation(src.n, rng, N_EVAL + N_TRAIN);
  const evalIdx = Array.from(perm.subarray(0, N_EVAL)).sort(
    (a, b) => src.time[a] - src.time[b] || a - b,
  );
  const trainIdx = Array.from(perm.subarray(N_EVAL, N_EVAL + N_TRAIN));

  const at = (i) => {
    const d = new Date(src.time[i]);
    return {
      hour: d.getUTCHours(),
      dow: (d.getUTCDay() + 6) % 7, // Mon = 0
      month: d.getUTCMonth(),
    };
  };
  const y = (i) => (src.delay[i] > 15 ? 1 : 0);
  const yTrain = Int32Array.from(trainIdx, y);
  const yEval = Int32Array.from(evalIdx, y);
  const months = [...new Set(Array.from(src.time, (t) => new Date(t).getUTCMonth()))].sort(
    (a, b) => a - b,
  );

  // v1: distance and hour, standardized on the train split.
  const stat = (values) => {
    const m = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - m) ** 2, 0) / values.length);
    return [m, sd];
  };
  const [distM, distSd] = stat(trainIdx.map((i) => src.distance[i]));
  const [hourM, hourSd] = stat(trainIdx.map((i) => at(i).hour));
  const design1 = (idx) => {
    const X = new Float64Array(idx.length * 3);
    idx.forEach((i, r) => {
      X[r * 3] = 1;
      X[r * 3 + 1] = (src.distance[i] - distM) / distSd;
      X[r * 3 + 2] = (at(i).hour - hourM) / hourSd;
    });
    return X;
  };
  const beta1 = fitLogistic(design1(trainIdx), yTrain, N_TRAIN, 3, 1e-6);
  const score1 = predictLogistic(design1(evalIdx), N_EVAL, 3, beta1);
  log('flights v1: logistic regression on distance + hour fitted');

  // v2: one-hot hour / weekday / month, log distance, and smoothed target encodings of the
  // origin and destination airports (out-of-fold on the train split, full train for eval).
  const prior = yTrain.reduce((a, b) => a + b, 0) / N_TRAIN;
  const SMOOTH = 50;
  const FOLDS = 5;
  const encode = (key) => {
    const full = new Map();
    const byFold = Array.from({ length: FOLDS }, () => new Map());
    trainIdx.forEach((i, t) => {
      const k = src[key][i];
      const f = t % FOLDS;
      const a = full.get(k) ?? [0, 0];
      a[0] += yTrain[t];
      a[1] += 1;
      full.set(k, a);
      const b = byFold[f].get(k) ?? [0, 0];
      b[0] += yTrain[t];
      b[1] += 1;
      byFold[f].set(k, b);
    });
    const rate = (s, c) => (s + SMOOTH * prior) / (c + SMOOTH);
    const trainValues = trainIdx.map((i, t) => {
      const k = src[key][i];
      const [s, c] = full.get(k);
      const [fs, fc] = byFold[t % FOLDS].get(k);
      return logit(rate(s - fs, c - fc));
    });
    const evalValues = evalIdx.map((i) => {
      const [s, c] = full.get(src[key][i]) ?? [0, 0];
      return logit(rate(s, c));
    });
    return { trainValues, evalValues };
  };
  const teOrigin = encode('origin');
  const teDest = encode('destination');
  const logDist = (i) => Math.log(src.distance[i]);
  const [ldM, ldSd] = stat(trainIdx.map(logDist));
  const D2 = 1 + 1 + 24 + 7 + months.length + 2;
  const design2 = (idx, te1, te2) => {
    const X = new Float64Array(idx.length * D2);
    idx.forEach((i, r) => {
      const o = r * D2;
      const { hour, dow, month } = at(i);
      X[o] = 1;
      X[o + 1] = (logDist(i) - ldM) / ldSd;
      X[o + 2 + hour] = 1;
      X[o + 26 + dow] = 1;
      X[o + 33 + months.indexOf(month)] = 1;
      X[o + D2 - 2] = te1[r];
      X[o + D2 - 1] = te2[r];
    });
    return X;
  };
  const beta2 = fitLogistic(
    design2(trainIdx, teOrigin.trainValues, teDest.trainValues),
    yTrain,
    N_TRAIN,
    D2,
    1,
  );
  const score2 = predictLogistic(
    design2(evalIdx, teOrigin.evalValues, teDest.evalValues),
    N_EVAL,
    D2,
    beta2,
  );
  log(`flights v2: logistic regression on ${D2 - 1} features fitted`);

  const labels = Array.from(yEval);
  const m1 = binaryMetrics(score1, labels);
  const m2 = binaryMetrics(score2, labels);
  const evalAt = evalIdx.map(at);
  const byGroup = (groupOf, names) =>
    names
      .map((name, g) => {
        const rows = [];
        for (let r = 0; r < N_EVAL; r++) if (groupOf(r) === g) rows.push(r);
        if (rows.length === 0) return null;
        const ys = rows.map((r) => labels[r]);
        return {
          name,
          size: rows.length,
          rate: ys.reduce((a, b) => a + b, 0) / rows.length,
          aucV1: auc(
            rows.map((r) => score1[r]),
            ys,
          ),
          aucV2: auc(
            rows.map((r) => score2[r]),
            ys,
          ),
        };
      })
      .filter(Boolean);
  const perMonth = byGroup((r) => evalAt[r].month, MONTH_NAMES);
  const originNames = [...new Set(evalIdx.map((i) => src.origin[i]))].sort();
  const originCode = new Map(originNames.map((s, k) => [s, k]));
  const perOrigin = byGroup((r) => originCode.get(src.origin[evalIdx[r]]), originNames)
    .filter((g) => g.size >= 500)
    .sort((a, b) => a.aucV2 - a.aucV1 - (b.aucV2 - b.aucV1));

  // Arrow columns. Categoricals are dictionaries in a stable (sorted / calendar) order.
  const destNames = [...new Set(evalIdx.map((i) => src.destination[i]))].sort();
  const destCode = new Map(destNames.map((s, k) => [s, k]));
  const evalMonths = [...new Set(evalAt.map((a) => a.month))].sort((a, b) => a - b);
  const monthNames = evalMonths.map((m) => MONTH_NAMES[m]);
  const roles = {
    id: 'id',
    label: 'delayed',
    task: 'binary',
    versions: [
      { name: 'v1', score: 'score_v1' },
      { name: 'v2', score: 'score_v2' },
    ],
  };
  const first = new Date(src.time[evalIdx[0]]).toISOString().slice(0, 10);
  const last = new Date(src.time[evalIdx[N_EVAL - 1]]).toISOString().slice(0, 10);
  const description =
    `US domestic flights, ${first} to ${last}, from the US Bureau of Transportation ` +
    `Statistics on-time performance data as shipped in the npm package vega-datasets@${PKG.vega} ` +
    `(data/flights-3m.parquet, ${src.n} flights). A seeded sample of ${N_EVAL} flights is ` +
    `the evaluation set held here; a disjoint sample of ${N_TRAIN} flights trained the models. ` +
    `delayed = 1 when the arrival delay exceeds 15 minutes. score_v1 is a logistic regression ` +
    `on distance and departure hour; score_v2 is a logistic regression on log distance, ` +
    `one-hot departure hour, weekday and month, and smoothed target encodings of the origin and ` +
    `destination airports learned on the training sample. Scores are probabilities of delay. ` +
    `dep_time is the actual departure time (local, as in the source), so dep_hour carries some ` +
    `of the departure delay. Built by scripts/build-demo.mjs (seed ${SEED}).`;
  const path = writeArrow(
    'flights.arrow',
    [
      ['id', utf8Data(evalIdx.map((_, r) => `flight-${String(r).padStart(6, '0')}`))],
      ['delayed', int32Data(yEval)],
      ['score_v1', float32Data(score1)],
      ['score_v2', float32Data(score2)],
      ['dep_time', timestampMsData(evalIdx.map((i) => src.time[i]))],
      ['dep_hour', int32Data(evalAt.map((a) => a.hour))],
      [
        'day_of_week',
        dictionaryData(
          evalAt.map((a) => a.dow),
          DAY_NAMES,
        ),
      ],
      [
        'month',
        dictionaryData(
          evalAt.map((a) => evalMonths.indexOf(a.month)),
          monthNames,
        ),
      ],
      ['distance', int32Data(evalIdx.map((i) => src.distance[i]))],
      [
        'origin',
        dictionaryData(
          evalIdx.map((i) => originCode.get(src.origin[i])),
          originNames,
        ),
      ],
      [
        'destination',
        dictionaryData(
          evalIdx.map((i) => destCode.get(src.destination[i])),
          destNames,
        ),
      ],
    ],
    { 'workbench.roles': JSON.stringify(roles), 'workbench.description': description },
  );
  log(`wrote ${path}`);
  return {
    path,
    rows: N_EVAL,
    metrics: {
      nSource: src.n,
      nTrain: N_TRAIN,
      nEval: N_EVAL,
      first,
      last,
      delayedRateEval: labels.reduce((a, b) => a + b, 0) / N_EVAL,
      m1,
      m2,
      perMonth,
      perOrigin,
      seed: SEED,
    },
  };
}
