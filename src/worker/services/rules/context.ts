import type { EvalArrays, VersionArrays } from '../../../data/prepare';
import type { ReplicateOptions } from '../../../engine/stats/poissonBootstrap';

/** One rule measured in one cohort for one version against the baseline (engine/rules). */
export type { Check } from '../../../engine/rules/measures';

export interface CheckContext {
  ev: EvalArrays;
  base: VersionArrays;
  other: VersionArrays;
  mask: Uint8Array | undefined;
  rows: Uint32Array | undefined;
  seed: number;
  /** The rule's limit in the measure's unit (engine: limits.ts ruleLimit). */
  limit: number;
  /** Per-call cache of per-row arrays (correctness, errors), keyed by version and kind. */
  memo: <T>(key: string, make: () => T) => T;
  /** Giving way and cancellation for the bootstrap's resamples. */
  replicate: ReplicateOptions;
}
