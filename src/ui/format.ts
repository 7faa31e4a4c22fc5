// The views' number formats live in one module shared with the worker (shared/numberFormat).
export {
  MISSING,
  formatBytes,
  formatCount,
  formatCountChange,
  formatMetric,
  formatMetricChange,
  formatP,
  formatPRanked,
  formatPercent,
  formatPoints,
  formatRatio,
  formatSeconds,
  formatSignificant,
  formatThreshold,
} from '../shared/numberFormat';
