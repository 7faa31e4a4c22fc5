// WebAssembly SIMD (128-bit) scans over row-major float32 vectors, assembled by hand below (no
// toolchain needed): `l2` writes every row's squared euclidean distance to the query, `dot` every
// row's dot product. The vectors must live in the module's memory (an imported
// WebAssembly.Memory; simdScan.ts copies a column there once). dim must be a multiple of 8;
// accumulation is in float32, so knn.ts re-ranks the best candidates in double precision.
import { sleb, uleb } from '../stats/simd/asm'; // one LEB128 encoder for both hand-built modules

const OP = {
  block: 0x02,
  loop: 0x03,
  brIf: 0x0d,
  end: 0x0b,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  i32Const: 0x41,
  i32Add: 0x6a,
  i32Mul: 0x6c,
  i32LtU: 0x49,
  f32Add: 0x92,
  f32Store: 0x38,
};
const SIMD = 0xfd;
const v128Load = (offset: number) => [SIMD, 0x00, 0x00, ...uleb(offset)];
const v128Zero = [SIMD, 0x0c, ...new Array<number>(16).fill(0)];
const f32x4Add = [SIMD, 0xe4, 0x01];
const f32x4Sub = [SIMD, 0xe5, 0x01];
const f32x4Mul = [SIMD, 0xe6, 0x01];
const extractLane = (lane: number) => [SIMD, 0x1f, lane];

const str = (s: string) => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];

// Parameters: 0 vec (byte offset), 1 n (rows), 2 dim, 3 q (byte offset), 4 out (byte offset).
// Locals: 5 i, 6 j (bytes), 7 rowBytes, 8 acc0 (v128), 9 acc1 (v128).
const [VEC, N, , Q, OUT, I, J, ROW, ACC0, ACC1] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
const get = (l: number) => [OP.localGet, l];
const set = (l: number) => [OP.localSet, l];

/**
 * Body of a scan; `combine` turns two loaded v128s (row part, query part) into the term added to
 * the accumulator. `v128Locals` v128 locals are declared (acc0, acc1 and any scratch).
 */
function scanBody(combine: number[], v128Locals: number): number[] {
  const step = (offset: number, acc: number) => [
    ...get(acc),
    ...get(VEC),
    ...get(J),
    OP.i32Add,
    ...v128Load(offset),
    ...get(Q),
    ...get(J),
    OP.i32Add,
    ...v128Load(offset),
    ...combine,
    ...f32x4Add,
    ...set(acc),
  ];
  const code = [
    // rowBytes = dim * 4
    ...get(2),
    OP.i32Const,
    ...sleb(4),
    OP.i32Mul,
    ...set(ROW),
    OP.block,
    0x40,
    OP.loop,
    0x40,
    ...v128Zero,
    ...set(ACC0),
    ...v128Zero,
    ...set(ACC1),
    OP.i32Const,
    0,
    ...set(J),
    OP.loop,
    0x40,
    ...step(0, ACC0),
    ...step(16, ACC1),
    ...get(J),
    OP.i32Const,
    ...sleb(32),
    OP.i32Add,
    OP.localTee,
    J,
    ...get(ROW),
    OP.i32LtU,
    OP.brIf,
    0,
    OP.end,
    // out[i] = horizontal sum of acc0 + acc1
    ...get(OUT),
    ...get(I),
    OP.i32Const,
    ...sleb(4),
    OP.i32Mul,
    OP.i32Add,
    ...get(ACC0),
    ...get(ACC1),
    ...f32x4Add,
    ...set(ACC0),
    ...get(ACC0),
    ...extractLane(0),
    ...get(ACC0),
    ...extractLane(1),
    OP.f32Add,
    ...get(ACC0),
    ...extractLane(2),
    OP.f32Add,
    ...get(ACC0),
    ...extractLane(3),
    OP.f32Add,
    OP.f32Store,
    0x02,
    0x00,
    // vec += rowBytes; i++; loop while i < n
    ...get(VEC),
    ...get(ROW),
    OP.i32Add,
    ...set(VEC),
    ...get(I),
    OP.i32Const,
    1,
    OP.i32Add,
    OP.localTee,
    I,
    ...get(N),
    OP.i32LtU,
    OP.brIf,
    0,
    OP.end,
    OP.end,
    OP.end,
  ];
  const locals = vec([
    [3, 0x7f],
    [v128Locals, 0x7b],
  ]);
  const body = [...locals, ...code];
  return [...uleb(body.length), ...body];
}

function moduleBytes(): Uint8Array<ArrayBuffer> {
  const i32 = 0x7f;
  const type = [0x60, ...vec([[i32], [i32], [i32], [i32], [i32]]), 0];
  const bytes = [
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec([type])),
    // (import "env" "mem" (memory 1))
    ...section(2, vec([[...str('env'), ...str('mem'), 0x02, 0x00, 0x01]])),
    ...section(3, vec([[0], [0]])),
    ...section(
      7,
      vec([
        [...str('l2'), 0x00, 0],
        [...str('dot'), 0x00, 1],
      ]),
    ),
    ...section(10, vec([scanBody([...f32x4Sub, ...square()], 3), scanBody(f32x4Mul, 2)])),
  ];
  return Uint8Array.from(bytes);
}

/** Squares the v128 on top of the stack (wasm has no dup: tee it into scratch local 10). */
function square(): number[] {
  return [OP.localTee, 10, OP.localGet, 10, ...f32x4Mul];
}

export interface SimdScans {
  memory: WebAssembly.Memory;
  /** out[i] = |row_i - q|² for n rows of dim floats at byte offset vec; q and out offsets too. */
  l2(vec: number, n: number, dim: number, q: number, out: number): void;
  dot(vec: number, n: number, dim: number, q: number, out: number): void;
}

/** Instantiates the scans over a fresh memory of `bytes` (rounded up to 64 KiB pages). */
export function createSimdScans(bytes: number): SimdScans {
  const pages = Math.ceil(bytes / 65536);
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
  const mod = new WebAssembly.Module(moduleBytes());
  const inst = new WebAssembly.Instance(mod, { env: { mem: memory } });
  const e = inst.exports as unknown as Omit<SimdScans, 'memory'>;
  return { memory, l2: e.l2, dot: e.dot };
}
