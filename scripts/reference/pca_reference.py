"""Reference values for src/engine/projection (PCA to 2-D), computed independently with numpy.

Writes seeded float32 inputs and numpy's answer (eigh of np.cov over the rows without NaN) to
src/engine/projection/__fixtures__/pca_reference.json; pca.test.ts replays them against pca2.
Null rows are written as null (JSON has no NaN) and must come back as NaN coordinates.
Axes are unique only up to sign: the test compares after aligning signs.

Run: python3 scripts/reference/pca_reference.py, then `npx prettier --write` on the JSON.
"""

import json
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parents[2] / 'src/engine/projection/__fixtures__/pca_reference.json'


def case(name, rng, n, dim, scales, offset=0.0, null_rows=()):
    basis, _ = np.linalg.qr(rng.standard_normal((dim, dim)))
    x = (rng.standard_normal((n, dim)) * np.asarray(scales)) @ basis.T + offset
    x = x.astype(np.float32)
    for r in null_rows:
        x[r, :] = np.nan
    ok = ~np.isnan(x).any(axis=1)
    xs = x[ok].astype(np.float64)
    values, vectors = np.linalg.eigh(np.cov(xs, rowvar=False))
    order = np.argsort(values)[::-1][:2]
    axes = vectors[:, order].T
    mean = xs.mean(axis=0)
    coords = np.full((n, 2), np.nan)
    coords[ok] = (xs - mean) @ axes.T
    rows = [None if np.isnan(r).any() else [float(v) for v in r] for r in x]
    return {
        'name': name,
        'dim': dim,
        'rows': rows,
        'components': axes.tolist(),
        'explained': (values[order] / values.sum()).tolist(),
        'coords': [None if np.isnan(c).any() else c.tolist() for c in coords],
    }


def main():
    rng = np.random.default_rng(20240611)
    cases = [
        case('anisotropic 8-d', rng, 200, 8, [5, 3, 1, 0.5, 0.4, 0.3, 0.2, 0.1]),
        case('32-d, far from the origin, null rows', rng, 150, 32,
             [4, 2.5] + [0.5] * 30, offset=100.0, null_rows=(0, 17, 149)),
        case('close top eigenvalues', rng, 300, 6, [2.0, 1.9, 1.0, 0.5, 0.5, 0.5]),
        case('3-d', rng, 50, 3, [1.0, 0.6, 0.2]),
    ]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({'numpy': np.__version__, 'cases': cases}))


if __name__ == '__main__':
    main()
