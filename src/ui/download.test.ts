import { describe, expect, it } from 'vitest';
import { exportFileName, fileSlug } from './download';

describe('export file names', () => {
  const day = new Date(2026, 11, 2, 23, 59);
  it('name the dataset and the day', () => {
    expect(exportFileName(['digits.arrow'], 'cohorts', 'json', day)).toBe(
      'digits-cohorts-2026-12-02.json',
    );
    expect(
      exportFileName(['Churn Eval (Q3).parquet', 'preds_v2.arrow'], 'workspace', 'json', day),
    ).toBe('churn-eval-q3-and-1-more-workspace-2026-12-02.json');
    expect(exportFileName(['scores.csv.gz'], 'report', 'html', day)).toBe(
      'scores-report-2026-12-02.html',
    );
    expect(exportFileName([], 'cohorts', 'json', day)).toBe('dataset-cohorts-2026-12-02.json');
  });
  it('slugs keep letters and digits only', () => {
    expect(fileSlug('<script>ROC (v1 vs v2)')).toBe('script-roc-v1-vs-v2');
    expect(fileSlug('???')).toBe('chart');
  });
});
