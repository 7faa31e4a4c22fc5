import * as Comlink from 'comlink';
import { rowNorms, sampleRows } from '../../../engine/neighbors';
import { buildGrid, layoutBounds, pca2, pointsInPolygon } from '../../../engine/projection';
import type { PointGrid } from '../../../engine/projection';
import type { Predicate } from '../../../shared/predicate';
import type { VectorColumn } from '../../../data/types';
import type { OpenDataset } from '../../session/dataset';
import { colorCodes } from './colors';
import { neighbourRow } from './rows';
import {
  type ColorBy,
  FILE_COORDS,
  HIDDEN,
  type LayoutResult,
  MAX_SELECTION_IDS,
  selectionOf,
  type PointColors,
  type PointInfo,
  type SelectionResult,
} from '../../../protocol';
import { ROW_INDEX, rowsOf } from '../rows/rows';

/** Points drawn while a large map moves (software WebGL draws ~1M points/s). */
const PREVIEW = 100_000;

interface Layout {
  coords: Float32Array;
  bounds: LayoutResult['bounds'];
  valid: number;
  explained: [number, number] | null;
  fitted: number | null;
  grid: PointGrid;
  preview: Uint32Array;
  method: LayoutResult['method'];
}

/** The embedding map's worker side for one open dataset: layouts, norms, colours, neighbours. */
export class EmbeddingService {
  private layouts = new Map<string, Layout>();
  private norms = new Map<string, Float64Array>();

  constructor(readonly d: OpenDataset) {}

  vectors(name: string): VectorColumn {
    const col = this.d.byName.get(name);
    if (col?.kind !== 'vector') throw new Error(`"${name}" is not an embedding column`);
    return col;
  }

  normsOf(name: string): Float64Array {
    let n = this.norms.get(name);
    if (!n) {
      const col = this.vectors(name);
      this.norms.set(name, (n = rowNorms(col.values, col.dim)));
    }
    return n;
  }

  private fileCoords(): Float32Array {
    const pair = this.d.roles?.coords;
    const x = pair ? this.d.byName.get(pair[0]) : undefined;
    const y = pair ? this.d.byName.get(pair[1]) : undefined;
    if (x?.kind !== 'numeric' || y?.kind !== 'numeric') {
      throw new Error('this dataset has no numeric 2-D coordinates');
    }
    const out = new Float32Array(2 * this.d.n);
    for (let i = 0; i < this.d.n; i++) {
      out[2 * i] = x.values[i]!;
      out[2 * i + 1] = y.values[i]!;
    }
    return out;
  }

  hasLayout(key: string): boolean {
    return this.layouts.has(key);
  }

  /** Keeps a layout computed elsewhere (UMAP) with its bounds, grid and preview. */
  storeLayout(key: string, coords: Float32Array, method: 'umap', fitted: number): void {
    const bounds = layoutBounds(coords);
    const grid = buildGrid(coords, bounds);
    const preview = sampleRows(grid.order, PREVIEW, 1).slice();
    this.layouts.set(key, {
      coords,
      bounds,
      valid: bounds.valid,
      explained: null,
      fitted,
      grid,
      preview,
      method,
    });
  }

  layoutOf(source: string, onProgress?: (done: number, total: number) => void): Layout {
    let l = this.layouts.get(source);
    if (l) return l;
    let coords: Float32Array;
    let explained: [number, number] | null = null;
    let fitted: number | null = null;
    if (source === FILE_COORDS) coords = this.fileCoords();
    else {
      const col = this.vectors(source);
      const p = pca2(col.values, col.dim, 1, onProgress);
      coords = p.coords;
      explained = p.explained;
      fitted = p.fitted;
    }
    const bounds = layoutBounds(coords);
    const grid = buildGrid(coords, bounds);
    const preview = sampleRows(grid.order, PREVIEW, 1).slice();
    const method = source === FILE_COORDS ? 'file' : 'pca';
    l = { coords, bounds, valid: bounds.valid, explained, fitted, grid, preview, method };
    this.layouts.set(source, l);
    return l;
  }

  /** The layout for the GPU: copies of the worker's arrays, transferred (the worker keeps its own). */
  layout(source: string, onProgress?: (done: number, total: number) => void): LayoutResult {
    const l = this.layoutOf(source, onProgress);
    const coords = l.coords.slice();
    const grid = { ...l.grid, start: l.grid.start.slice(), order: l.grid.order.slice() };
    const preview = l.preview.slice();
    const out: LayoutResult = {
      source,
      method: l.method,
      coords,
      bounds: l.bounds,
      valid: l.valid,
      explained: l.explained,
      fitted: l.fitted,
      grid,
      preview,
    };
    const buffers = [coords.buffer, grid.start.buffer, grid.order.buffer, preview.buffer];
    return Comlink.transfer(out, buffers);
  }

  pointColors(by: ColorBy, source: string, cohort: Predicate | null): PointColors {
    const out = colorCodes(this.d, by, this.d.maskOf(cohort));
    const l = this.layouts.get(source);
    if (l) {
      const c = l.coords;
      for (let i = 0; i < out.codes.length; i++) if (c[2 * i] !== c[2 * i]) out.codes[i] = HIDDEN;
    }
    return Comlink.transfer(out, [out.codes.buffer]);
  }

  /** The row a request names, or null. */
  resolve(row: number | string): number | null {
    if (typeof row === 'number') return row >= 0 && row < this.d.n ? row : null;
    const hits = rowsOf(this.d).idIndex()?.rowsOf(row) ?? [];
    if (hits.length > 0) return hits[0]!;
    const m = ROW_INDEX.exec(row);
    return m && Number(m[1]) < this.d.n ? Number(m[1]) : null;
  }

  selectRows(source: string, polygon: number[]): SelectionResult {
    const l = this.layoutOf(source);
    const rows = pointsInPolygon(l.coords, polygon);
    const key = this.d.idKey();
    if (!key || rows.length > MAX_SELECTION_IDS) return selectionOf(rows.length, key ? [] : null);
    const ids: string[] = [];
    for (const r of rows) {
      const id = key(r);
      if (id !== null) ids.push(id);
    }
    return selectionOf(rows.length, ids);
  }

  pointInfo(index: number): PointInfo {
    const r = neighbourRow(this.d, index, 0, 0);
    const versions = (this.d.ev?.versions ?? []).map((v) => v.name);
    return {
      id: r.id,
      label: r.label,
      predictions: versions.map((version, j) => ({ version, value: r.predictions[j] ?? null })),
    };
  }
}

const services = new WeakMap<OpenDataset, EmbeddingService>();

export function embeddingsOf(d: OpenDataset): EmbeddingService {
  let s = services.get(d);
  if (!s) services.set(d, (s = new EmbeddingService(d)));
  return s;
}
