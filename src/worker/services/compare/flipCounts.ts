// Compare's flips per (labels, cohort rows, version pair), patched after a threshold edit: the
// edited version's new predictions differ from its last ones only on the rows whose score lies
// between the two thresholds (session/thresholds.ts, PredictionDelta), so the counts of the last
// pair are corrected over those rows instead of a pass over a million (issue 15). The counts are
// the same integers engine/compare/flips counts from scratch.
import { flips, type FlipCounts, type FlipRates } from '../../../engine/compare/flips';
import { deltaOf } from '../../session/thresholds';

type Flips = FlipCounts & FlipRates;

/** The counts flips() adds up, in a fixed order (the rest are sums and ratios of these). */
const FIELDS = [
  'evaluated',
  'bothCorrect',
  'bothWrongSame',
  'bothWrongDifferent',
  'correctToWrong',
  'wrongToCorrect',
  'compared',
  'comparedChanged',
] as const;
type Raw = Float64Array; // one slot per FIELDS entry

interface Kept {
  a: Int32Array;
  b: Int32Array;
  raw: Raw;
}

// labels → cohort rows (or ALL_ROWS) → the last pairs counted (one per compared version).
const kept = new WeakMap<Int32Array, WeakMap<object, Kept[]>>();
const ALL_ROWS = {};
const PAIRS = 6;
/**
 * Past this share of the rows a pass over all of them is faster: the patch reads four arrays at
 * rows in score order, i.e. scattered (1M rows: 0.5 ms at 2% of them, 3.6 ms at 14%, 59 ms at
 * 47%; a pass 9 ms).
 */
const PATCH_SHARE = 0.2;

/** Adds `sign` × row i's contribution to the counts: the body of flips()'s loop. */
function count(raw: Raw, t: number, a: number, b: number, sign: number): void {
  if (a < 0 || b < 0) return;
  raw[6]! += sign;
  if (a !== b) raw[7]! += sign;
  if (t < 0) return;
  raw[0]! += sign;
  if (a === t) raw[b === t ? 1 : 4]! += sign;
  else if (b === t) raw[5]! += sign;
  else raw[a === b ? 2 : 3]! += sign;
}

/**
 * The counts of (label, a, b) from those of (label, a, from) where `b` differs from `from` only
 * on `rows` (or of (label, from, b) when `side` is 'a').
 */
function patch(
  raw: Raw,
  label: Int32Array,
  fixed: Int32Array,
  from: Int32Array,
  to: Int32Array,
  rows: Uint32Array,
  mask: Uint8Array | undefined,
  side: 'a' | 'b',
): Raw {
  const out = raw.slice();
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k]!;
    if (mask !== undefined && mask[i] === 0) continue;
    const t = label[i]!;
    const f = fixed[i]!;
    if (side === 'b') {
      count(out, t, f, from[i]!, -1);
      count(out, t, f, to[i]!, 1);
    } else {
      count(out, t, from[i]!, f, -1);
      count(out, t, to[i]!, f, 1);
    }
  }
  return out;
}

function rawOf(f: FlipCounts): Raw {
  return Float64Array.from(FIELDS, (k) => f[k]);
}

/** flips()'s answer from its raw counts (same sums and ratios). */
function fromRaw(raw: Raw): Flips {
  const [evaluated, bothCorrect, bothWrongSame, bothWrongDifferent, c2w, w2c, compared, cc] =
    raw as unknown as number[] as [number, number, number, number, number, number, number, number];
  const correctA = bothCorrect + c2w;
  const correctB = bothCorrect + w2c;
  const changed = c2w + w2c + bothWrongDifferent;
  const ratio = (x: number, d: number) => (d > 0 ? x / d : NaN);
  return {
    evaluated,
    bothCorrect,
    bothWrongSame,
    bothWrongDifferent,
    correctToWrong: c2w,
    wrongToCorrect: w2c,
    changed,
    correctA,
    correctB,
    compared,
    comparedChanged: cc,
    negativeFlipRate: ratio(c2w, evaluated),
    positiveFlipRate: ratio(w2c, evaluated),
    negativeFlipShareOfCorrectA: ratio(c2w, correctA),
    positiveFlipShareOfWrongA: ratio(w2c, evaluated - correctA),
    changedRate: ratio(changed, evaluated),
  };
}

/**
 * flips(label, a, b, mask), from kept counts when a and b are (or were patched from) a pair
 * counted before over the same rows; else one pass, kept for the next edit.
 */
export function flipsKept(
  label: Int32Array,
  a: Int32Array,
  b: Int32Array,
  mask: Uint8Array | null,
): Flips {
  let byRows = kept.get(label);
  if (!byRows) kept.set(label, (byRows = new WeakMap()));
  const key = mask ?? ALL_ROWS;
  let list = byRows.get(key);
  if (!list) byRows.set(key, (list = []));
  const m = mask ?? undefined;
  let raw: Raw | null = null;
  const lineA = deltaOf(a);
  const lineB = deltaOf(b);
  const small = (d: typeof lineA) =>
    d && d.rows.length <= PATCH_SHARE * label.length ? d : undefined;
  const da = small(lineA);
  const db = small(lineB);
  for (const e of list) {
    const sameA = e.a === a;
    const sameB = e.b === b;
    const fromA = !sameA && da?.from === e.a;
    const fromB = !sameB && db?.from === e.b;
    if (!(sameA || fromA) || !(sameB || fromB)) continue;
    raw = e.raw;
    // One version at a time, so each step's counts are those of a real pair of arrays.
    if (fromA) raw = patch(raw, label, e.b, e.a, a, da!.rows, m, 'a');
    if (fromB) raw = patch(raw, label, a, e.b, b, db!.rows, m, 'b');
    break;
  }
  if (!raw) raw = rawOf(flips(label, a, b, m));
  // Latest first; this pair's older entry (same arrays, or the ones they were patched from) goes,
  // so the arrays of past edits are not kept alive here.
  const older = (e: Kept) =>
    (e.a === a || e.a === lineA?.from) && (e.b === b || e.b === lineB?.from);
  const rest = list.filter((e) => !older(e));
  rest.unshift({ a, b, raw });
  byRows.set(key, rest.slice(0, PAIRS));
  return fromRaw(raw);
}
