import type { OpenDataset } from '../../session/dataset';
import {
  type CalibrationRequest,
  type DensityRequest,
  type DistributionsRequest,
  calibrationCurves,
  scoreDensity,
  scoreDistributions,
} from './charts';
import {
  type MatchRequest,
  type OperatingPointsRequest,
  matchPoint,
  operatingPoints,
} from './operatingPoints';
import { type RulesRequest, evaluateRules } from '../rules/rules';
import { type RowRulesRequest, rowRules } from '../rules/row';

/** Worker methods for the Compare view's charts, operating points and release rules. */
export function compareChartsApi(dataset: () => OpenDataset) {
  return {
    scoreDistributions: (req: DistributionsRequest) => scoreDistributions(dataset(), req),
    scoreDensity: (req: DensityRequest) => scoreDensity(dataset(), req),
    calibrationCurves: (req: CalibrationRequest) => calibrationCurves(dataset(), req),
    operatingPoints: (req: OperatingPointsRequest) => operatingPoints(dataset(), req),
    matchOperatingPoint: (req: MatchRequest) => matchPoint(dataset(), req),
    evaluateRules: (req: RulesRequest) => evaluateRules(dataset(), req),
    rowRules: (req: RowRulesRequest) => rowRules(dataset(), req),
  };
}
