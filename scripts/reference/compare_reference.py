"""Reference values for src/engine/stats, src/engine/compare and the metrics added with them.

Writes seeded inputs and expected values, computed independently with numpy/scipy, to
src/engine/stats/__fixtures__/reference.json; stats/reference.test.ts and
compare/reference.test.ts replay them against the TypeScript kernels. NaN is written as null
(JSON has no NaN). Float32 inputs are stored already rounded to float32, and the expected values
are computed from them in float64 (the kernels accumulate in float64 too).

Run: python3 scripts/reference/compare_reference.py (output is deterministic).
"""

import json
import math
from fractions import Fraction
from pathlib import Path

import numpy as np
import scipy
from scipy.stats import binomtest, chi2, false_discovery_control, norm

OUT = Path(__file__).resolve().parents[2] / 'src/engine/stats/__fixtures__/reference.json'
EPS32 = float(np.finfo(np.float32).eps)
EPS64 = float(np.finfo(np.float64).eps)


def clean(values):
    """Python floats/ints for JSON, NaN -> null."""
    return [None if isinstance(v, float) and math.isnan(v) else v for v in np.asarray(values).tolist()]


def num(v):
    return None if math.isnan(v) else float(v)


def f32(x):
    return np.asarray(x, dtype=np.float32).astype(np.float64)


# --- stats -----------------------------------------------------------------------------------


def wilson_cases():
    out = []
    for s, n, z in [(0, 10, 1.96), (10, 10, 1.96), (3, 10, 1.96), (1, 1, 1.96), (57, 200, 1.96),
                    (4990, 5000, 1.96), (123456, 1000000, 1.96), (7, 31, 2.576), (7, 31, 1.0),
                    (0, 0, 1.96)]:
        if n == 0:
            out.append({'successes': s, 'n': n, 'z': z, 'lo': None, 'hi': None})
            continue
        p = s / n
        center = (p + z * z / (2 * n)) / (1 + z * z / n)
        half = z / (1 + z * z / n) * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
        lo, hi = max(0.0, center - half), min(1.0, center + half)
        # Cross-check the closed form with scipy at its own z (the 97.5% normal quantile).
        zq = norm.ppf(0.975)
        ci = binomtest(s, n).proportion_ci(0.95, method='wilson')
        c2 = (p + zq * zq / (2 * n)) / (1 + zq * zq / n)
        h2 = zq / (1 + zq * zq / n) * np.sqrt(p * (1 - p) / n + zq * zq / (4 * n * n))
        assert abs(max(0, c2 - h2) - ci.low) < 1e-12 and abs(min(1, c2 + h2) - ci.high) < 1e-12
        out.append({'successes': s, 'n': n, 'z': z, 'lo': float(lo), 'hi': float(hi)})
    zq = float(norm.ppf(0.975))
    for s, n in [(3, 10), (57, 200), (0, 25)]:
        ci = binomtest(s, n).proportion_ci(0.95, method='wilson')
        out.append({'successes': s, 'n': n, 'z': zq, 'lo': float(ci.low), 'hi': float(ci.high)})
    return out


def chi2_cases():
    xs = [1e-12, 1e-6, 0.01, 0.3, 1, 2.5, 3.841458820694124, 6.63, 10, 17.9, 25, 40, 80, 150, 300,
          700, 1400]
    return [{'x': x, 'sf': float(chi2.sf(x, 1))} for x in xs]


def mcnemar_cases():
    out = []
    pairs = [(0, 0), (0, 1), (1, 0), (3, 3), (2, 9), (0, 12), (12, 12), (10, 14), (24, 0), (13, 12),
             (12, 13), (20, 5), (30, 18), (100, 140), (500, 480), (1000, 1001), (1000, 1002),
             (4000, 3500)]
    for b, c in pairs:
        n = b + c
        if n < 25:
            p = 1.0 if n == 0 else binomtest(b, n, 0.5).pvalue
            out.append({'b': b, 'c': c, 'statistic': min(b, c), 'p': float(p), 'exact': True})
        else:
            stat = max(0, abs(b - c) - 1) ** 2 / n
            out.append({'b': b, 'c': c, 'statistic': stat, 'p': float(chi2.sf(stat, 1)),
                        'exact': False})
    return out


def bh(p):
    """Benjamini–Hochberg from the definition: q_(i) = min_{j>=i} min(1, p_(j) m / j)."""
    p = np.asarray(p, dtype=float)
    q = np.full(p.shape, np.nan)
    ok = ~np.isnan(p)
    m = int(ok.sum())
    if m == 0:
        return q, m
    idx = np.flatnonzero(ok)
    order = idx[np.argsort(p[idx], kind='mergesort')]
    raw = p[order] * m / np.arange(1, m + 1)
    q[order] = np.minimum(1, np.minimum.accumulate(raw[::-1])[::-1])
    assert np.allclose(q[idx], false_discovery_control(p[idx]), rtol=1e-12, atol=0)
    return q, m


def bh_cases(rng):
    lists = [
        [0.01, 0.04, 0.03, 0.005, 0.2, 0.9],
        [0.05, 0.05, 0.05, 0.05],
        [np.nan, 0.001, 0.5, np.nan, 0.02, 0.049, 1.0],
        [0.8, 0.9, 0.99],
        np.concatenate([rng.uniform(0, 0.01, 30), rng.uniform(0, 1, 120)]).tolist(),
    ]
    out = []
    for ps in lists:
        for fdr in (0.05, 0.1):
            q, m = bh(ps)
            sig = [0 if np.isnan(v) else int(v <= fdr) for v in q]
            # The step-up rule itself must agree with q <= fdr.
            ok = [i for i, v in enumerate(ps) if not np.isnan(v)]
            srt = sorted(ok, key=lambda i: ps[i])
            kmax = max([r + 1 for r, i in enumerate(srt) if ps[i] <= (r + 1) * fdr / m], default=0)
            assert sorted(srt[:kmax]) == [i for i, s in enumerate(sig) if s]
            out.append({'p': clean(ps), 'fdr': fdr, 'q': clean(q), 'significant': sig, 'm': m})
    return out


# --- probabilistic metrics -------------------------------------------------------------------


def ece_bins(conf, hit, bins):
    """Bin b holds confidences c with b/B <= c < (b+1)/B (last bin closed), decided exactly."""
    count = np.zeros(bins)
    sconf = np.zeros(bins)
    shit = np.zeros(bins)
    for c, h in zip(conf, hit):
        fc = Fraction(float(c))
        b = min(bins - 1, max(i for i in range(bins) if Fraction(i, bins) <= fc))
        # Keep clear of edges, where floor(c*B) in floating point may round across.
        assert all(abs(float(c) - i / bins) > 1e-9 for i in range(1, bins)), c
        count[b] += 1
        sconf[b] += c
        shit[b] += h
    with np.errstate(invalid='ignore', divide='ignore'):
        mconf = sconf / count
        acc = shit / count
    gaps = np.where(count > 0, np.abs(acc - mconf), 0)
    n = count.sum()
    return {'n': int(n), 'ece': float((count * gaps).sum() / n) if n else None,
            'count': clean(count), 'meanConfidence': clean(mconf), 'accuracy': clean(acc)}


def multiclass_prob_case(rng, n, k, masked=False):
    logits = rng.normal(0, 1.5, (n, k))
    labels = np.array([rng.choice(k, p=np.exp(r) / np.exp(r).sum()) for r in logits])
    probs = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    probs[rng.random(n) < 0.1, 0] = 0.0  # a confident miss when the label is 0: clipping matters
    probs = f32(probs)
    probs[rng.random(n) < 0.04, rng.integers(0, k)] = np.nan
    labels[rng.random(n) < 0.04] = -1
    mask = (rng.random(n) < 0.8).astype(np.int64) if masked else None
    keep = (labels >= 0) & ~np.isnan(probs).any(axis=1)
    if mask is not None:
        keep &= mask == 1
    y, p = labels[keep], probs[keep]
    onehot = np.eye(k)[y]
    ll = float(np.mean(-np.log(np.clip(p[np.arange(len(y)), y], EPS32, 1 - EPS32))))
    brier = float(np.mean(((p - onehot) ** 2).sum(axis=1)))
    conf = p.max(axis=1)
    hit = (p.argmax(axis=1) == y).astype(float)
    return {'k': k, 'labels': clean(labels), 'probs': clean(probs.ravel()),
            'mask': None if mask is None else clean(mask),
            'expected': {'logLoss': ll, 'brier': brier, 'ece15': ece_bins(conf, hit, 15),
                         'ece10': ece_bins(conf, hit, 10)}}


def average_precision(y, s):
    """scikit-learn's definition: Σ (R_n − R_{n−1}) P_n over distinct thresholds, descending."""
    order = np.argsort(-s, kind='mergesort')
    s, y = s[order], y[order]
    idx = np.r_[np.flatnonzero(np.diff(s)), y.size - 1]
    tps = np.cumsum(y)[idx]
    fps = 1 + idx - tps
    precision = tps / (tps + fps)
    recall = tps / tps[-1]
    return float(np.sum(np.diff(np.r_[0, recall]) * precision))


def binary_prob_case(rng, n, kind, float32=False, masked=False):
    labels = (rng.random(n) < 0.35).astype(np.int64)
    raw = 1 / (1 + np.exp(-(rng.normal(0, 1.2, n) + 1.1 * labels - 0.4)))
    scores = np.round(raw, 2) if kind == 'ties' else raw
    if kind == 'extreme':
        scores[rng.random(n) < 0.05] = 0.0
        scores[rng.random(n) < 0.05] = 1.0
    labels[rng.random(n) < 0.03] = 2
    labels[rng.random(n) < 0.03] = -1
    scores[rng.random(n) < 0.04] = np.nan
    if float32:
        scores = f32(scores)
    mask = (rng.random(n) < 0.75).astype(np.int64) if masked else None
    keep = ~np.isnan(scores) & ((labels == 0) | (labels == 1))
    if mask is not None:
        keep &= mask == 1
    y, s = labels[keep].astype(float), scores[keep]
    eps = EPS32 if float32 else EPS64
    sc = np.clip(s, eps, 1 - eps)
    ll = float(np.mean(-(y * np.log(sc) + (1 - y) * np.log(1 - sc))))
    expected = {'logLoss': ll, 'brier': float(np.mean((s - y) ** 2)),
                'ap': average_precision(y, s)}
    if kind != 'ties':  # rounded scores sit on bin edges
        expected['ece15'] = ece_bins(s, y, 15)
    return {'dtype': 'float32' if float32 else 'float64', 'labels': clean(labels),
            'scores': clean(scores), 'mask': None if mask is None else clean(mask),
            'expected': expected}


# --- compare ---------------------------------------------------------------------------------


def flips_case(rng, n, k, masked=False):
    label = rng.integers(0, k, n)
    a = np.where(rng.random(n) < 0.7, label, rng.integers(0, k, n))
    b = np.where(rng.random(n) < 0.8, a, np.where(rng.random(n) < 0.6, label, rng.integers(0, k, n)))
    label[rng.random(n) < 0.05] = -1
    a[rng.random(n) < 0.04] = -1
    b[rng.random(n) < 0.04] = -1
    mask = (rng.random(n) < 0.7).astype(np.int64) if masked else None
    m = np.ones(n, bool) if mask is None else mask == 1
    both = m & (a >= 0) & (b >= 0)
    ev = both & (label >= 0)
    ca, cb = ev & (a == label), ev & (b == label)
    counts = {
        'evaluated': int(ev.sum()),
        'bothCorrect': int((ca & cb).sum()),
        'bothWrongSame': int((ev & ~ca & ~cb & (a == b)).sum()),
        'bothWrongDifferent': int((ev & ~ca & ~cb & (a != b)).sum()),
        'correctToWrong': int((ca & ~cb).sum()),
        'wrongToCorrect': int((~ca & cb).sum()),
        'changed': int((ev & (a != b)).sum()),
        'correctA': int(ca.sum()),
        'correctB': int(cb.sum()),
        'compared': int(both.sum()),
        'comparedChanged': int((both & (a != b)).sum()),
    }
    trans = np.zeros((k, k), np.int64)
    np.add.at(trans, (a[both], b[both]), 1)
    ca_m = np.zeros((k, k), np.int64)
    cb_m = np.zeros((k, k), np.int64)
    np.add.at(ca_m, (label[ev], a[ev]), 1)
    np.add.at(cb_m, (label[ev], b[ev]), 1)
    return {'k': k, 'label': clean(label), 'predA': clean(a), 'predB': clean(b),
            'mask': None if mask is None else clean(mask),
            'expected': {'flips': counts, 'transition': clean(trans.ravel()),
                         'confusionA': clean(ca_m.ravel()), 'confusionB': clean(cb_m.ravel())}}


def threshold_stats(y, s, t):
    has = ~np.isnan(s)
    flag = has & (s >= t)
    pos, neg = has & (y == 1), has & (y == 0)
    return {'n': int(has.sum()), 'alerts': int(flag.sum()), 'tp': int((flag & pos).sum()),
            'fp': int((flag & neg).sum()), 'tn': int((~flag & neg).sum()),
            'fn': int((~flag & pos).sum())}


def match(y, sa, sb, thr, by):
    """Brute force over the other score's distinct values: |count − target| smallest, ties → higher."""
    rows = ~np.isnan(sa) & ~np.isnan(sb)
    if by == 'fpr':
        rows &= (y == 0) | (y == 1)
    counted = rows & (y == 0) if by == 'fpr' else rows
    target = int((counted & (sa >= thr)).sum())
    best = None
    for v in np.unique(sb[rows]):
        d = abs(int((counted & (sb >= v)).sum()) - target)
        if best is None or d < best[0] or (d == best[0] and v > best[1]):
            best = (d, float(v))
    achieved = int((counted & (sb >= best[1])).sum())
    return {'threshold': best[1], 'target': target, 'achieved': achieved,
            'other': threshold_stats(np.where(rows, y, 2), np.where(rows, sb, np.nan), best[1])}


def threshold_case(rng, n, float32=False, masked=False):
    y = (rng.random(n) < 0.3).astype(np.int64)
    sa = np.round(1 / (1 + np.exp(-(rng.normal(0, 1, n) + 1.4 * y - 0.5))), 3)
    sb = np.clip(np.round(sa + rng.normal(0.05, 0.08, n), 3), 0, 1)
    y[rng.random(n) < 0.05] = -1
    sa[rng.random(n) < 0.03] = np.nan
    sb[rng.random(n) < 0.03] = np.nan
    if float32:
        sa, sb = f32(sa), f32(sb)
    mask = (rng.random(n) < 0.8).astype(np.int64) if masked else None
    m = np.ones(n, bool) if mask is None else mask == 1
    ym = np.where(m, y, 2)
    sam, sbm = np.where(m, sa, np.nan), np.where(m, sb, np.nan)
    thresholds = [0.0, 0.25, float(sa[~np.isnan(sa)][3]), 0.5, 0.7, 0.999, 2.0]
    stats = [threshold_stats(ym, sam, t) for t in thresholds]
    matches = {by: [match(ym, sam, sbm, t, by) for t in (0.3, 0.5, 0.8)] for by in ('fpr', 'alerts')}
    hists = {}
    for bins, rng_ in ((10, None), (7, (0.0, 1.0)), (5, (0.2, 0.6))):
        va = sam[~np.isnan(sam)]
        counts, edges = np.histogram(va, bins=bins, range=rng_)
        both = ~np.isnan(sam) & ~np.isnan(sbm)
        c2, e2, _ = np.histogram2d(sam[both], sbm[both], bins=bins,
                                   range=None if rng_ is None else [rng_, rng_])
        if rng_ is None:  # histogram2d's default range is per axis; the kernel shares one
            lo = min(sam[both].min(), sbm[both].min())
            hi = max(sam[both].max(), sbm[both].max())
            c2, e2, _ = np.histogram2d(sam[both], sbm[both], bins=bins, range=[(lo, hi), (lo, hi)])
        hists[str(bins)] = {'range': rng_, 'counts': clean(counts), 'edges': clean(edges),
                            'counts2d': clean(c2.ravel()), 'edges2d': clean(e2)}
    share = []
    for t in (0.5, 0.7, float(sa[~np.isnan(sa)][5])):
        both = ~np.isnan(sam) & ~np.isnan(sbm)
        ua, ub = both & (sam > t), both & (sbm > t)
        down, up = int((ua & ~ub).sum()), int((ub & ~ua).sum())
        nb = down + up
        if nb < 25:
            p = 1.0 if nb == 0 else binomtest(down, nb, 0.5).pvalue
        else:
            p = chi2.sf(max(0, abs(down - up) - 1) ** 2 / nb, 1)
        share.append({'t': t, 'n': int(both.sum()), 'aboveA': int(ua.sum()), 'aboveB': int(ub.sum()),
                      'crossedDown': down, 'crossedUp': up, 'p': float(p),
                      'nA': int((~np.isnan(sam)).sum()),
                      'aboveAOnly': int((~np.isnan(sam) & (sam > t)).sum())})
    return {'dtype': 'float32' if float32 else 'float64', 'labels': clean(y), 'scoreA': clean(sa),
            'scoreB': clean(sb), 'mask': None if mask is None else clean(mask),
            'thresholds': thresholds,
            'expected': {'stats': stats, 'match': matches, 'hist': hists, 'share': share}}


def main():
    rng = np.random.default_rng(20240611)
    doc = {
        'generator': 'scripts/reference/compare_reference.py',
        'numpy': np.__version__,
        'scipy': scipy.__version__,
        'wilson': wilson_cases(),
        'chi2': chi2_cases(),
        'mcnemar': mcnemar_cases(),
        'bh': bh_cases(rng),
        'multiclassProb': [multiclass_prob_case(rng, 300, 4), multiclass_prob_case(rng, 600, 7, True)],
        'binaryProb': [
            binary_prob_case(rng, 300, 'ties'),
            binary_prob_case(rng, 500, 'smooth', float32=True),
            binary_prob_case(rng, 400, 'extreme', masked=True),
            binary_prob_case(rng, 800, 'ties', float32=True, masked=True),
        ],
        'flips': [flips_case(rng, 300, 3), flips_case(rng, 900, 6, masked=True)],
        'threshold': [threshold_case(rng, 500), threshold_case(rng, 700, float32=True, masked=True)],
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(doc, separators=(',', ':'), allow_nan=False) + '\n')
    print(f'wrote {OUT} ({OUT.stat().st_size} bytes)')


if __name__ == '__main__':
    main()
