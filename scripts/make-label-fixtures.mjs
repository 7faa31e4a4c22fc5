// Writes e2e/data/labels/: evaluation sets whose label column is named the way teams name it
// (churned, malignant, progression, …), not `label`. Producer: apache-arrow's writer (arrow-js
// 21.2.0, `tableToIPC`). Deterministic (seeded mulberry32). See e2e/data/labels/README.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Bool, Float64, Int32, Table, Utf8, tableToIPC, vectorFromArray } from 'apache-arrow';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'e2e', 'data', 'labels');
mkdirSync(OUT, { recursive: true });

let seed = 20261202;
function rand() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const range = (n) => Array.from({ length: n }, (_, i) => i);
const round = (x) => Math.round(x * 1000) / 1000;
const clamp01 = (x) => Math.min(1, Math.max(0, x));
const vec = (values, type) => vectorFromArray(values, type);

function save(name, columns) {
  const bytes = tableToIPC(new Table(columns), 'file');
  writeFileSync(join(OUT, name), bytes);
  console.log(`${name}: ${bytes.byteLength} bytes`);
}

// A binary outcome and a noisy score of it: score = clamp(0.5 ± 0.3 + noise).
const outcome = (n, rate) => range(n).map(() => rand() < rate);
const scoreOf = (y, noise) =>
  y.map((b) => round(clamp01((b ? 0.7 : 0.3) + (rand() - 0.5) * noise)));

// churn: boolean label `churned`, boolean predictions of two versions (value match: boolean).
{
  const n = 400;
  const churned = outcome(n, 0.3);
  const flip = (y, p) => y.map((b) => (rand() < p ? !b : b));
  save('churn.arrow', {
    customer_id: vec(
      range(n).map((i) => `C-${String(i).padStart(6, '0')}`),
      new Utf8(),
    ),
    plan: vec(
      range(n).map(() => (rand() < 0.5 ? 'basic' : 'pro')),
      new Utf8(),
    ),
    region: vec(
      range(n).map(() => (rand() < 0.6 ? 'north' : 'south')),
      new Utf8(),
    ),
    monthly_fee: vec(
      range(n).map(() => round(10 + rand() * 40)),
      new Float64(),
    ),
    churned: vec(churned, new Bool()),
    pred_v1: vec(flip(churned, 0.2), new Bool()),
    pred_v2: vec(flip(churned, 0.1), new Bool()),
  });
}

// cancer: 0/1 label `malignant`, one score that is P(benign), as sklearn's breast-cancer target
// (0 = malignant) invites: ROC-AUC far below 0.5 until the positive class is swapped.
{
  const n = 300;
  const malignant = outcome(n, 0.37);
  save('cancer.arrow', {
    id: vec(range(n), new Int32()),
    mean_radius: vec(
      malignant.map((m) => round((m ? 17 : 12) + (rand() - 0.5) * 6)),
      new Float64(),
    ),
    mean_texture: vec(
      range(n).map(() => round(10 + rand() * 20)),
      new Float64(),
    ),
    malignant: vec(
      malignant.map((m) => (m ? 1 : 0)),
      new Int32(),
    ),
    score_v1: vec(
      scoreOf(
        malignant.map((m) => !m),
        0.7,
      ),
      new Float64(),
    ),
  });
}

// diabetes: regression label `progression` among other numeric columns (name and values decide).
{
  const n = 200;
  const bmi = range(n).map(() => round(18 + rand() * 20));
  const age = range(n).map(() => Math.round(25 + rand() * 50) + 0.5);
  const progression = bmi.map((b) => round(25 + 8 * (b - 18) + (rand() - 0.5) * 60));
  save('diabetes.arrow', {
    id: vec(
      range(n).map((i) => 5000 + i),
      new Int32(),
    ),
    age: vec(age, new Float64()),
    bmi: vec(bmi, new Float64()),
    progression: vec(progression, new Float64()),
    pred_v1: vec(
      progression.map((p) => round(p + (rand() - 0.5) * 80)),
      new Float64(),
    ),
  });
}

// flights: two boolean columns fit a boolean prediction and neither name says "label": the app
// must ask (arrived_late agrees with the predictions far more often than weekend does).
{
  const n = 300;
  const late = outcome(n, 0.4);
  save('late-flights.arrow', {
    flight_id: vec(
      range(n).map((i) => `F${1000 + i}`),
      new Utf8(),
    ),
    weekend: vec(outcome(n, 0.3), new Bool()),
    arrived_late: vec(late, new Bool()),
    pred_v1: vec(
      late.map((b) => (rand() < 0.15 ? !b : b)),
      new Bool(),
    ),
  });
}

// fraud: a prediction column that disagrees with its own score at 0.5 on 5% of rows.
{
  const n = 400;
  const fraud = outcome(n, 0.2);
  const score = scoreOf(fraud, 0.8);
  save('fraud.arrow', {
    id: vec(range(n), new Int32()),
    label: vec(
      fraud.map((b) => (b ? 1 : 0)),
      new Int32(),
    ),
    score_v1: vec(score, new Float64()),
    pred_v1: vec(
      score.map((s, i) => (s >= 0.5 !== (i % 20 === 7) ? 1 : 0)),
      new Int32(),
    ),
  });
}
