import { useRef, useState } from 'react';
import { useCohorts } from '../../../state/cohortStore';
import { thresholdOf, useCompare } from '../../../state/compareStore';
import { formatCount, formatThreshold } from '../../../ui/format';
import { describeRule } from '../Rules/describe';
import { useSession } from '../../../state/query/useSession';
import { buildReport, type ReportData } from './buildReport';
import { collectReport } from './collectReport';
import { verdictBlocks } from './verdictBlocks';
import { useRules } from '../Rules/useRules';
import { downloadBlob, exportFileName } from '../../../ui/download';

/** The element whose content the report copies: the Compare view, else the page's main area. */
function reportRoot(from: HTMLElement | null): Element | null {
  return (
    from?.closest('[data-report-root]') ??
    document.querySelector('[data-report-root]') ??
    from?.closest('main') ??
    null
  );
}

/** "Download report": the Compare view's tables, charts and notes as one self-contained HTML. */
export function ExportPanel() {
  const ctx = useSession();
  const rules = useCompare((s) => s.rules);
  const cohorts = useCohorts((s) => s.cohorts);
  const verdicts = useRules();
  const ref = useRef<HTMLElement>(null);
  const [done, setDone] = useState<string | null>(null);

  const download = () => {
    const root = reportRoot(ref.current);
    if (!root || !ctx.summary) return;
    const { summary, task, versions, baseline, thresholds, cohortName, positiveClass } = ctx;
    const context: ReportData['context'] = [
      { label: 'Files', value: summary.files.join(', ') },
      { label: 'Rows', value: formatCount(summary.numRows) },
      {
        label: 'Task',
        value: `${task ?? '?'}${positiveClass ? ` (positive class ${positiveClass})` : ''}`,
      },
      { label: 'Versions', value: versions.join(', ') },
      { label: 'Baseline', value: baseline ?? '–' },
      { label: 'Active cohort', value: cohortName ?? 'All rows' },
    ];
    if (task === 'binary') {
      const t = versions
        .map((v) => `${v} ${formatThreshold(thresholdOf({ thresholds }, v))}`)
        .join(', ');
      context.push({ label: 'Thresholds', value: t });
    }
    rules.forEach((r, i) => context.push({ label: `Rule ${i + 1}`, value: describeRule(r, task) }));
    // A panel still computing (bootstrap intervals, rule checks) is marked aria-busy.
    if (root.querySelector('[aria-busy="true"]')) {
      context.push({
        label: 'Note',
        value: 'Some intervals were still being computed; download again for the final numbers.',
      });
    }
    const settings = { baseline, thresholds, rules, cohorts };
    // The release verdict leads the report, built from the rules' result; the grid below it
    // keeps its place.
    const lead = verdictBlocks(verdicts.data ?? null, task);
    const html = buildReport({
      title: `Model comparison: ${summary.files.join(', ')}`,
      generatedAt: new Date().toISOString(),
      context,
      lead,
      blocks: collectReport(root),
      settingsJson: JSON.stringify(settings, null, 2),
    });
    downloadBlob(
      new Blob([html], { type: 'text/html' }),
      exportFileName(summary.files, 'report', 'html'),
    );
    setDone(`Report saved (${formatCount(Math.round(html.length / 1024))} KB).`);
  };

  return (
    <section
      ref={ref}
      className="panel export-panel"
      aria-labelledby="export-heading"
      data-report-skip=""
    >
      <h2 id="export-heading">Export</h2>
      <p className="note">
        One HTML file with the tables, release rules and charts shown in this view (inline SVG), and
        the settings as JSON. Aggregates only: no row of the data goes into it. Each chart also
        saves on its own as PNG or SVG.
      </p>
      <button type="button" className="button" onClick={download} disabled={!ctx.summary}>
        Download report
      </button>
      {done && (
        <p role="status" className="note">
          {done}
        </p>
      )}
    </section>
  );
}
