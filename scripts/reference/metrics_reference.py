"""Reference values for src/engine/metrics, computed independently with numpy/scipy.

Writes seeded random inputs and their expected metrics to
src/engine/metrics/__fixtures__/reference.json, which reference.test.ts replays against the
TypeScript kernels. NaN is written as null because JSON has no NaN.

Run: python3 scripts/reference/metrics_reference.py, then `npx prettier --write` on the JSON
(the repo lint runs `prettier --check` over it; output is deterministic either way).
"""

import json
import math
from pathlib import Path

import numpy as np
import scipy
from scipy.stats import mannwhitneyu, rankdata

OUT = Path(__file__).resolve().parents[2] / 'src/engine/metrics/__fixtures__/reference.json'


def clean(values):
    """Python floats/ints for JSON, NaN -> null."""
    out = []
    for v in np.asarray(values).tolist():
        out.append(None if isinstance(v, float) and math.isnan(v) else v)
    return out


def num(v):
    return None if math.isnan(v) else float(v)


def multiclass_case(rng, k, n, absent=None, only_pred=None, out_of_range=False, masked=False):
    labels = rng.integers(0, k, n)
    if absent is not None:  # a class nobody uses: must not enter macro-F1
        labels[labels == absent] = (absent + 1) % k
    preds = np.where(rng.random(n) < 0.6, labels, rng.integers(0, k, n))
    if absent is not None:
        preds[preds == absent] = (absent + 1) % k
    if only_pred is not None:  # a class only ever predicted: precision 0, recall 0/0 -> 0
        labels[labels == only_pred] = (only_pred + 1) % k
    labels[rng.random(n) < 0.05] = -1
    preds[rng.random(n) < 0.05] = -1
    if out_of_range:
        labels[rng.random(n) < 0.02] = k
        preds[rng.random(n) < 0.02] = k + 3
    mask = (rng.random(n) < 0.7).astype(np.int64) if masked else None

    valid = (labels >= 0) & (labels < k) & (preds >= 0) & (preds < k)
    if mask is not None:
        valid &= mask == 1
    cm = np.zeros((k, k), dtype=np.int64)
    np.add.at(cm, (labels[valid], preds[valid]), 1)
    tp = np.diag(cm).astype(float)
    support = cm.sum(axis=1).astype(float)
    predicted = cm.sum(axis=0).astype(float)
    precision = np.divide(tp, predicted, out=np.zeros(k), where=predicted > 0)
    recall = np.divide(tp, support, out=np.zeros(k), where=support > 0)
    f1 = np.divide(2 * precision * recall, precision + recall, out=np.zeros(k),
                   where=(precision + recall) > 0)
    present = (support + predicted) > 0
    total = int(valid.sum())
    return {
        'k': k,
        'labels': clean(labels),
        'preds': clean(preds),
        'mask': None if mask is None else clean(mask),
        'expected': {
            'confusion': clean(cm.ravel()),
            'n': total,
            'correct': int(tp.sum()),
            'accuracy': num(tp.sum() / total) if total else None,
            'macroF1': num(f1[present].mean()) if present.any() else None,
            'precision': clean(precision),
            'recall': clean(recall),
            'f1': clean(f1),
            'support': clean(support),
        },
    }


def binary_case(rng, n, kind, masked=False, float32=False):
    labels = (rng.random(n) < 0.4).astype(np.int64)
    if kind == 'coarse':  # five distinct scores: ties everywhere
        scores = rng.integers(0, 5, n) + labels * rng.integers(0, 2, n)
        scores = scores.astype(float)
    else:  # 2-decimal rounding creates many ties across classes
        scores = np.round(rng.normal(0, 1, n) + 0.8 * labels, 2)
    labels[rng.random(n) < 0.03] = 2  # neither class: skipped
    labels[rng.random(n) < 0.03] = -1
    scores[rng.random(n) < 0.04] = np.nan
    if float32:
        scores = scores.astype(np.float32).astype(np.float64)
    mask = (rng.random(n) < 0.75).astype(np.int64) if masked else None

    keep = ~np.isnan(scores) & ((labels == 0) | (labels == 1))
    if mask is not None:
        keep &= mask == 1
    pos = scores[keep & (labels == 1)]
    neg = scores[keep & (labels == 0)]
    auc = mannwhitneyu(pos, neg).statistic / (len(pos) * len(neg))
    # Cross-check with the rank-sum form before trusting either.
    ranks = rankdata(np.concatenate([pos, neg]))
    u = ranks[: len(pos)].sum() - len(pos) * (len(pos) + 1) / 2
    assert abs(u / (len(pos) * len(neg)) - auc) < 1e-12
    return {
        'dtype': 'float32' if float32 else 'float64',
        'labels': clean(labels),
        'scores': clean(scores),
        'mask': None if mask is None else clean(mask),
        'expected': {'auc': float(auc), 'nPos': len(pos), 'nNeg': len(neg)},
    }


def regression_case(rng, n, masked=False, float32=False):
    y = rng.normal(50, 12, n)
    yhat = 0.9 * y + 6 + rng.normal(0.5, 4, n)
    y = np.round(y, 4)
    yhat = np.round(yhat, 4)
    y[rng.random(n) < 0.03] = np.nan
    yhat[rng.random(n) < 0.03] = np.nan
    if float32:
        y = y.astype(np.float32).astype(np.float64)
        yhat = yhat.astype(np.float32).astype(np.float64)
    mask = (rng.random(n) < 0.8).astype(np.int64) if masked else None

    keep = ~np.isnan(y) & ~np.isnan(yhat)
    if mask is not None:
        keep &= mask == 1
    t, p = y[keep], yhat[keep]
    err = p - t
    ss_res = np.sum((t - p) ** 2)
    ss_tot = np.sum((t - t.mean()) ** 2)
    return {
        'dtype': 'float32' if float32 else 'float64',
        'y': clean(y),
        'yhat': clean(yhat),
        'mask': None if mask is None else clean(mask),
        'expected': {
            'n': int(keep.sum()),
            'mae': float(np.mean(np.abs(err))),
            'rmse': float(np.sqrt(np.mean(err**2))),
            'r2': float(1 - ss_res / ss_tot),
            'meanError': float(np.mean(err)),
        },
    }


def main():
    rng = np.random.default_rng(20240607)
    multiclass = [
        multiclass_case(rng, 3, 50),
        multiclass_case(rng, 5, 300, masked=True),
        multiclass_case(rng, 7, 800, only_pred=2, out_of_range=True),
        multiclass_case(rng, 10, 2000, absent=7),
        multiclass_case(rng, 4, 1200, masked=True, out_of_range=True),
    ]
    binary = [
        binary_case(rng, 40, 'rounded'),
        binary_case(rng, 200, 'coarse'),
        binary_case(rng, 500, 'rounded', float32=True),
        binary_case(rng, 1000, 'rounded', masked=True),
        binary_case(rng, 1500, 'coarse', masked=True),
    ]
    regression = [
        regression_case(rng, 300),
        regression_case(rng, 1500, masked=True),
        regression_case(rng, 800, float32=True),
    ]
    doc = {
        'generator': 'scripts/reference/metrics_reference.py',
        'numpy': np.__version__,
        'scipy': scipy.__version__,
        'multiclass': multiclass,
        'binary': binary,
        'regression': regression,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(doc, separators=(',', ':'), allow_nan=False) + '\n')
    print(f'wrote {OUT} ({OUT.stat().st_size} bytes)')


if __name__ == '__main__':
    main()
