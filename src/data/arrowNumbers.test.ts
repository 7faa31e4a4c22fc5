import { describe, expect, it } from 'vitest';
import { int64Reader } from './arrowNumbers';

describe('int64Reader', () => {
  it('reads every 64-bit integer as Number(bigint) does, signed and unsigned', () => {
    const signed = [
      0n,
      1n,
      -1n,
      2n ** 31n,
      -(2n ** 31n),
      2n ** 32n - 1n,
      2n ** 53n + 1n, // rounds: not representable
      -(2n ** 53n) - 3n,
      2n ** 63n - 1n,
      -(2n ** 63n),
      123456789012345678n,
    ];
    const s = BigInt64Array.from(signed);
    const rs = int64Reader(s);
    signed.forEach((v, i) => expect(rs(i)).toBe(Number(v)));
    const unsigned = [0n, 2n ** 32n, 2n ** 63n, 2n ** 64n - 1n, 2n ** 53n + 1n, 9007199254740993n];
    const u = BigUint64Array.from(unsigned);
    const ru = int64Reader(u);
    unsigned.forEach((v, i) => expect(ru(i)).toBe(Number(v)));
  });

  it('reads a view that starts inside its buffer', () => {
    const all = BigInt64Array.from([5n, -7n, 2n ** 40n + 3n]);
    const view = all.subarray(1);
    const r = int64Reader(view);
    expect([r(0), r(1)]).toEqual([-7, 2 ** 40 + 3]);
  });
});
