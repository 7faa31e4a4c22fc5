import { useState } from 'react';
import { useDataset } from '../../state/datasetStore';
import { filesOf } from '../../state/fileHandles';
import { usePendingLink } from '../../state/pendingLink';
import { applyLinkAnyway } from '../../state/sync';
import { formatCount } from '../../ui/format';

/**
 * A link or a reload for local files: says which files it is for instead of opening the demo,
 * reopens kept files in one click, and tells when the files opened do not match it.
 */
export function LinkPrompt() {
  const link = usePendingLink((s) => s.link);
  const handles = usePendingLink((s) => s.handles);
  const dismiss = usePendingLink((s) => s.dismiss);
  const summary = useDataset((s) => s.summary);
  const open = useDataset((s) => s.open);
  const [failed, setFailed] = useState<string | null>(null);
  if (!link || summary?.fingerprint === link.fingerprint) return null;
  const names = link.files.join(', ') || 'its files';
  const what = `${names} (${formatCount(link.rows)} rows)`;
  const reopen = async () => {
    try {
      const files = await filesOf(handles!);
      await open(
        files.map((file) => ({ kind: 'file', file })),
        handles!,
      );
    } catch (err) {
      setFailed(err instanceof Error ? err.message : String(err));
    }
  };
  if (summary) {
    return (
      <section className="banner" role="region" aria-label="Link">
        This link is for {what}; the files open now ({summary.files.join(', ')},{' '}
        {formatCount(summary.numRows)} rows) do not match it.{' '}
        <button type="button" className="button" onClick={applyLinkAnyway}>
          Apply what fits
        </button>{' '}
        <button type="button" className="button" onClick={dismiss}>
          Dismiss
        </button>
      </section>
    );
  }
  return (
    <section className="banner" role="region" aria-label="Link">
      <p>
        <strong>This link is for {what}: open them to continue.</strong> Its cohorts, row and view
        apply once they are open. Nothing leaves this browser.
      </p>
      {handles ? (
        <button type="button" className="button primary" onClick={() => void reopen()}>
          Reopen {names}
        </button>
      ) : (
        <p>Open {names} again to continue: use “Open data files…” or drop them here.</p>
      )}
      {failed && <p className="warnings">Could not reopen: {failed}. Open them by hand.</p>}
    </section>
  );
}
