import { describe, expect, it } from 'vitest';
import { Session } from './session';
import { files } from '../../test/fixtures';

const BAD: [string, RegExp][] = [
  ['not-arrow.arrow', /truncated or corrupt|not Arrow|could not be read/i],
  ['csv-renamed.arrow', /CSV/],
  ['truncated.arrow', /truncated or corrupt/],
  ['corrupt-lz4.arrow', /truncated or corrupt.*LZ4/i],
  ['list-view.arrow', /ListView.*cast it to a List/],
  ['run-end.arrow', /run-end encoded/],
];

describe('Session: bad input', () => {
  it.each(BAD)('%s is refused with a reason, and the open dataset stays', (name, reason) => {
    const s = new Session();
    const good = s.openBytes(files('wide.arrow'));
    const before = s.analyse(good.summary!.inferred);
    const r = s.openBytes(files(name));
    expect(r.summary).toBeNull();
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.fileName).toBe(name);
    expect(r.errors[0]!.reason).toMatch(reason);
    // The dataset that was open is untouched.
    expect(s.analyse(good.summary!.inferred)).toEqual(before);
  });

  it('an empty file (0 bytes) says so', () => {
    const r = new Session().openBytes([{ name: 'zero.arrow', bytes: new Uint8Array(0) }]);
    expect(r.errors[0]!.reason).toMatch(/empty/);
  });

  it('opens the good files of a batch and names the bad one', () => {
    const s = new Session();
    const r = s.openBytes(files('wide.arrow', 'csv-renamed.arrow'));
    expect(r.summary!.numRows).toBe(500);
    expect(r.errors.map((e) => e.fileName)).toEqual(['csv-renamed.arrow']);
  });

  it('an empty table opens with 0 rows and metrics that say there is nothing to evaluate', () => {
    const s = new Session();
    const r = s.openBytes(files('empty.arrow'));
    expect(r.summary!.numRows).toBe(0);
    const a = s.analyse(r.summary!.inferred);
    expect(a.metrics.every((m) => m.evaluated === 0)).toBe(true);
    expect(a.metrics.every((m) => Number.isNaN(m.accuracy))).toBe(true);
  });

  it('duplicate ids are kept as rows and reported', () => {
    const r = new Session().openBytes(files('dup-ids.arrow'));
    expect(r.summary!.numRows).toBe(500);
    expect(r.summary!.report.duplicateIds).toBe(10);
    expect(r.summary!.report.notes.join(' ')).toMatch(/10 rows repeat an id/);
  });

  it('NaN and null scores are skipped by AUC, not counted as 0', () => {
    const s = new Session();
    const r = s.openBytes(files('nan-scores.arrow'));
    const roles = r.summary!.inferred;
    expect(roles.task).toBe('binary');
    const a = s.analyse(roles);
    const v1 = a.metrics.find((m) => m.version === 'v1')!;
    // 20 of 100 rows have NaN or null score_v1: thresholded predictions skip them too.
    expect(v1.evaluated).toBe(80);
    expect(v1.auc).not.toBeNull();
    expect(Number.isFinite(v1.auc!)).toBe(true);
  });

  it('markup in names and values is kept as plain text', () => {
    const r = new Session().openBytes(files('html.arrow'));
    const names = r.summary!.columns.map((c) => c.name);
    expect(names.some((n) => n.includes('<img'))).toBe(true);
  });
});
