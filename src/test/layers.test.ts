import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { importGraph, importCycles } from './importGraph';

// The layer rules (scripts/lint/layers.js) must fail on a deliberate violation, not just pass.
const eslint = new ESLint();

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages
    .filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((m) => m.message);
}

describe('layer boundaries', () => {
  it.each([
    ['src/views/Overview/X.tsx', "import { computeOverview } from '../../engine/overview';"],
    ['src/state/x.ts', "import { loadTable } from '../data/load';"],
    ['src/state/x.ts', "import { Session } from '../worker/session/session';"],
    ['src/charts/x.ts', "import { useDataset } from '../state/datasetStore';"],
    ['src/data/x.ts', "import { nearest } from '../engine/neighbors';"],
    ['src/engine/x.ts', "import { client } from '../worker/client';"],
    ['src/engine/x.ts', "import { loadTable } from '../data/load';"],
    ['src/shared/x.ts', "import type { Column } from '../data/types';"],
    ['src/worker/x.ts', "import { create } from 'zustand';"],
    ['src/protocol/x.ts', "import { computeOverview } from '../engine/overview';"],
  ])('%s: %s is refused', async (file, code) => {
    expect(await restricted(file, `${code}\nexport const x = 1;\n`)).toHaveLength(1);
  });

  it.each([
    ['src/views/Overview/X.tsx', "import { client } from '../../worker/client';"],
    ['src/views/Overview/X.tsx', "import type { Analysis } from '../../protocol';"],
    ['src/engine/x.ts', "import type { Column } from '../data/types';"],
    ['src/protocol/x.ts', "import type { VersionMetrics } from '../engine/overview';"],
    ['src/worker/services/compare/x.ts', "import { scoreDistributions } from './charts';"],
  ])('%s: %s is allowed', async (file, code) => {
    expect(await restricted(file, `${code}\nexport const x = 1;\n`)).toEqual([]);
  });
});

describe('imports', () => {
  it('form no cycle between files of src/', () => {
    const graph = importGraph('src');
    expect(graph.size).toBeGreaterThan(200);
    expect(importCycles(graph)).toEqual([]);
  });

  it('a cycle is found when there is one', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(importCycles(g)).toEqual([['a', 'b', 'c']]);
  });
});
