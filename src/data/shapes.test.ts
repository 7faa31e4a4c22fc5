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
  it('drops producer and codec words and shared suffixes', () => {
    expect(versionNamesFromFiles(['logreg_polars_lz4.arrow', 'mlp_polars_lz4.arrow'])).toEqual([
      'logreg',
      'mlp',
    ]);
    expect(versionNamesFromFiles(['preds_logreg_polars_lz4.arrow'])).toEqual(['logreg']);
    expect(versionNamesFromFiles(['v1_eval_zstd.feather', 'v2_eval_zstd.feather'])).toEqual([
      'v1',
      'v2',
    ]);
    expect(versionNamesFromFiles(['preds_v2.parquet', 'preds_v3.csv.gz'])).toEqual(['v2', 'v3']);
    // A name made only of such words is kept whole rather than emptied.
    expect(versionNamesFromFiles(['polars.arrow'])).toEqual(['polars']);
  });
});
