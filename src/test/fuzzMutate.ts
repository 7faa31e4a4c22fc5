// Seeded byte-level mutations of valid Arrow files, for the fuzzer (see fuzz.ts).

/** mulberry32: a tiny seeded PRNG, so every fuzz case can be replayed from its seed. */
export function mulberry32(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rng = () => number;

export const MUTATIONS = ['flip', 'set', 'truncate', 'duplicate', 'splice', 'length'] as const;
export type MutationKind = (typeof MUTATIONS)[number];

const int = (rng: Rng, n: number) => Math.floor(rng() * n);

/** Values that break length fields: the int32 extremes, zero, just past the data. */
const LENGTHS = [0x7fffffff, -1, -0x80000000, 0x10000000, 0, 8, 0xffff];

/** Offsets that look like length fields: after each 0xFFFFFFFF continuation marker (message
 * metadata lengths), the footer length of the file format, else any 4-aligned int32. */
function lengthTargets(b: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i + 8 <= b.length; i += 4) {
    if (b[i] === 0xff && b[i + 1] === 0xff && b[i + 2] === 0xff && b[i + 3] === 0xff) {
      out.push(i + 4);
    }
  }
  if (b.length >= 10) out.push(b.length - 10);
  return out;
}

/** Applies one mutation; returns the new bytes and a short description (for replaying). */
export function mutateOnce(
  bytes: Uint8Array,
  kind: MutationKind,
  rng: Rng,
  donor: Uint8Array,
): { bytes: Uint8Array; what: string } {
  const n = bytes.length;
  if (n === 0) return { bytes, what: 'empty' };
  switch (kind) {
    case 'flip': {
      // Headers (the first KiB and the last 256 bytes) are where structure lives: favour them.
      const region = rng();
      const at =
        region < 0.4
          ? int(rng, Math.min(n, 1024))
          : region < 0.6
            ? n - 1 - int(rng, Math.min(n, 256))
            : int(rng, n);
      const bit = int(rng, 8);
      const out = bytes.slice();
      out[at]! ^= 1 << bit;
      return { bytes: out, what: `flip@${at}.${bit}` };
    }
    case 'set': {
      const at = int(rng, n);
      const len = 1 + int(rng, rng() < 0.8 ? 4 : 64);
      const v = [0x00, 0xff, 0x7f][int(rng, 3)]!;
      const out = bytes.slice();
      out.fill(v, at, Math.min(n, at + len));
      return { bytes: out, what: `set@${at}+${len}=${v}` };
    }
    case 'truncate': {
      const at = int(rng, n);
      return { bytes: bytes.slice(0, at), what: `cut@${at}` };
    }
    case 'duplicate': {
      const from = int(rng, n);
      const len = 1 + int(rng, Math.min(4096, n - from));
      const to = int(rng, n);
      const out = new Uint8Array(n + len);
      out.set(bytes.subarray(0, to));
      out.set(bytes.subarray(from, from + len), to);
      out.set(bytes.subarray(to), to + len);
      return { bytes: out, what: `dup@${from}+${len}->${to}` };
    }
    case 'splice': {
      const cut = int(rng, n);
      const from = int(rng, donor.length);
      const out = new Uint8Array(cut + donor.length - from);
      out.set(bytes.subarray(0, cut));
      out.set(donor.subarray(from), cut);
      return { bytes: out, what: `splice@${cut}+donor@${from}` };
    }
    case 'length': {
      const targets = lengthTargets(bytes);
      const at =
        targets.length && rng() < 0.6 ? targets[int(rng, targets.length)]! : int(rng, n >> 2) * 4;
      if (at + 4 > n) return { bytes, what: 'noop' };
      const v = LENGTHS[int(rng, LENGTHS.length)]!;
      const out = bytes.slice();
      new DataView(out.buffer).setInt32(at, v, true);
      return { bytes: out, what: `i32@${at}=${v}` };
    }
  }
}

/** One to three mutations in a row, chosen by the generator. */
export function mutate(
  bytes: Uint8Array,
  rng: Rng,
  donor: Uint8Array,
): { bytes: Uint8Array; what: string } {
  const steps = 1 + (rng() < 0.7 ? 0 : int(rng, 3));
  let b = bytes;
  const what: string[] = [];
  for (let i = 0; i < steps; i++) {
    const kind = MUTATIONS[int(rng, MUTATIONS.length)]!;
    const r = mutateOnce(b, kind, rng, donor);
    b = r.bytes;
    what.push(r.what);
  }
  return { bytes: b, what: what.join(' ') };
}
