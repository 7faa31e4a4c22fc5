import { describe, expect, it } from 'vitest';
import { Session } from './session';
import { fixtureBytes } from '../../test/fixtures';

const fileOf = (name: string) =>
  ({
    kind: 'file',
    file: new File([fixtureBytes(name) as BlobPart], name.split('/').pop()!),
  }) as const;

describe('Session.open: only the latest open may replace the dataset', () => {
  it('an open started before a later one is cancelled and replaces nothing', async () => {
    const s = new Session();
    const first = s.open([fileOf('wide.arrow')], () => undefined, 1);
    const second = s.open([fileOf('labels/churn.arrow')], () => undefined, 2);
    const [a, b] = await Promise.all([first, second]);
    expect(a).toEqual({ summary: null, errors: [], cancelled: true });
    expect(b.summary!.numRows).toBe(400);
    expect(s.dataset.n).toBe(400);
  });

  it('cancelOpen stops the open with that token; the dataset before stays', async () => {
    const s = new Session();
    await s.open([fileOf('labels/churn.arrow')], () => undefined, 1);
    const pending = s.open([fileOf('wide.arrow')], () => undefined, 2);
    s.cancelOpen(1); // not the open in progress: no effect
    s.cancelOpen(2);
    expect((await pending).cancelled).toBe(true);
    expect(s.dataset.n).toBe(400);
  });
});
