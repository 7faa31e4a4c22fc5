import { afterEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { Session } from '../../session/session';
import { files, fixtureTable } from '../../../test/fixtures';
import { thumbnails } from './thumbnails';
import { instanceText } from './text';

function open(...names: string[]) {
  const s = new Session();
  const r = s.openBytes(files(...names));
  s.analyse(r.summary!.inferred);
  return s.dataset;
}

function openDemo() {
  const s = new Session();
  const bytes = new Uint8Array(
    readFileSync(new URL('../../../../public/demo/digits.arrow', import.meta.url)),
  );
  const r = s.openBytes([{ name: 'digits.arrow', bytes }]);
  s.analyse(r.summary!.inferred);
  return s.dataset;
}

afterEach(() => vi.restoreAllMocks());

describe('thumbnails', () => {
  it('draws a demo digit from its 28×28 bytes, grey spread over RGB', async () => {
    const d = openDemo();
    expect(d.roles?.images).toEqual(['image']);
    const [t] = await thumbnails(d, { column: 'image', rows: [5], size: 96, origins: [] });
    if (!t || !('rgba' in t)) throw new Error('no pixels');
    expect([t.width, t.height]).toEqual([28, 28]);
    const col = d.byName.get('image');
    if (col?.kind !== 'binary') throw new Error('not binary');
    const grey = col.bytes.subarray(5 * 784, 6 * 784);
    expect(Array.from(t.rgba.filter((_, k) => k % 4 === 1))).toEqual(Array.from(grey));
    expect(grey.some((v) => v > 200)).toBe(true);
  });

  it('explains the bad rows without decoding them: 100 MP header, SVG, null', async () => {
    const d = open('instances/png-images.arrow');
    const out = await thumbnails(d, {
      column: 'image',
      rows: [31, 32, 33, 99],
      size: 96,
      origins: [],
    });
    expect(out).toEqual([
      { row: 31, placeholder: '10000×10000 png (100 MP) is too large to show' },
      { row: 32, placeholder: 'SVG images are not shown (they can carry scripts)' },
      { row: 33, placeholder: 'no image' },
      { row: 99, placeholder: 'no such row' },
    ]);
  });

  it('requests nothing from an origin that was not allowed; javascript: and SVG URLs refused', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const d = open('instances/url-images.arrow');
    const out = await thumbnails(d, {
      column: 'image_url',
      rows: [10, 11, 12],
      size: 96,
      origins: [],
    });
    expect(out).toEqual([
      { row: 10, placeholder: 'javascript: URLs are never opened' },
      { row: 11, placeholder: 'SVG images are not shown (they can carry scripts)' },
      {
        row: 12,
        placeholder: 'from http://127.0.0.1:9: not loaded until allowed',
        origin: 'http://127.0.0.1:9',
      },
    ]);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('asks an allowed origin, without cookies or referrer', async () => {
    const fetchSpy = vi
      .spyOn(globalThis, 'fetch')
      .mockResolvedValue(new Response('<html>', { status: 200 }));
    const d = open('instances/url-images.arrow');
    const [t] = await thumbnails(d, {
      column: 'image_url',
      rows: [12],
      size: 96,
      origins: ['http://127.0.0.1:9'],
    });
    expect(fetchSpy).toHaveBeenCalledOnce();
    expect(fetchSpy.mock.calls[0]![1]).toMatchObject({
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
    expect(t).toEqual({ row: 12, placeholder: 'not a PNG, JPEG, WebP or GIF image' });
  });

  it('draws RGB float pixels (8×8×3) with their colours', async () => {
    const d = open('instances/rgb-pixels.arrow');
    const [red, blue] = await thumbnails(d, {
      column: 'pixels',
      rows: [0, 2],
      size: 96,
      origins: [],
    });
    if (!red || !('rgba' in red) || !blue || !('rgba' in blue)) throw new Error('no pixels');
    // Pixel 0 of the red square: 1 × 0.5 → 128; of the blue one: (0, 0, 128).
    expect(Array.from(red.rgba.subarray(0, 4))).toEqual([128, 0, 0, 255]);
    expect(Array.from(blue.rgba.subarray(0, 4))).toEqual([0, 0, 128, 255]);
  });
});

describe('instanceText', () => {
  it('sends the start of a long text, its length, and the cohort’s matches in it', () => {
    const d = open('instances/png-images.arrow');
    const full = String(fixtureTable('instances/png-images.arrow').getChild('note_text')!.get(0));
    const cohort = { op: 'text', column: 'note_text', pattern: 'NOTE', mode: 'contains' } as const;
    const r = instanceText(d, { column: 'note_text', row: 0, limit: 30, cohort });
    expect(r).toEqual({
      text: full.slice(0, 30),
      total: full.length,
      marks: [
        [7, 11],
        [20, 24],
      ],
      error: null,
    });
    expect(full.length).toBe(13 * 3000 + 8);
  });

  it('says why when the column is not text', () => {
    const d = open('instances/png-images.arrow');
    expect(instanceText(d, { column: 'image', row: 0, limit: 10, cohort: null }).error).toBe(
      '"image" is not a text column',
    );
  });
});
