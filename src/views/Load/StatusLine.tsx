import { Name } from '../../ui/Name';
import { revealInvisible } from '../../ui/invisibleChars';
import { useDataset } from '../../state/datasetStore';
import { formatCount } from '../../ui/format';
import { ColumnsProgress } from './ColumnsLoading';

/** The one-line answer to "what is open": rows, columns, versions, task. */
export function StatusLine() {
  const summary = useDataset((s) => s.summary);
  const roles = useDataset((s) => s.roles);
  const analysis = useDataset((s) => s.analysis);
  const loading = useDataset((s) => s.loading);
  let text = loading ? 'Loading…' : 'No data open';
  if (summary) {
    const versions = roles?.versions.length ?? 0;
    const task = analysis?.task ?? roles?.task ?? '';
    text = [
      summary.engine
        ? `${formatCount(summary.numRows)} rows in ${summary.engine} (server)`
        : `${formatCount(summary.numRows)} rows`,
      `${formatCount(summary.columns.length)} columns`,
      `${versions} ${versions === 1 ? 'version' : 'versions'}`,
      task,
    ]
      .filter(Boolean)
      .join(' · ');
  }
  return (
    <div className="status" role="status" aria-live="polite">
      <span>{text}</span>
      <ColumnsProgress />
      {summary && (
        <span className="files" title={revealInvisible(summary.files.join(', '))}>
          <Name text={summary.files.join(', ')} />
        </span>
      )}
    </div>
  );
}
