import { describe, expect, it } from 'vitest';
import type { RuleCell, RulesResult } from '../../../protocol';
import { formatThreshold } from '../../../ui/format';
import { metricParts } from '../format';
import { buildReport } from './buildReport';
import { verdictBlocks } from './verdictBlocks';

// A hand-made result: v2 fails the share-above rule in "Evening" (+2.4 pts, interval wholly
// beyond the 1-point limit) and passes the rest; v3's accuracy check is inconclusive.
const base = { a: 0.1, b: 0.12, n: 4000, sd: 0.3, test: 'paired difference', detail: '' };
const cell = (over: Partial<RuleCell>): RuleCell => ({
  ...base,
  ruleId: 'share',
  cohortId: 'all',
  version: 'v2',
  verdict: 'pass',
  measure: 'change',
  value: 0.002,
  lo: -0.001,
  hi: 0.005,
  p: 0.0004,
  q: 0.0008,
  limit: 0.01,
  failWhen: 'above',
  scale: 'fraction',
  rowsNeeded: null,
  reason: null,
  ...over,
});
const rules: RulesResult = {
  baseline: 'v1',
  versions: ['v2', 'v3'],
  cohorts: [
    { id: 'all', name: 'All rows', size: 30000, error: null },
    { id: 'eve', name: 'Evening', size: 4000, error: null },
  ],
  rules: [
    { id: 'share', kind: 'share-above-rise', threshold: 0.4, maxRisePoints: 1 },
    { id: 'acc', kind: 'metric-drop', metric: 'accuracy', maxDropPoints: 0.5 },
  ],
  invalid: [],
  cells: [
    cell({}),
    cell({ cohortId: 'eve', verdict: 'fail', value: 0.024, lo: 0.022, hi: 0.026 }),
    cell({ ruleId: 'acc', failWhen: 'below', limit: -0.005, value: 0.001, lo: -0.002 }),
    cell({
      version: 'v3',
      ruleId: 'acc',
      failWhen: 'below',
      limit: -0.005,
      verdict: 'inconclusive',
      value: -0.004,
      lo: -0.009,
      hi: 0.001,
      p: 0.3,
      q: 0.4,
      rowsNeeded: 52000,
    }),
  ],
  tests: 4,
  fdr: 0.05,
};

describe('the report of a hand-made compare result', () => {
  const metrics = metricParts(
    'accuracy',
    { value: 0.779, lo: 0.775, hi: 0.784 },
    { value: 0.007, lo: 0.003, hi: 0.01, p: 0.0004, q: 0.0008, test: 'McNemar' },
  );
  const html = buildReport({
    title: 'Model comparison: flights.arrow',
    generatedAt: '2026-12-02T19:00:00Z',
    context: [{ label: 'Thresholds', value: `v1 0.3, v2 ${formatThreshold(0.32590252161026)}` }],
    lead: verdictBlocks(rules, 'binary'),
    blocks: [
      {
        kind: 'table',
        caption: 'Metrics per cohort and version',
        head: [],
        body: [
          [
            { text: 'v2', header: true, scope: 'row' },
            { text: '', header: false, parts: metrics },
          ],
        ],
      },
    ],
    settingsJson: '{}',
  });
  const at = (s: string) => html.indexOf(s);

  it('opens with the verdict per version, then the failing rules, then the context and tables', () => {
    expect(at('<h2>Release verdict</h2>')).toBeGreaterThan(at('<h1>'));
    expect(at('Release verdict against baseline v1')).toBeLessThan(at('Failing rules'));
    expect(at('Failing rules')).toBeLessThan(at('<dl>'));
    expect(at('<dl>')).toBeLessThan(at('Metrics per cohort and version'));
    expect(html).toContain('<th scope="row">v2</th><td class="bad">Do not ship</td>');
    expect(html).toContain('<th scope="row">v3</th><td class="warn">Not enough evidence</td>');
  });

  it('names the failing rule and cohort, with estimate, interval and p/q as separate parts', () => {
    const rule = '“Share of scores above 0.4 must not rise by more than 1 point” in Evening';
    expect(html).toContain(`<td>${rule}</td>`);
    expect(html).toContain(
      '<div><span class="p-delta">Δ +2.4 pts</span> <span class="p-interval">(95% CI +2.2 to +2.6)</span></div>' +
        '<div><span class="p-test">p vs limit &lt; 0.001, q &lt; 0.001</span></div>',
    );
    // Only the failing cell is listed: v2's passes and v3's inconclusive check are not.
    expect(html.match(/must not rise by more than 1 point” in/g)).toHaveLength(2); // why + list
  });

  it('writes a metric cell as estimate, interval, difference and test, one line each', () => {
    expect(html).toContain(
      '<td><div><span class="p-value">77.9%</span> <span class="p-interval">77.5% to 78.4%</span></div>' +
        '<div><span class="p-delta">Δ +0.7 pts</span> <span class="p-interval">+0.3 pts to +1.0 pts</span></div>' +
        '<div><span class="p-test">p &lt; 0.001, q &lt; 0.001</span> <span class="p-verdict">▲ better</span></div></td>',
    );
  });

  it('prints thresholds to the four decimals the controls show', () => {
    expect(html).toContain('<dd>v1 0.3, v2 0.3259</dd>');
    expect(html).not.toContain('0.32590252161026');
  });

  it('says when there is no verdict to give', () => {
    const none = buildReport({
      title: 't',
      generatedAt: '',
      context: [],
      lead: verdictBlocks(null, 'binary'),
      blocks: [],
      settingsJson: '{}',
    });
    expect(none).toContain('No release rules were set, so there is no ship verdict.');
  });
});
