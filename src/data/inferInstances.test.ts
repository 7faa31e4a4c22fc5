import { describe, expect, it } from 'vitest';
import { fromArrowTable } from './fromArrow';
import { describeColumn } from './columnInfo';
import { inferRoles } from './inferRoles';
import { fixtureTable } from '../test/fixtures';
import type { ColumnInfo } from './types';

function roles(name: string) {
  const t = fromArrowTable(fixtureTable(name), name, 0);
  const infos = t.columns.map((c) => describeColumn(c, t.arrowTypes[c.name]!));
  return inferRoles(infos, t.metadata, null);
}

const info = (name: string, kind: ColumnInfo['kind'], extra: Partial<ColumnInfo> = {}) => ({
  name,
  kind,
  arrowType: '',
  nullCount: 0,
  distinct: null,
  min: null,
  max: null,
  integral: false,
  dim: null,
  sample: [],
  ...extra,
});

describe('image and text roles', () => {
  it('binary columns are images, *_text columns texts, and neither is a feature', () => {
    const r = roles('instances/png-images.arrow');
    expect(r.images).toEqual(['image']);
    expect(r.texts).toEqual(['note_text']);
    expect(r.label).toBe('label');
    expect(r.versions.map((v) => v.name)).toEqual(['v1', 'v2']);
  });

  it('data:image strings are images; a float list named pixels is one, not an embedding', () => {
    expect(roles('instances/url-images.arrow').images).toEqual(['image_url']);
    const rgb = roles('instances/rgb-pixels.arrow');
    expect(rgb.images).toEqual(['pixels']);
    expect(rgb.embeddings).toEqual([]);
  });

  it('a 784-d vector named embedding stays an embedding; http URLs need an image name', () => {
    const r = inferRoles(
      [
        info('embedding', 'vector', { dim: 784 }),
        info('homepage', 'string', { sample: ['https://example.org/'] }),
        info('img_src', 'string', { sample: ['https://example.org/a.jpg'] }),
        info('review', 'string', { sample: ['great'] }),
      ],
      {},
      null,
    );
    expect(r.embeddings).toEqual(['embedding']);
    expect(r.images).toEqual(['img_src']);
    expect(r.texts).toEqual(['review']);
  });

  it('schema metadata names them; absent keys fall back to inference', () => {
    const infos = [info('id', 'string'), info('photo', 'binary'), info('message', 'string')];
    const meta = (o: object) => ({ 'workbench.roles': JSON.stringify({ task: 'binary', ...o }) });
    expect(inferRoles(infos, meta({ images: [], texts: ['message'] }), null)).toMatchObject({
      images: [],
      texts: ['message'],
    });
    expect(inferRoles(infos, meta({}), null)).toMatchObject({
      images: ['photo'],
      texts: ['message'],
    });
  });
});
