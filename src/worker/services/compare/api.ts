import type {
  CalibrationRequest,
  CompareRequest,
  ConfusionRequest,
  CurvesRequest,
  DensityRequest,
  DistributionsRequest,
  MatchRequest,
  OperatingPointsRequest,
  PerClassRequest,
} from '../../../protocol';
import type { Session } from '../../session/session';
import type { OpenDataset } from '../../session/dataset';
import { RESAMPLES, SEED } from '../../../shared/compareBootstrap';
import { calibrationCurves, scoreDensity, scoreDistributions } from './charts';
import { compareService } from './compare';
import { rocPrCurves } from './curves';
import { compareConfusion } from './confusion';
import { matchPoint, operatingPoints } from './operatingPoints';
import { comparePerClass } from './perClass';
import { warmCompare } from './warm';

/**
 * The Compare view: metrics and paired tests, confusion, per class, charts, operating points.
 * Each answer is kept for its request under the current roles and thresholds (Session.memo).
 */
export function compareApi(session: Session) {
  // Compare keeps its own per-cohort cache, which outlives threshold changes (see compare.ts).
  const current = (d: OpenDataset) => {
    try {
      return session.dataset === d;
    } catch {
      return false;
    }
  };
  const compareVersions = compareService(() => session.thresholdSettings(), current);
  // After the warm-up, the bootstrap of "All rows" the view will ask for (its seed and
  // resamples) starts in the background, giving way to every request: at 1M rows its ~2 s are
  // spent while the person reads the overview, and Compare's intervals are ready or nearly so.
  // Its replicates do not depend on thresholds or baseline (intervals.ts), so the view's request
  // joins it whatever those are.
  session.onAnalysed((ev) =>
    warmCompare(ev, () => {
      const d = session.dataset;
      if (d.ev !== ev || ev.versions.length < 2) return;
      const req = { baseline: ev.versions[0]!.name, cohorts: [], resamples: RESAMPLES, seed: SEED };
      compareVersions(d, req, { background: true }).catch(() => {});
    }),
  );
  return {
    compare: (req: CompareRequest) => {
      // The worker owns the thresholds: the page's Compare request carries them (one round trip;
      // the overview's re-analysis waits for the page's setThresholds, asked after this).
      if (req.thresholds) session.applyThresholds(req.thresholds);
      return compareVersions(session.dataset, req);
    },
    confusion: (req: ConfusionRequest) => session.memo('confusion', req, compareConfusion),
    perClass: (req: PerClassRequest) => session.memo('perClass', req, comparePerClass),
    scoreDistributions: (req: DistributionsRequest) =>
      session.memo('distributions', req, scoreDistributions),
    scoreDensity: (req: DensityRequest) => session.memo('density', req, scoreDensity),
    calibrationCurves: (req: CalibrationRequest) =>
      session.memo('calibration', req, calibrationCurves),
    rocPrCurves: (req: CurvesRequest) => session.memo('curves', req, rocPrCurves),
    operatingPoints: (req: OperatingPointsRequest) =>
      session.memo('operatingPoints', req, operatingPoints),
    matchOperatingPoint: (req: MatchRequest) => matchPoint(session.dataset, req),
    /**
     * The page left Compare. The tab's bootstrap gives way to other requests and is kept for
     * the return, so nothing stops here; the DuckDB server interrupts its running one instead.
     */
    leaveCompare: () => undefined,
  };
}
