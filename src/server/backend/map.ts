// The Map in server mode (worker/services/embeddings/embeddings.ts in the tab). A page cannot
// draw 100M points, so the map is a sample: the rows with the smallest fmix32(row ^ key)
// (sql/sample.ts), at most `cap` of them, the same rows for every layout and colouring. Their
// positions are the file's x/y columns, or the engine's own PCA (pca2) fitted on the sample's
// vectors; their colours the engine's colour codes over the sample. Point i is row
// `sample.rows[i]`. A lasso is the engine's even–odd rule in SQL over every row (sql/polygon.ts),
// with the sample's PCA axes written out as the projection, so it selects every row inside, not
// only the drawn ones. Below `cap` rows every row is drawn, and the map equals the tab's.
import { pca2 } from '../../engine/projection';
import { buildGrid, layoutBounds } from '../../engine/projection';
import { sampleRows } from '../../engine/neighbors';
import {
  type ColorBy,
  FILE_COORDS,
  HIDDEN,
  type LayoutResult,
  MAX_SELECTION_IDS,
  type PointColors,
  type PointInfo,
  type SelectionResult,
  selectionOf,
  UMAP_SOURCE,
} from '../../protocol';
import {
  categorical,
  FLIP_NAMES,
  flipRaw,
  outcomeRaw,
  sequential,
  twoWay,
} from '../../shared/colorCodes';
import type { Predicate } from '../../shared/predicate';
import { ROW } from '../served';
import { findColumn, numberOf, type SqlColumn } from '../sql/columns';
import { ident, int, num } from '../sql/quote';
import { labelCode, predCode } from '../sql/roles';
import { hashSampleSql } from '../sql/sample';
import { insidePolygonSql } from '../sql/polygon';
import type { SqlQuery, SqlSource } from '../sql/types';
import { describeRows } from './neighbours';
import type { SqlRows } from './rows';

/** Points drawn at most (the page's WebGL draws them; PCA fits on up to 50k rows as in the tab). */
export const MAP_SAMPLE = 50_000;
/** Points drawn while the map moves (the tab's PREVIEW). */
const PREVIEW = 100_000;

interface ServerLayout {
  result: LayoutResult;
  /** x and y of any row as SQL (for the lasso over every row). */
  xy: [string, string];
}

export class SqlMap {
  private layouts = new Map<string, Promise<ServerLayout>>();
  private rowsOf: Promise<Int32Array> | null = null;

  constructor(
    readonly db: SqlQuery,
    readonly src: SqlSource,
    readonly rows: SqlRows,
    readonly cap = MAP_SAMPLE,
  ) {}

  /** Values of the sample's rows, in row order: one scan, the hash computed beside `exprs`. */
  private async sampled(exprs: string[]): Promise<Record<string, unknown>[]> {
    const cols = exprs.map((_, j) => `c${j}`);
    const inner = `SELECT ${ident(ROW)} AS r${exprs.map((e, j) => `, ${e} AS c${j}`).join('')} FROM ${this.src.from}`;
    return this.db.rows(hashSampleSql(inner, cols, this.cap));
  }

  /** The sample's row indices, ascending. */
  sampleRows(): Promise<Int32Array> {
    this.rowsOf ??= this.sampled([]).then((got) => Int32Array.from(got, (g) => Number(g.r)));
    return this.rowsOf;
  }

  layout(source: string): Promise<LayoutResult> {
    let l = this.layouts.get(source);
    if (!l) {
      l = this.build(source);
      this.layouts.set(source, l);
      l.catch(() => this.layouts.delete(source));
    }
    return l.then((x) => x.result);
  }

  private async build(source: string): Promise<ServerLayout> {
    if (source.startsWith(UMAP_SOURCE))
      throw new Error(
        'UMAP is not available in server mode (it lays out rows in the tab); choose the PCA of the embedding.',
      );
    let coords: Float32Array;
    let xy: [string, string];
    let method: LayoutResult['method'] = 'file';
    let explained: [number, number] | null = null;
    let fitted: number | null = null;
    let rows: Int32Array;
    if (source === FILE_COORDS) {
      const [cx, cy] = this.fileCoords();
      // The tab holds positions as float32.
      xy = [`CAST(${numberOf(cx)} AS FLOAT)`, `CAST(${numberOf(cy)} AS FLOAT)`];
      const got = await this.sampled(xy);
      rows = Int32Array.from(got, (g) => Number(g.r));
      coords = new Float32Array(2 * got.length);
      got.forEach((g, i) => {
        coords[2 * i] = g.c0 === null ? NaN : Number(g.c0);
        coords[2 * i + 1] = g.c1 === null ? NaN : Number(g.c1);
      });
    } else {
      const c = findColumn(this.src, source);
      if (c?.kind !== 'vector') throw new Error(`"${source}" is not an embedding column`);
      const got = await this.sampled([c.sql]);
      rows = Int32Array.from(got, (g) => Number(g.r));
      const dim = got.reduce((d, g) => Math.max(d, Array.isArray(g.c0) ? g.c0.length : 0), 0);
      const v = new Float32Array(got.length * dim).fill(NaN);
      got.forEach((g, i) => {
        const x = g.c0;
        if (!Array.isArray(x) || x.length !== dim) return;
        for (let j = 0; j < dim; j++) v[i * dim + j] = x[j] === null ? NaN : Number(x[j]);
      });
      const p = pca2(v, dim, 1);
      coords = p.coords;
      explained = p.explained;
      fitted = p.fitted;
      method = 'pca';
      xy = [0, 1].map((a) => projection(c, dim, p.mean, p.components, a)) as [string, string];
    }
    const bounds = layoutBounds(coords);
    const grid = buildGrid(coords, bounds);
    const preview = sampleRows(grid.order, PREVIEW, 1).slice();
    const sample = { rows, of: this.src.rowCount };
    const result: LayoutResult = {
      source,
      method,
      coords,
      bounds,
      valid: bounds.valid,
      explained,
      fitted,
      grid,
      preview,
      sample,
    };
    return { result, xy };
  }

  private fileCoords(): [SqlColumn, SqlColumn] {
    const pair = this.src.roles.coords;
    const x = pair ? findColumn(this.src, pair[0]) : null;
    const y = pair ? findColumn(this.src, pair[1]) : null;
    if (x?.kind !== 'numeric' || y?.kind !== 'numeric')
      throw new Error('this dataset has no numeric 2-D coordinates');
    return [x, y];
  }

  async pointColors(by: ColorBy, source: string, cohort: Predicate | null): Promise<PointColors> {
    const out = await this.colorCodes(by, cohort);
    const l = await this.layouts.get(source)?.catch(() => null);
    const c = l?.result.coords;
    if (c)
      for (let i = 0; i < out.codes.length; i++) if (c[2 * i] !== c[2 * i]) out.codes[i] = HIDDEN;
    return out;
  }

  /** The engine's colour codes (shared/colorCodes) over the sample's values. */
  private async colorCodes(by: ColorBy, cohort: Predicate | null): Promise<PointColors> {
    const src = this.src;
    const codes = async (exprs: string[]) => {
      const got = await this.sampled(exprs);
      return exprs.map((_, j) =>
        Int32Array.from(got, (g) => (g[`c${j}`] === null ? -1 : Number(g[`c${j}`]))),
      );
    };
    const label = () => {
      const l = src.roles.task === 'regression' ? null : labelCode(src);
      if (!l) throw new Error('this dataset has no class label');
      return l;
    };
    const pred = (name: string) => {
      const p = src.roles.task === 'regression' ? null : predCode(src, name);
      if (!p) throw new Error(`version "${name}" has no class predictions`);
      return p;
    };
    switch (by.kind) {
      case 'label':
        return categorical((await codes([label()]))[0]!, src.classes, 'label');
      case 'predicted':
        return categorical(
          (await codes([pred(by.version)]))[0]!,
          src.classes,
          `${by.version} prediction`,
        );
      case 'outcome': {
        const [p, l] = await codes([pred(by.version), label()]);
        const title = `${by.version} correct / wrong`;
        return twoWay(outcomeRaw(p!, l!), ['correct', 'wrong'], 'outcome', title);
      }
      case 'flip': {
        const [a, b, l] = await codes([pred(by.from), pred(by.to), label()]);
        return twoWay(flipRaw(a!, b!, l!), FLIP_NAMES, 'flip', `${by.from} → ${by.to}`);
      }
      case 'cohort': {
        const w = cohort ? this.rows.where(cohort) : 'FALSE';
        const [raw] = await codes([cohort ? `CASE WHEN ${w} THEN 0 ELSE 1 END` : '0']);
        // The tab marks every row "not in it" without a cohort (no mask): so here.
        if (!cohort) raw!.fill(1);
        return twoWay(raw!, ['in the cohort', 'not in it'], 'cohort', 'active cohort');
      }
      case 'column':
        return this.columnColors(by.name);
    }
  }

  private async columnColors(name: string): Promise<PointColors> {
    const c = findColumn(this.src, name);
    if (!c) throw new Error(`there is no column "${name}"`);
    switch (c.kind) {
      case 'string': {
        // Codes by first appearance in the sample (the tab's are the file's dictionary order).
        const got = await this.sampled([`CAST(${c.sql} AS VARCHAR)`]);
        const dict = new Map<string, number>();
        const raw = Int32Array.from(got, (g) => {
          if (g.c0 === null) return -1;
          const s = String(g.c0);
          let k = dict.get(s);
          if (k === undefined) dict.set(s, (k = dict.size));
          return k;
        });
        return categorical(raw, [...dict.keys()], name);
      }
      case 'boolean': {
        const got = await this.sampled([`CASE WHEN ${c.sql} THEN 1 WHEN NOT ${c.sql} THEN 0 END`]);
        const raw = Int32Array.from(got, (g) => (g.c0 === null ? -1 : Number(g.c0)));
        return categorical(raw, ['false', 'true'], name);
      }
      case 'numeric':
      case 'timestamp': {
        const got = await this.sampled([numberOf(c)]);
        const v = Float64Array.from(got, (g) => (g.c0 === null ? NaN : Number(g.c0)));
        return sequential(v, name, c.kind === 'timestamp');
      }
      default:
        throw new Error(`"${name}" holds ${c.kind} values; colour by another column`);
    }
  }

  /** What the map's tooltip shows of point `index` (a position in the sample). */
  async pointInfo(index: number): Promise<PointInfo> {
    const rows = await this.sampleRows();
    const r = rows[index];
    if (r === undefined) throw new Error(`there is no point ${index} on the map`);
    const got = await describeRows(this.db, this.src, this.rows, [r]);
    const row = got.get(r)!.row;
    const versions = this.src.roles.versions.map((v) => v.name);
    return {
      id: row.id,
      label: row.label,
      predictions: versions.map((version, j) => ({ version, value: row.predictions[j] ?? null })),
    };
  }

  /** Every row inside the polygon, drawn or not, as a cohort of ids (as the tab's lasso). */
  async selectRows(source: string, polygon: number[]): Promise<SelectionResult> {
    const { xy } = await (this.layouts.get(source) ?? this.build(source));
    const id = this.rows.idSql();
    // The id is read in the same scan as the position (no second pass to name the rows).
    const inner = `SELECT ${ident(ROW)} AS r, ${id ?? 'NULL'} AS id, ${xy[0]} AS x, ${xy[1]} AS y FROM ${this.src.from}`;
    const inside = insidePolygonSql(inner, polygon, ['id']);
    if (!inside) return selectionOf(0, []);
    const got = await this.db.rows(
      `SELECT r, id, count(*) OVER () AS n FROM (${inside}) i ORDER BY r LIMIT ${int(MAX_SELECTION_IDS + 1)}`,
    );
    const count = Number(got[0]?.n ?? 0);
    if (!id) return selectionOf(count, null);
    return selectionOf(
      count,
      got.flatMap((g) => (g.id === null ? [] : [String(g.id)])),
    );
  }
}

/** Axis `a` of a PCA as SQL: Σ (v_j − mean_j) · axis_j in the engine's order of adds, as float32. */
function projection(
  c: SqlColumn,
  dim: number,
  mean: Float64Array,
  components: Float64Array,
  a: number,
): string {
  let s = 'CAST(0 AS DOUBLE)';
  for (let j = 0; j < dim; j++) {
    const w = components[a * dim + j]!;
    s = `(${s} + (CAST(${c.sql}[${j + 1}] AS DOUBLE) - ${num(mean[j]!)}) * ${num(w)})`;
  }
  return `CAST(${s} AS FLOAT)`;
}
