import { readFileSync } from 'node:fs';
import { digitIds as digits } from '../test/fixtures';
import { describe, expect, it } from 'vitest';
import { cohortMask, popcount } from '../engine/cohort/evaluate';
import { readSavedState, type SavedState } from './schema';
import { readLinkState } from './urlState';
import { importWorkspace } from './workspaceFile';

// The hostile-state corpus (e2e/data/hostile/manifest.json): every case with its expected outcome.
interface Case {
  name: string;
  kind: 'link' | 'workspace' | 'stored' | 'pattern';
  input: unknown;
  expect: Record<string, unknown>;
}
const manifest = JSON.parse(
  readFileSync(new URL('../../e2e/data/hostile/manifest.json', import.meta.url), 'utf8'),
) as { cases: Case[] };

const COLUMNS = ['id', 'label', 'score_v1', 'score_constructor', 'age', 'country'];
const has = {
  column: (c: string) => COLUMNS.includes(c),
  version: (v: string) => ['v1', 'constructor'].includes(v),
};

/** Expands the manifest's placeholders (see its "about"). */
function expand(text: string): string {
  return text
    .replace(
      /\$DEEPNOT(\d+)/g,
      (_, n: string) =>
        '{"op":"not","child":'.repeat(+n) + '{"op":"isNull","column":"age"}' + '}'.repeat(+n),
    )
    .replace(/\$DEEP(\d+)/g, (_, n: string) => '{"a":'.repeat(+n) + '1' + '}'.repeat(+n))
    .replace(/\$COHORTS(\d+)/g, (_, n: string) =>
      JSON.stringify(
        Array.from({ length: +n }, (_, i) => ({
          id: `c${i}`,
          name: `Cohort ${i}`,
          predicate: { op: 'isNull', column: 'age' },
        })),
      ),
    )
    .replace(/\$IDS(\d+)/g, (_, n: string) =>
      JSON.stringify(Array.from({ length: +n }, (_, i) => `row-${i}`)),
    )
    .replace(/\$REPEAT(\d+)/g, (_, n: string) => 'a'.repeat(+n));
}

const text = (input: unknown) =>
  typeof input === 'string' ? expand(input) : JSON.stringify(input);

async function outcome(c: Case): Promise<{ state: Partial<SavedState>; problems: string[] }> {
  switch (c.kind) {
    case 'link':
      return readLinkState(text(c.input), has.column);
    case 'stored':
      return readSavedState(JSON.parse(text(c.input)), {
        source: 'saved state',
        cohortIds: true,
        hasColumn: has.column,
      });
    case 'workspace': {
      const { workspace: w, problems } = importWorkspace(text(c.input), has);
      return {
        state: {
          roles: w.roles ?? null,
          cohorts: w.cohorts,
          compare: w.compare ?? null,
          view: w.view ?? null,
        },
        problems,
      };
    }
    default:
      throw new Error(`not a state case: ${c.kind}`);
  }
}

describe('hostile-state corpus', () => {
  it('has cases of every kind', () => {
    const kinds = new Set(manifest.cases.map((c) => c.kind));
    expect([...kinds].sort()).toEqual(['link', 'pattern', 'stored', 'workspace']);
  });

  it.each(manifest.cases.filter((c) => c.kind !== 'pattern').map((c) => [c.name, c] as const))(
    '%s',
    async (_, c) => {
      const t = performance.now();
      const { state, problems } = await outcome(c);
      expect(performance.now() - t).toBeLessThan(5000);
      const e = c.expect;
      if ('roles' in e) expect(state.roles !== null && state.roles !== undefined).toBe(e.roles);
      if ('cohorts' in e) expect(state.cohorts?.length ?? 0).toBe(e.cohorts);
      if ('activeId' in e) expect(state.activeId).toBe(e.activeId);
      if ('rules' in e) expect(state.compare?.rules.length ?? 0).toBe(e.rules);
      if ('view' in e) expect(state.view).toBe(e.view);
      if ('thresholds' in e)
        expect(Object.entries(state.compare?.thresholds ?? {})).toEqual(
          Object.entries(e.thresholds as object),
        );
      if ('cols' in e)
        expect(Object.entries(state.cols ?? {})).toEqual(Object.entries(e.cols as object));
      const wanted = e.problems as string[];
      if (wanted.length === 0) expect(problems).toEqual([]);
      for (const p of wanted)
        expect(
          problems.some((m) => new RegExp(p).test(m)),
          `${p} in ${JSON.stringify(problems)}`,
        ).toBe(true);
      // Nothing reached Object.prototype.
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );

  const ids = digits(4000);
  it.each(manifest.cases.filter((c) => c.kind === 'pattern').map((c) => [c.name, c] as const))(
    '%s',
    (_, c) => {
      const pattern = expand(c.input as string);
      const run = () =>
        cohortMask({ op: 'text', column: 'id', pattern, mode: 'regex', caseSensitive: true }, ids);
      if (typeof c.expect.error === 'string') {
        expect(run).toThrow(c.expect.error);
        return;
      }
      const t = performance.now();
      expect(popcount(run())).toBe(c.expect.rows);
      expect(performance.now() - t).toBeLessThan(c.expect.withinMs as number);
    },
  );
});
