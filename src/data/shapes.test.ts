import { describe, expect, it } from 'vitest';
import { versionNamesFromFiles } from './shapes';

describe('versionNamesFromFiles', () => {
  it('drops the shared tokens and the extension', () => {
    expect(versionNamesFromFiles(['preds_v1.arrow', 'preds_v2.arrow'])).toEqual(['v1', 'v2']);
    expect(versionNamesFromFiles(['model-a.feather', 'model-b.feather'])).toEqual(['a', 'b']);
    expect(versionNamesFromFiles(['baseline.arrow', 'candidate.arrow'])).toEqual([
      'baseline',
      'candidate',
    ]);
  });
  it('a single predictions file keeps its distinctive part', () => {
    expect(versionNamesFromFiles(['predictions_2024_06.arrow'])).toEqual(['2024_06']);
    expect(versionNamesFromFiles(['scores.arrow'])).toEqual(['scores']);
  });
});
