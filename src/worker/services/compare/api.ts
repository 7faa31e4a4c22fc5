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
import { leftCompare, waitingStarted } from './waiting';
import { dropQueued } from '../../scheduler';

/** The requests of Compare's panels: reads whose answers only the mounted view uses. */
const PANELS = new Set([
  'confusion',
  'perClass',
  'scoreDistributions',
  'scoreDensity',
  'calibrationCurves',
  'rocPrCurves',
  'operatingPoints',
]);

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
      const out = compareVersions(session.dataset, req);
      if (req.resamples > 0) {
        const answered = waitingStarted();
        out.then(answered, answered);
      }
      return out;
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
     * The page left Compare (answered on arrival, gate.ts). The tab's bootstrap is kept for the
     * return but becomes background work (waiting.ts); the panels' requests still queued are
     * dropped: the view that asked is gone, and one of them (a confusion pass, ~150 ms at 1M)
     * would hold the worker while the next view's requests wait behind it. The DuckDB server
     * interrupts its running bootstrap instead.
     */
    leaveCompare: () => {
      leftCompare();
      dropQueued((name) => PANELS.has(name));
    },
  };
}
