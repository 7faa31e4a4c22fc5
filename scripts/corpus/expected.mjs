// Expected metrics computed here, from the values the corpus script writes: independent of
// src/engine (brute force where the engine is clever).

/** ROC-AUC by counting every (positive, negative) pair; NaN scores skipped. null: one class. */
export function bruteAuc(labels, scores) {
  let wins = 0;
  let pairs = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== 1 || Number.isNaN(scores[i])) continue;
    for (let j = 0; j < labels.length; j++) {
      if (labels[j] !== 0 || Number.isNaN(scores[j])) continue;
      pairs++;
      if (scores[i] > scores[j]) wins += 1;
      else if (scores[i] === scores[j]) wins += 0.5;
    }
  }
  return pairs === 0 ? null : wins / pairs;
}

/** Share of rows where both are present (not null) and equal. */
export function accuracy(labels, preds) {
  let n = 0;
  let right = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] === null || preds[i] === null) continue;
    n++;
    if (labels[i] === preds[i]) right++;
  }
  return { evaluated: n, accuracy: n ? right / n : 'NaN' };
}

/** Index of the largest value; null when any is NaN. */
export function argmax(v) {
  if (v.some(Number.isNaN)) return null;
  return v.indexOf(Math.max(...v));
}

export function mae(y, yhat) {
  let s = 0;
  let n = 0;
  for (let i = 0; i < y.length; i++) {
    if (Number.isNaN(y[i]) || Number.isNaN(yhat[i])) continue;
    s += Math.abs(yhat[i] - y[i]);
    n++;
  }
  return s / n;
}
