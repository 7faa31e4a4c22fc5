import type {
  CalibrationRequest,
  CompareRequest,
  ConfusionRequest,
  DensityRequest,
  DistributionsRequest,
  MatchRequest,
  OperatingPointsRequest,
  PerClassRequest,
} from '../../../protocol';
import type { Session } from '../../session/session';
import { calibrationCurves, scoreDensity, scoreDistributions } from './charts';
import { compareVersions } from './compare';
import { compareConfusion } from './confusion';
import { matchPoint, operatingPoints } from './operatingPoints';
import { comparePerClass } from './perClass';

/** The Compare view: metrics and paired tests, confusion, per class, charts, operating points. */
export function compareApi(session: Session) {
  return {
    compare: (req: CompareRequest) => compareVersions(session.dataset, req),
    confusion: (req: ConfusionRequest) => compareConfusion(session.dataset, req),
    perClass: (req: PerClassRequest) => comparePerClass(session.dataset, req),
    scoreDistributions: (req: DistributionsRequest) => scoreDistributions(session.dataset, req),
    scoreDensity: (req: DensityRequest) => scoreDensity(session.dataset, req),
    calibrationCurves: (req: CalibrationRequest) => calibrationCurves(session.dataset, req),
    operatingPoints: (req: OperatingPointsRequest) => operatingPoints(session.dataset, req),
    matchOperatingPoint: (req: MatchRequest) => matchPoint(session.dataset, req),
  };
}
