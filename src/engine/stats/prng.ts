/**
 * xoshiro128** (Blackman & Vigna): 128-bit state, period 2^128 − 1. A bootstrap over a million
 * rows draws hundreds of millions of numbers, which would wrap a 32-bit generator such as
 * mulberry32 (period 2^32) within a few analyses.
 */
export class Xoshiro128 {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  /** Second value of the last polar normal pair, or NaN when none is held. */
  private spare = NaN;

  /** Any integer seed; splitmix32 spreads it so nearby seeds give unrelated streams. */
  constructor(seed: number) {
    let s = seed >>> 0;
    const mix = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) | 0;
    };
    this.a = mix();
    this.b = mix();
    this.c = mix();
    this.d = mix();
    // An all-zero state is the one fixed point; splitmix32 never yields it, but be certain.
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  /** A generator with the given raw state words (not all zero), for known-answer tests. */
  static fromState(a: number, b: number, c: number, d: number): Xoshiro128 {
    const g = new Xoshiro128(0);
    [g.a, g.b, g.c, g.d] = [a | 0, b | 0, c | 0, d | 0];
    return g;
  }

  /** Uniform integer in [0, 2^32). */
  nextU32(): number {
    const m = Math.imul(this.b, 5);
    const r = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = (this.d << 11) | (this.d >>> 21);
    return r;
  }

  /**
   * Fills out[0..len) with uniform 32-bit integers. The state lives in locals for the loop, which
   * is several times faster than calling nextU32 per value; the stream is identical.
   */
  fillU32(out: Uint32Array, len: number): void {
    let a = this.a;
    let b = this.b;
    let c = this.c;
    let d = this.d;
    for (let i = 0; i < len; i++) {
      const m = Math.imul(b, 5);
      out[i] = Math.imul((m << 7) | (m >>> 25), 9);
      const t = b << 9;
      c ^= a;
      d ^= b;
      b ^= c;
      a ^= d;
      c ^= t;
      d = (d << 11) | (d >>> 21);
    }
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  nextFloat(): number {
    const hi = this.nextU32() >>> 5;
    const lo = this.nextU32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Standard normal (Marsaglia's polar method; the second value of each pair is kept). */
  nextNormal(): number {
    if (this.spare === this.spare) {
      const v = this.spare;
      this.spare = NaN;
      return v;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.nextFloat() - 1;
      v = 2 * this.nextFloat() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * f;
    return u * f;
  }
}
