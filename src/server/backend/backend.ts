// The second backend behind the worker's protocol: the same method names and answers as the
// in-tab engine (src/worker/engine.worker.ts), computed by SQL over the served files. Only
// aggregates and pages come back. Methods not built for server mode yet answer with a sentence
// the view shows instead of going blank.
import type {
  Analysis,
  CohortDef,
  CohortStats,
  Field,
  OpenResult,
  RoleMapping,
} from '../../protocol';
import { CohortError } from '../../engine/cohort/truth';
import { whereSql } from '../sql/where';
import type { SqlSource } from '../sql/types';
import { VIEW, type Served } from '../served';
import { summarizeServed, type ServedSummary } from './summary';
import { classesSql } from './classes';
import { cohortNumbersSql, overviewSql } from './metrics';
import { profileSql } from './profile';
import { SqlRows } from './rows';
import { rowDetailSql } from './rowDetail';
import { compareSql } from './compare';
import { confusionShiftSql, perClassSql } from './confusion';
import { calibrationSql, densitySql, distributionsSql } from './charts';
import { matchPointSql, operatingPointsSql } from './operatingPoints';
import { curvesSql } from './curves';
import { rowRulesSql, rulesSql } from './rules';
import { slicesSql } from './slices';
import { neighboursSql } from './neighbours';
import { MAP_SAMPLE, SqlMap } from './map';
import { type Sent, type Slot, Superseder } from '../supersede';
import type {
  CalibrationRequest,
  CompareRequest,
  ConfusionRequest,
  DensityRequest,
  CurvesRequest,
  DistributionsRequest,
  MatchRequest,
  NeighboursRequest,
  OperatingPointsRequest,
  PerClassRequest,
  RowDetailRequest,
  RowsRequest,
  RulesRequest,
} from '../../protocol';

/**
 * Requests the page asks one at a time, by kind: a newer one with other arguments supersedes
 * the older (its answer would be dropped). Every call of these is its own identity, except rows:
 * pages of one sort and filter run side by side, and a new sort or filter stops the old pages.
 */
function slotOf(method: string, args: unknown[]): Slot | null {
  switch (method) {
    case 'cohorts':
    case 'compare':
    case 'evaluateRules':
    case 'findSlices':
      return { kind: method, identity: JSON.stringify(args) };
    case 'rows': {
      const r = args[0] as RowsRequest;
      return { kind: method, identity: JSON.stringify([r.cohort, r.sort, r.columns]) };
    }
    default:
      return null;
  }
}

export class NotInServerMode extends Error {
  constructor(method: string) {
    super(
      `This view is not available in server mode yet (the DuckDB server does not answer "${method}"). Open the file in the tab (npm start) for it.`,
    );
  }
}

export class ServerBackend {
  private summary: ServedSummary | null = null;
  readonly src: SqlSource;
  private analysed = false;

  /** `mapSample`: points the Map draws at most (a sample above it). */
  constructor(
    readonly db: Served,
    readonly mapSample = MAP_SAMPLE,
  ) {
    this.src = {
      from: VIEW,
      columns: db.columns,
      rowCount: db.rowCount,
      roles: {
        id: null,
        label: null,
        task: 'multiclass',
        positiveClass: null,
        versions: [],
        embeddings: [],
        coords: null,
        ignored: [],
      },
      thresholds: {},
      classes: [],
    };
  }

  async open(): Promise<OpenResult> {
    this.summary ??= await summarizeServed(this.db);
    return { summary: this.summary.summary, errors: [] };
  }

  async analyse(mapping: RoleMapping): Promise<Analysis> {
    const { classes, positiveClass } = await classesSql(this.db, this.src, mapping);
    Object.assign(this.src, { roles: mapping, classes });
    this.analysed = true;
    const metrics = await overviewSql(this.db, this.src, null);
    return { task: mapping.task, classes, positiveClass, metrics, warnings: [], checks: [] };
  }

  classesOf(mapping: RoleMapping) {
    return classesSql(this.db, this.src, mapping);
  }

  async setThresholds(t: Record<string, number>): Promise<Analysis | null> {
    this.src.thresholds = { ...t };
    return this.analysed ? this.analyse(this.src.roles) : null;
  }

  /** The WHERE of a cohort, or the engine's error for it. */
  where(def: CohortDef['predicate']): string {
    return whereSql(def, this.src);
  }

  async cohorts(defs: CohortDef[]): Promise<CohortStats[]> {
    const out: CohortStats[] = [];
    for (const c of defs) {
      let where: string;
      try {
        where = this.where(c.predicate);
      } catch (err) {
        if (!(err instanceof CohortError)) throw err;
        out.push({ id: c.id, size: 0, metrics: [], error: err.message });
        continue;
      }
      if (!this.analysed) {
        const [r] = await this.db.rows(`SELECT count(*) AS n FROM ${VIEW} WHERE ${where}`);
        out.push({ id: c.id, size: Number(r!.n), metrics: [], error: null });
        continue;
      }
      // Size and every version's metrics from one scan of the cohort's rows.
      const { size, metrics } = await cohortNumbersSql(this.db, this.src, where, true);
      out.push({ id: c.id, size, metrics, error: null });
    }
    return out;
  }

  private rowsService: SqlRows | null = null;

  /** The rows service (after open: it keys rows by the id column the summary found). */
  get rows(): SqlRows {
    if (!this.summary) throw new Error('no dataset is open');
    return (this.rowsService ??= new SqlRows(
      this.db,
      this.src,
      this.summary.summary.report.idColumn,
    ));
  }

  private mapService: SqlMap | null = null;

  /** The Map's sample, layouts and colours (built on first use; the data never changes). */
  get map(): SqlMap {
    return (this.mapService ??= new SqlMap(this.db, this.src, this.rows, this.mapSample));
  }

  rowDetail(req: RowDetailRequest) {
    return rowDetailSql(this.db, this.src, this.rows, req);
  }

  profile(field: Field, search?: string) {
    return profileSql(this.db, this.src, field, search);
  }

  private readonly calls = new Superseder();

  /**
   * Runs one protocol method by name with its JSON arguments. A request the page asks one at a
   * time stops an older one of its kind still running (supersede.ts); `cancelSlices` and
   * `leaveCompare` stop theirs.
   */
  call(method: string, args: unknown[], sent?: Sent): Promise<unknown> {
    if (method === 'cancelSlices' || method === 'leaveCompare') {
      this.calls.cancel(method === 'cancelSlices' ? 'findSlices' : 'compare', sent);
      return Promise.resolve(undefined);
    }
    const slot = slotOf(method, args);
    if (!slot) return this.answer(method, args);
    return this.calls.run(slot, sent, () => this.answer(method, args));
  }

  private async answer(method: string, args: unknown[]): Promise<unknown> {
    const a = args as never[];
    switch (method) {
      case 'ping':
        return true;
      case 'open':
        return this.open();
      case 'cancelOpen':
        return undefined;
      case 'analyse':
        return this.analyse(a[0]!);
      case 'classesOf':
        return this.classesOf(a[0]!);
      case 'setThresholds':
        return this.setThresholds(a[0]!);
      case 'cohorts':
        return this.cohorts(a[0]!);
      case 'profile':
        return this.profile(a[0]!, a[1]);
      case 'rowColumns':
        return this.rows.columns();
      case 'rows':
        return this.rows.rows(a[0]! as RowsRequest);
      case 'findIds':
        return this.rows.findIds(a[0]!, a[1]!);
      case 'compare': {
        // The page sends its thresholds with the request (one round trip for an edit, as in the
        // tab): answer under them, as the tab's session does.
        const req = a[0]! as CompareRequest;
        if (req.thresholds) this.src.thresholds = { ...req.thresholds };
        return compareSql(this.db, this.src, req, (p) => this.where(p));
      }
      case 'confusion': {
        const req = a[0]! as ConfusionRequest;
        return confusionShiftSql(this.db, this.src, req, this.rows.where(req.cohort));
      }
      case 'perClass': {
        const req = a[0]! as PerClassRequest;
        return perClassSql(this.db, this.src, req, this.rows.where(req.cohort));
      }
      case 'scoreDistributions': {
        const req = a[0]! as DistributionsRequest;
        const where = req.cohort ? this.rows.where(req.cohort) : null;
        return distributionsSql(this.db, this.src, req, where);
      }
      case 'scoreDensity': {
        const req = a[0]! as DensityRequest;
        return densitySql(this.db, this.src, req, this.rows.where(req.cohort));
      }
      case 'calibrationCurves': {
        const req = a[0]! as CalibrationRequest;
        return calibrationSql(this.db, this.src, req, this.rows.where(req.cohort));
      }
      case 'operatingPoints': {
        const req = a[0]! as OperatingPointsRequest;
        return operatingPointsSql(this.db, this.src, req, this.rows.where(req.cohort));
      }
      case 'matchOperatingPoint': {
        const req = a[0]! as MatchRequest;
        return matchPointSql(this.db, this.src, req, this.rows.where(req.cohort));
      }
      case 'rocPrCurves': {
        const req = a[0]! as CurvesRequest;
        return curvesSql(this.db, this.src, req, this.rows.where(req.cohort));
      }
      case 'evaluateRules':
        return rulesSql(this.db, this.src, a[0]! as RulesRequest, (p) => this.where(p));
      case 'rowRules':
        return rowRulesSql(this.db, this.src, a[0]!);
      case 'rowDetail':
        return this.rowDetail(a[0]!);
      case 'findSlices':
        return slicesSql(this.db, this.src, a[0]!, (p) => this.rows.where(p));
      case 'neighbours': {
        const req = a[0]! as NeighboursRequest;
        return neighboursSql(this.db, this.src, this.rows, req, this.rows.where(req.cohort));
      }
      case 'layout':
        return this.map.layout(a[0]!);
      case 'pointColors':
        return this.map.pointColors(a[0]!, a[1]!, a[2]!);
      case 'pointInfo':
        return this.map.pointInfo(a[0]!);
      case 'selectRows':
        return this.map.selectRows(a[0]!, a[1]!);
      case 'umap':
        return this.map.layout(`umap:${String(a[0])}`);
      case 'cancelUmap':
        return undefined;
      default:
        throw new NotInServerMode(method);
    }
  }
}
