import {
  emptyReplicates,
  blockInto,
  replicatePlan,
  packBlock,
  type ReplicateInput,
  type ReplicatePlan,
  type Replicates,
} from './poissonBootstrap';

/**
 * The helper thread's side of a split bootstrap (poissonReplicates' PairHelper): it keeps each
 * job's inputs and computes the blocks of resample pairs it is asked for with the same passes, so a pair's
 * replicates are the numbers the engine thread would have computed. One pair at a time (the
 * passes run to the end without giving way), so the plan's scratch arrays are never shared.
 */
export class PairServer {
  private jobs = new Map<
    number,
    { plan: ReplicatePlan; out: Replicates; seed: number; resamples: number }
  >();

  job(id: number, input: ReplicateInput, resamples: number, seed: number): void {
    const plan = replicatePlan(input);
    this.jobs.set(id, { plan, out: emptyReplicates(input, resamples), seed, resamples });
  }

  /** Block p's replicates packed (packBlock); throws for a job it does not hold. */
  async pair(id: number, p: number): Promise<Float64Array> {
    const j = this.jobs.get(id);
    if (!j) throw new Error(`bootstrap helper: no job ${id}`);
    await blockInto(j.plan, j.seed, p, j.resamples, j.out, null);
    return packBlock(j.out, p);
  }

  drop(id: number): void {
    this.jobs.delete(id);
  }
}
