// A tiny WebAssembly assembler (no toolchain, as engine/neighbors/simd.ts): functions are written
// as lists of instructions by name, with named locals, and packed into a module's bytes here. Only
// the instructions the bootstrap kernels use are listed; an unknown name throws when the module is
// built, and WebAssembly.Module validates the rest.

type Bytes = number[];

export function uleb(n: number): Bytes {
  const out: Bytes = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

export function sleb(n: number): Bytes {
  const out: Bytes = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

// Plain opcodes (no immediates, or a memarg added by `mem`).
const PLAIN: Record<string, number> = {
  unreachable: 0x00,
  else: 0x05,
  end: 0x0b,
  return: 0x0f,
  drop: 0x1a,
  select: 0x1b,
  'i32.eqz': 0x45,
  'i32.eq': 0x46,
  'i32.ne': 0x47,
  'i32.lt_u': 0x49,
  'i32.gt_u': 0x4b,
  'i32.ge_u': 0x4f,
  'f64.eq': 0x61,
  'f64.ne': 0x62,
  'i32.add': 0x6a,
  'i32.sub': 0x6b,
  'i32.mul': 0x6c,
  'i32.and': 0x71,
  'i32.or': 0x72,
  'i32.shl': 0x74,
};

// Loads and stores (natural alignment, offset 0 unless given).
const MEM: Record<string, [number, number]> = {
  'i32.load': [0x28, 2],
  'f64.load': [0x2b, 3],
  'i32.load8_u': [0x2d, 0],
  'i32.store': [0x36, 2],
  'f64.store': [0x39, 3],
};

// SIMD opcodes (prefix 0xfd, LEB128 index).
const SIMD: Record<string, number> = {
  'v128.load': 0x00,
  'v128.store': 0x0b,
  'i32x4.splat': 0x11,
  'f64x2.splat': 0x14,
  'i16x8.ge_u': 0x36,
  'v128.and': 0x4e,
  'v128.xor': 0x51,
  'i16x8.sub': 0x91,
  'i32x4.extend_low_i16x8_u': 0xa9,
  'i32x4.extend_high_i16x8_u': 0xaa,
  'i32x4.shl': 0xab,
  'i32x4.shr_u': 0xad,
  'i32x4.add': 0xae,
  'i32x4.sub': 0xb1,
  'i32x4.mul': 0xb5,
  'i32x4.max_s': 0xb8,
  'i64x2.add': 0xce,
  'i64x2.extmul_low_i32x4_s': 0xdc,
  'i64x2.extmul_high_i32x4_s': 0xdd,
  'f64x2.add': 0xf0,
  'f64x2.mul': 0xf2,
  'f64x2.div': 0xf3,
  'f64x2.convert_low_i32x4_s': 0xfe,
};

export type Instr =
  | string
  | ['local.get' | 'local.set' | 'local.tee', string]
  | ['i32.const', number]
  | ['f64.const', number]
  | ['v128.const', Bytes]
  | ['i8x16.shuffle', Bytes]
  | ['block' | 'loop' | 'if']
  | ['br' | 'br_if', number]
  | [keyof typeof MEM | 'v128.load' | 'v128.store', { offset: number }];

const V128 = 0x7b;
const I32 = 0x7f;
const F64 = 0x7c;
export type ValType = 'i32' | 'f64' | 'v128';
const TYPE: Record<ValType, number> = { i32: I32, f64: F64, v128: V128 };

export interface Func {
  name: string;
  params: [string, ValType][];
  locals: [string, ValType][];
  body: Instr[];
}

function encode(f: Func): Bytes {
  const index = new Map<string, number>();
  [...f.params, ...f.locals].forEach(([n], i) => {
    if (index.has(n)) throw new Error(`wasm asm: local ${n} declared twice in ${f.name}`);
    index.set(n, i);
  });
  const local = (n: string) => {
    const i = index.get(n);
    if (i === undefined) throw new Error(`wasm asm: no local ${n} in ${f.name}`);
    return uleb(i);
  };
  const code: Bytes = [];
  for (const ins of f.body) {
    if (typeof ins === 'string') {
      if (ins in PLAIN) code.push(PLAIN[ins]!);
      else if (ins in MEM) code.push(MEM[ins]![0], MEM[ins]![1], 0);
      else if (ins in SIMD) {
        code.push(0xfd, ...uleb(SIMD[ins]!));
        if (ins === 'v128.load' || ins === 'v128.store') code.push(4, 0);
      } else throw new Error(`wasm asm: unknown instruction ${ins}`);
      continue;
    }
    const [op, arg] = ins;
    if (op === 'local.get') code.push(0x20, ...local(arg as string));
    else if (op === 'local.set') code.push(0x21, ...local(arg as string));
    else if (op === 'local.tee') code.push(0x22, ...local(arg as string));
    else if (op === 'i32.const') code.push(0x41, ...sleb(arg as number));
    else if (op === 'f64.const') {
      code.push(0x44, ...new Uint8Array(Float64Array.of(arg as number).buffer));
    } else if (op === 'v128.const') code.push(0xfd, 0x0c, ...(arg as Bytes));
    else if (op === 'i8x16.shuffle') code.push(0xfd, 0x0d, ...(arg as Bytes));
    else if (op === 'block') code.push(0x02, 0x40);
    else if (op === 'loop') code.push(0x03, 0x40);
    else if (op === 'if') code.push(0x04, 0x40);
    else if (op === 'br') code.push(0x0c, ...uleb(arg as number));
    else if (op === 'br_if') code.push(0x0d, ...uleb(arg as number));
    else if (op === 'v128.load' || op === 'v128.store') {
      code.push(0xfd, SIMD[op]!, 4, ...uleb((arg as { offset: number }).offset));
    } else if (op in MEM) {
      const [c, align] = MEM[op]!;
      code.push(c, align, ...uleb((arg as { offset: number }).offset));
    } else throw new Error(`wasm asm: unknown instruction ${op}`);
  }
  code.push(0x0b);
  // Locals as runs of one type each.
  const runs: Bytes[] = f.locals.map(([, t]) => [1, TYPE[t]]);
  const body = [...uleb(runs.length), ...runs.flat(), ...code];
  return [...uleb(body.length), ...body];
}

const str = (s: string): Bytes => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
const section = (id: number, body: Bytes) => [id, ...uleb(body.length), ...body];
const vec = (items: Bytes[]) => [...uleb(items.length), ...items.flat()];

/** A module importing its memory as env.mem and exporting every function by name (no results). */
export function moduleOf(funcs: Func[]): Uint8Array<ArrayBuffer> {
  const types = funcs.map((f) => [0x60, ...vec(f.params.map(([, t]) => [TYPE[t]])), 0]);
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec(types)),
    ...section(2, vec([[...str('env'), ...str('mem'), 0x02, 0x00, 0x01]])),
    ...section(3, vec(funcs.map((_, i) => uleb(i)))),
    ...section(7, vec(funcs.map((f, i) => [...str(f.name), 0x00, ...uleb(i)]))),
    ...section(10, vec(funcs.map(encode))),
  ]);
}
