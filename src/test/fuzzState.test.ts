import { describe, expect, it } from 'vitest';
import { Session } from '../worker/session/session';
import { stateCase, type StateCaseResult } from './fuzzState';
import { mulberry32 } from './fuzzMutate';
import { mutateState } from './fuzzStateMutate';
import { files } from './fixtures';
import type { CohortDef } from '../shared/predicate';

// The state fuzzer's mode of `npm test` runs a bounded count; `npm run fuzz:state` sets more.
const CASES = Number(process.env.FUZZ_STATE_CASES ?? 300);
const SEED = Number(process.env.FUZZ_SEED ?? 1);
const MAX_MS = Number(process.env.FUZZ_MAX_MS ?? 5000);

function setup() {
  const session = new Session();
  const r = session.openBytes(files('wide.arrow'));
  const roles = r.summary!.inferred;
  session.analyse(roles);
  const names = new Set(r.summary!.columns.map((c) => c.name));
  const cohorts: CohortDef[] = [
    { id: 'c1', name: 'Older', predicate: { op: 'range', column: 'age', min: 40, max: null } },
    {
      id: 'c2',
      name: 'FR or DE members',
      predicate: {
        op: 'and',
        children: [
          { op: 'in', column: 'country', values: ['FR', 'DE'] },
          { op: 'not', child: { op: 'in', column: 'is_member', values: ['false'] } },
        ],
      },
    },
    {
      id: 'c3',
      name: 'Segment a*',
      predicate: { op: 'text', column: 'segment', pattern: '^a', mode: 'regex' },
    },
    { id: 'c4', name: 'Wrong v2', predicate: { op: 'outcome', version: 'v2', correct: false } },
    { id: 'c5', name: 'Picked', predicate: { op: 'ids', ids: ['1', '2', '3'] } },
  ];
  const state = {
    roles,
    cohorts,
    activeId: 'c2',
    compare: {
      baseline: 'v1',
      thresholds: { v1: 0.3 },
      rules: [
        { id: 'r1', kind: 'metric-drop', metric: 'accuracy', maxDropPoints: 1 },
        { id: 'r2', kind: 'share-above-rise', threshold: 0.7, maxRisePoints: 1 },
        { id: 'r3', kind: 'negative-flip-rate', maxRate: 2 },
        { id: 'r4', kind: 'regression-metric-rise', metric: 'mae', maxRise: 0.1 },
      ],
    },
    view: 'compare',
    row: '5',
    sort: { id: 'age', desc: true },
    cols: { age: false, segment: true },
  };
  const bases = {
    stored: state,
    link: state,
    workspace: { format: 'workbench-workspace', version: 1, ...state },
  };
  return { session, bases, has: (c: string) => names.has(c) };
}

describe('state fuzzer: mutated stored state, workspace files and links', () => {
  it('replays: the same seed gives the same mutation', () => {
    const v = { a: [1, { b: 'x' }], c: 'y' };
    expect(mutateState(v, mulberry32(7))).toEqual(mutateState(v, mulberry32(7)));
  });

  it(
    `${CASES} mutated states are each read without a throw, keep only valid parts, within ${MAX_MS} ms`,
    async () => {
      const { session, bases, has } = setup();
      const results: StateCaseResult[] = [];
      for (let i = 0; i < CASES; i++)
        results.push(await stateCase(SEED + i, bases, session, has, MAX_MS));
      const failures = results
        .filter((r) => r.failure)
        .map((r) => `seed ${r.seed} ${r.door} ${r.what}: ${r.failure}`);
      if (process.env.FUZZ_STATE_CASES) {
        const slowest = results.reduce((a, b) => (b.ms > a.ms ? b : a));
        console.log(
          `state cases: ${results.length}, with something dropped: ${results.filter((r) => r.dropped).length}, slowest ${slowest.ms.toFixed(1)} ms (seed ${slowest.seed}, ${slowest.door}, ${slowest.what}), failures: ${failures.length}`,
        );
      }
      expect(failures).toEqual([]);
      // The mutations reach the schema: most cases drop something, with a message.
      expect(results.filter((r) => r.dropped > 0).length).toBeGreaterThan(CASES / 3);
    },
    Math.max(60_000, CASES * 200),
  );
});
