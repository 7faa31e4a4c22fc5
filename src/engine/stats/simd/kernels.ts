import { POISSON16 } from '../poisson';
import { type Func, type Instr, moduleOf } from './asm';

/**
 * The bootstrap's hot passes in WebAssembly SIMD, eight resamples (four pairs) per pass over the
 * rows: one i32x4 of hashes per row (fmix32(row ^ key) of four pair keys, Math.imul being
 * i32x4.mul), its sixteen 16-bit halves… eight of them, read as i16x8, turned into Poisson(1)
 * weights by counting the thresholds of POISSON16 each half reaches (no table lookup: wasm has no
 * gather), then every sum kept per resample in its own lane. Per lane each sum adds the same terms
 * in the same order as the JS passes (poissonPasses.ts), with the same IEEE operations (wasm has no
 * fused multiply-add; f64x2.mul and f64x2.add round as JS's * and + do), and the integer sums are
 * exact, so the replicates are the JS ones bit for bit (simdKernels.test.ts checks it).
 *
 * Lanes: i16 lane 2k is the low half of pair k's hash (resample 2(P+k)+1), lane 2k+1 the high half
 * (resample 2(P+k)); widened to i32 they are A = pairs 0–1, B = pairs 2–3, so output lane ℓ of
 * eight is resample 2P + (ℓ xor 1). The four keys are at byte 0 of the memory.
 */

/** Smallest 16-bit uniform with weight ≥ k, for k = 1..8 (POISSON16 is nondecreasing). */
export function poissonThresholds(): number[] {
  const t: number[] = [];
  for (let k = 1; k <= 8; k++) {
    const u = POISSON16.findIndex((w) => w >= k);
    if (u >= 0) t.push(u);
  }
  return t;
}

const get = (n: string): Instr => ['local.get', n];
const set = (n: string): Instr => ['local.set', n];
const tee = (n: string): Instr => ['local.tee', n];
const i32 = (v: number): Instr => ['i32.const', v];
const splat16 = (v: number): Instr => [
  'v128.const',
  Array.from({ length: 8 }, () => [v & 0xff, v >>> 8]).flat(),
];
const splat32 = (v: number): Instr => [
  'v128.const',
  Array.from(new Uint8Array(Int32Array.of(v, v, v, v).buffer)),
];
/** Lanes 2–3 of a 32-bit vector moved to lanes 0–1 (for the convert of the high half). */
const HIGH: Instr = ['i8x16.shuffle', [8, 9, 10, 11, 12, 13, 14, 15, 8, 9, 10, 11, 12, 13, 14, 15]];
const high = (v: string): Instr[] => [get(v), get(v), HIGH];

/** The row index on the stack → A, B: its eight weights as two i32x4 (see the lane note). */
function weights(): Instr[] {
  const counted = poissonThresholds().flatMap((t): Instr[] => [
    get('H'),
    splat16(t),
    'i16x8.ge_u',
    'i16x8.sub',
  ]);
  return [
    'i32x4.splat',
    get('K'),
    'v128.xor',
    tee('H'),
    get('H'),
    i32(16),
    'i32x4.shr_u',
    'v128.xor',
    splat32(0x85ebca6b | 0),
    'i32x4.mul',
    tee('H'),
    get('H'),
    i32(13),
    'i32x4.shr_u',
    'v128.xor',
    splat32(0xc2b2ae35 | 0),
    'i32x4.mul',
    tee('H'),
    get('H'),
    i32(16),
    'i32x4.shr_u',
    'v128.xor',
    set('H'),
    // weight = Σ_k [u ≥ t_k]: each true compare is −1 in its lane, so subtract them from 0.
    splat16(0),
    ...counted,
    tee('W'),
    'i32x4.extend_low_i16x8_u',
    set('A'),
    get('W'),
    'i32x4.extend_high_i16x8_u',
    set('B'),
  ];
}

const addTo = (acc: string, op: string, ...value: Instr[]): Instr[] => [
  get(acc),
  ...value,
  op,
  set(acc),
];

/** f64 lanes of an i32x4 held in `v`: the low two (half 0) or the high two (half 1). */
const f64Of = (v: string, half: number): Instr[] => [
  ...(half ? high(v) : [get(v)]),
  'f64x2.convert_low_i32x4_s',
];

/**
 * rank(rows, pos, ends, m, out): rankPass / singlesPass for eight resamples. rows, pos: the
 * score's rows and labels in descending score order (u32, u8); ends: its tie groups' ends (u32,
 * with one spare word after the last); out: u as i64 × 8, pa and na as i32 × 8, s as f64 × 8.
 * pa, na and the products w·pa stay below 2^31 for m ≤ 2^23 (weights ≤ 8); the caller checks.
 */
function rank(): Func {
  const v = (names: string[]) => names.map((n): [string, 'v128'] => [n, 'v128']);
  // One resample group's AP term added to its two S lanes: num and den are i32x4 (exact
  // products and sums), or num given as f64 halves.
  const apTerm = (s0: string, s1: string, num: (half: number) => Instr[], den: string): Instr[] => [
    ...addTo(s0, 'f64x2.add', ...num(0), ...f64Of(den, 0), 'f64x2.div'),
    ...addTo(s1, 'f64x2.add', ...num(1), ...f64Of(den, 1), 'f64x2.div'),
  ];
  const denOf = (pa: string, na: string): Instr[] => [
    get(pa),
    get(na),
    'i32x4.add',
    splat32(1),
    'i32x4.max_s',
    set('DEN'),
  ];
  const uAdd = (u0: string, u1: string, n: string, t: string): Instr[] => [
    ...addTo(u0, 'i64x2.add', get(n), get(t), 'i64x2.extmul_low_i32x4_s'),
    ...addTo(u1, 'i64x2.add', get(n), get(t), 'i64x2.extmul_high_i32x4_s'),
  ];
  const groupSums = (): Instr[] => [
    ...addTo('GTA', 'i32x4.add', get('A')),
    ...addTo('GTB', 'i32x4.add', get('B')),
    get('p'),
    ['if'],
    ...addTo('GPA', 'i32x4.add', get('A')),
    ...addTo('GPB', 'i32x4.add', get('B')),
    'end',
  ];
  // A one-row group: a positive adds w to pa and w·pa / (pa + na) to s; a negative adds w·2pa
  // to u and w to na (the group step with the other terms zero).
  const single: Instr[] = [
    get('p'),
    ['if'],
    ...addTo('PAA', 'i32x4.add', get('A')),
    ...addTo('PAB', 'i32x4.add', get('B')),
    get('A'),
    get('PAA'),
    'i32x4.mul',
    set('NUM'),
    ...denOf('PAA', 'NAA'),
    ...apTerm('S0', 'S1', (h) => f64Of('NUM', h), 'DEN'),
    get('B'),
    get('PAB'),
    'i32x4.mul',
    set('NUM'),
    ...denOf('PAB', 'NAB'),
    ...apTerm('S2', 'S3', (h) => f64Of('NUM', h), 'DEN'),
    'else',
    get('PAA'),
    i32(1),
    'i32x4.shl',
    set('TA'),
    ...uAdd('U0', 'U1', 'A', 'TA'),
    get('PAB'),
    i32(1),
    'i32x4.shl',
    set('TB'),
    ...uAdd('U2', 'U3', 'B', 'TB'),
    ...addTo('NAA', 'i32x4.add', get('A')),
    ...addTo('NAB', 'i32x4.add', get('B')),
    'end',
  ];
  // The last row of a longer group: its sums, then rankPass's group step (n = gt − gp).
  const zero = (n: string): Instr[] => [splat32(0), set(n)];
  const group: Instr[] = [
    ...groupSums(),
    ...addTo('GTA', 'i32x4.sub', get('GPA')),
    ...addTo('GTB', 'i32x4.sub', get('GPB')),
    get('PAA'),
    i32(1),
    'i32x4.shl',
    get('GPA'),
    'i32x4.add',
    set('TA'),
    ...uAdd('U0', 'U1', 'GTA', 'TA'),
    get('PAB'),
    i32(1),
    'i32x4.shl',
    get('GPB'),
    'i32x4.add',
    set('TB'),
    ...uAdd('U2', 'U3', 'GTB', 'TB'),
    ...addTo('PAA', 'i32x4.add', get('GPA')),
    ...addTo('PAB', 'i32x4.add', get('GPB')),
    ...addTo('NAA', 'i32x4.add', get('GTA')),
    ...addTo('NAB', 'i32x4.add', get('GTB')),
    // gp·pa as JS computes it: a double product of the two integers.
    ...denOf('PAA', 'NAA'),
    ...apTerm('S0', 'S1', (h) => [...f64Of('GPA', h), ...f64Of('PAA', h), 'f64x2.mul'], 'DEN'),
    ...denOf('PAB', 'NAB'),
    ...apTerm('S2', 'S3', (h) => [...f64Of('GPB', h), ...f64Of('PAB', h), 'f64x2.mul'], 'DEN'),
    ...zero('GTA'),
    ...zero('GTB'),
    ...zero('GPA'),
    ...zero('GPB'),
  ];
  const store = (offset: number, name: string): Instr[] => [
    get('out'),
    get(name),
    ['v128.store', { offset }],
  ];
  const outs = ['U0', 'U1', 'U2', 'U3', 'PAA', 'PAB', 'NAA', 'NAB', 'S0', 'S1', 'S2', 'S3'];
  return {
    name: 'rank',
    params: [
      ['rows', 'i32'],
      ['pos', 'i32'],
      ['ends', 'i32'],
      ['m', 'i32'],
      ['out', 'i32'],
    ],
    locals: [
      ['j', 'i32'],
      ['end', 'i32'],
      ['start', 'i32'],
      ['p', 'i32'],
      ...v(['K', 'H', 'W', 'A', 'B', 'NUM', 'DEN', 'TA', 'TB', 'GTA', 'GTB', 'GPA', 'GPB']),
      ...v(outs),
    ],
    body: [
      i32(0),
      'v128.load',
      set('K'),
      ['block'],
      get('m'),
      'i32.eqz',
      ['br_if', 0],
      get('ends'),
      'i32.load',
      set('end'),
      ['loop'],
      get('rows'),
      get('j'),
      i32(2),
      'i32.shl',
      'i32.add',
      'i32.load',
      ...weights(),
      get('pos'),
      get('j'),
      'i32.add',
      'i32.load8_u',
      set('p'),
      get('j'),
      i32(1),
      'i32.add',
      tee('j'),
      get('end'),
      'i32.eq',
      ['if'],
      get('start'),
      i32(1),
      'i32.add',
      get('j'),
      'i32.eq',
      ['if'],
      ...single,
      'else',
      ...group,
      'end',
      get('j'),
      set('start'),
      get('ends'),
      i32(4),
      'i32.add',
      tee('ends'),
      'i32.load',
      set('end'),
      'else',
      ...groupSums(),
      'end',
      get('j'),
      get('m'),
      'i32.lt_u',
      ['br_if', 0],
      'end',
      'end',
      ...outs.flatMap((n, k) => store(16 * k, n)),
    ],
  };
}

/**
 * means<k>(rows, total, cols, out): k weighted means in row order for eight resamples. rows: the
 * row index of each position (u32); cols: k byte offsets of f64 columns by position (NaN =
 * skipped); out per column: Σw as i32 × 8, then Σv·w as f64 × 8 (96 bytes). clean<k>: the same
 * for columns with no NaN.
 */
function means(k: number, clean: boolean): Func {
  const cols = Array.from({ length: k }, (_, c) => c);
  // Columns with no NaN (clean) share one Σw, added once per row, and need no test per value.
  const weightSums = clean ? ['CA', 'CB'] : cols.flatMap((c) => [`CA${c}`, `CB${c}`]);
  const ca = (c: number) => (clean ? 'CA' : `CA${c}`);
  const cb = (c: number) => (clean ? 'CB' : `CB${c}`);
  const sums = cols.flatMap((c) => [`S${c}_0`, `S${c}_1`, `S${c}_2`, `S${c}_3`]);
  const products = (c: number): Instr[] => [
    get('v'),
    'f64x2.splat',
    set('V'),
    ...['FA0', 'FA1', 'FB0', 'FB1'].flatMap((f, q) =>
      addTo(`S${c}_${q}`, 'f64x2.add', get('V'), get(f), 'f64x2.mul'),
    ),
  ];
  const load = (c: number): Instr[] => [get(`c${c}`), get('jb'), 'i32.add', 'f64.load', set('v')];
  const column = (c: number): Instr[] =>
    clean
      ? [...load(c), ...products(c)]
      : [
          ...load(c),
          get('v'),
          get('v'),
          'f64.eq',
          ['if'],
          ...addTo(ca(c), 'i32x4.add', get('A')),
          ...addTo(cb(c), 'i32x4.add', get('B')),
          ...products(c),
          'end',
        ];
  const shared: Instr[] = clean
    ? [...addTo('CA', 'i32x4.add', get('A')), ...addTo('CB', 'i32x4.add', get('B'))]
    : [];
  return {
    name: `${clean ? 'clean' : 'means'}${k}`,
    params: [
      ['rows', 'i32'],
      ['total', 'i32'],
      ['cols', 'i32'],
      ['out', 'i32'],
    ],
    locals: [
      ['j', 'i32'],
      ['jb', 'i32'],
      ...cols.map((c): [string, 'i32'] => [`c${c}`, 'i32']),
      ['v', 'f64'],
      ...['K', 'H', 'W', 'A', 'B', 'V', 'FA0', 'FA1', 'FB0', 'FB1', ...weightSums, ...sums].map(
        (n): [string, 'v128'] => [n, 'v128'],
      ),
    ],
    body: [
      i32(0),
      'v128.load',
      set('K'),
      ...cols.flatMap((c): Instr[] => [get('cols'), ['i32.load', { offset: 4 * c }], set(`c${c}`)]),
      ['block'],
      get('total'),
      'i32.eqz',
      ['br_if', 0],
      ['loop'],
      get('j'),
      i32(3),
      'i32.shl',
      set('jb'),
      get('rows'),
      get('j'),
      i32(2),
      'i32.shl',
      'i32.add',
      'i32.load',
      ...weights(),
      ...f64Of('A', 0),
      set('FA0'),
      ...f64Of('A', 1),
      set('FA1'),
      ...f64Of('B', 0),
      set('FB0'),
      ...f64Of('B', 1),
      set('FB1'),
      ...cols.flatMap(column),
      ...shared,
      get('j'),
      i32(1),
      'i32.add',
      tee('j'),
      get('total'),
      'i32.lt_u',
      ['br_if', 0],
      'end',
      'end',
      ...cols.flatMap((c): Instr[] =>
        [ca(c), cb(c), `S${c}_0`, `S${c}_1`, `S${c}_2`, `S${c}_3`].flatMap((n, q): Instr[] => [
          get('out'),
          get(n),
          ['v128.store', { offset: 96 * c + 16 * q }],
        ]),
      ),
    ],
  };
}

/** Column counts with a means function of their own (more columns: several calls). */
export const MEANS_WIDTHS = [1, 2, 3, 4];

/** The module's bytes: rank, means1..means4 and clean1..clean4 (columns with no NaN). */
export function kernelModule(): Uint8Array<ArrayBuffer> {
  return moduleOf([
    rank(),
    ...MEANS_WIDTHS.map((k) => means(k, false)),
    ...MEANS_WIDTHS.map((k) => means(k, true)),
  ]);
}
