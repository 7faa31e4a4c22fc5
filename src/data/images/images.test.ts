import { describe, expect, it } from 'vitest';
import { readImageHeader } from './imageHeader';
import { imageRef } from './imageUrl';
import { pixelsToRgba } from './pixels';
import { fixtureTable } from '../../test/fixtures';

const bytes = (...parts: (number[] | string)[]) =>
  Uint8Array.from(
    parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)),
  );
const png = fixtureTable('instances/png-images.arrow').getChild('image')!;

describe('readImageHeader', () => {
  it('reads the size from PNG, JPEG, WebP and GIF headers (sizes written by hand)', () => {
    expect(readImageHeader(png.get(0) as Uint8Array)).toEqual({
      format: 'png',
      width: 28,
      height: 28,
    });
    // The fixture's 100-megapixel PNG: its IHDR says 10000 × 10000.
    expect(readImageHeader(png.get(31) as Uint8Array)).toEqual({
      format: 'png',
      width: 10000,
      height: 10000,
    });
    // SOI, an APP0 segment of 16 bytes, then SOF0: height 480, width 640.
    const jpeg = bytes(
      [0xff, 0xd8, 0xff, 0xe0, 0, 16],
      new Array(14).fill(0),
      [0xff, 0xc0, 0, 17, 8, 0x01, 0xe0, 0x02, 0x80, 3],
    );
    expect(readImageHeader(jpeg)).toEqual({ format: 'jpeg', width: 640, height: 480 });
    const riff = (chunk: string, body: number[]) =>
      bytes('RIFF', [0, 0, 0, 0], 'WEBP', chunk, [0, 0, 0, 0], body, new Array(8).fill(0));
    // VP8X: width − 1 and height − 1 as 24-bit little-endian at 24 and 27: 1920 × 1080.
    expect(readImageHeader(riff('VP8X', [0, 0, 0, 0, 0x7f, 0x07, 0, 0x37, 0x04, 0]))).toEqual({
      format: 'webp',
      width: 1920,
      height: 1080,
    });
    // VP8L: 14-bit width − 1 (99) and height − 1 (49) packed after the 0x2f signature.
    expect(readImageHeader(riff('VP8L', [0x2f, 0x63, 0x40, 0x0c, 0x00]))).toEqual({
      format: 'webp',
      width: 100,
      height: 50,
    });
    // VP8: frame tag, start code 9d 01 2a, then 14-bit width 320 and height 240.
    expect(
      readImageHeader(riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, 0x40, 0x01, 0xf0, 0x00])),
    ).toEqual({ format: 'webp', width: 320, height: 240 });
    expect(readImageHeader(bytes('GIF89a', [0x10, 0, 0x20, 0]))).toEqual({
      format: 'gif',
      width: 16,
      height: 32,
    });
  });

  it('names what it refuses: SVG, unknown bytes, empty, cut short', () => {
    expect(readImageHeader(png.get(32) as Uint8Array)).toEqual({
      error: expect.stringMatching(/SVG/),
    });
    expect(readImageHeader(bytes('<?xml version="1.0"?><svg/>'))).toEqual({
      error: expect.stringMatching(/SVG/),
    });
    expect(readImageHeader(bytes('hello world'))).toEqual({
      error: 'not a PNG, JPEG, WebP or GIF image',
    });
    expect(readImageHeader(new Uint8Array())).toEqual({ error: 'no image (empty)' });
    expect(readImageHeader(bytes([0x89], 'PNG', [13, 10]))).toEqual({
      error: expect.stringMatching(/cut short/),
    });
  });
});

describe('imageRef', () => {
  it('decodes data:image URLs to the same bytes', () => {
    const b = png.get(1) as Uint8Array;
    const ref = imageRef(`data:image/png;base64,${Buffer.from(b).toString('base64')}`);
    expect(ref.kind === 'bytes' && Array.from(ref.bytes)).toEqual(Array.from(b));
  });

  it('refuses javascript:, SVG, non-images and huge strings without decoding them', () => {
    expect(imageRef('javascript:alert(1)')).toEqual({
      kind: 'refused',
      reason: 'javascript: URLs are never opened',
    });
    expect(imageRef(' JavaScript:alert(1)').kind).toBe('refused');
    expect(imageRef('data:image/svg+xml;base64,PHN2Zz4=')).toMatchObject({
      reason: expect.stringMatching(/SVG/),
    });
    expect(imageRef('data:text/html;base64,PHA+')).toMatchObject({
      reason: 'not an image (text/html;base64)',
    });
    expect(imageRef('data:image/png;base64,@@@')).toMatchObject({ reason: 'broken base64' });
    expect(imageRef('x'.repeat(50 * 2 ** 20))).toMatchObject({
      kind: 'refused',
      reason: 'the image text is 50 MB',
    });
    expect(imageRef('just words')).toMatchObject({ reason: 'not an image URL' });
  });

  it('marks http(s) URLs remote with their origin (nothing fetched here)', () => {
    expect(imageRef('https://img.example.org:8443/a/b.png?x=1')).toEqual({
      kind: 'remote',
      url: 'https://img.example.org:8443/a/b.png?x=1',
      origin: 'https://img.example.org:8443',
    });
  });
});

describe('pixelsToRgba', () => {
  it('spreads grey bytes over RGB with opaque alpha', () => {
    const out = pixelsToRgba(Uint8Array.from([0, 128, 255, 7]), {
      width: 2,
      height: 2,
      channels: 1,
    });
    expect(Array.from(out.rgba)).toEqual([
      0, 0, 0, 255, 128, 128, 128, 255, 255, 255, 255, 255, 7, 7, 7, 255,
    ]);
  });

  it('scales floats in [0, 1] to bytes and keeps RGB channels', () => {
    const f = Float32Array.from([1, 0, 0.5, 0, 0.25, 1, 0, 0, 0, 1, 1, 1]);
    const out = pixelsToRgba(f, { width: 2, height: 2, channels: 3 });
    expect(Array.from(out.rgba.subarray(0, 8))).toEqual([255, 0, 128, 255, 0, 64, 255, 255]);
  });
});
