import { escapeHtml } from './escapeHtml';
import type { SafeSvg } from './serializeSvg';

/**
 * One readable part of a cell: an estimate, its interval, the test, a verdict, a detail. A cell
 * with parts is written one line per part (an interval stays beside what it qualifies), so a
 * metric cell reads "80.1% 79.6% to 80.5%" / "Δ +0.7 pts …" / "p < 0.001, q < 0.001", not as
 * one run-on string.
 */
export type PartKind = 'value' | 'interval' | 'delta' | 'test' | 'verdict' | 'detail';
export interface ReportPart {
  kind: PartKind;
  text: string;
}

export interface ReportCell {
  /** The whole cell as text (also what a cell without parts shows). */
  text: string;
  parts?: ReportPart[];
  header: boolean;
  scope?: 'row' | 'col';
  colSpan?: number;
  rowSpan?: number;
  /** A verdict colour (release rules), from a fixed set: never a class name from data. */
  tone?: 'good' | 'bad' | 'warn';
}

export type ReportBlock =
  | { kind: 'heading'; level: 2 | 3 | 4; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; caption: string; head: ReportCell[][]; body: ReportCell[][] }
  | { kind: 'chart'; title: string; svg: SafeSvg };

export interface ReportData {
  title: string;
  /** When the report was made (ISO time), shown as is. */
  generatedAt: string;
  /** Dataset, versions, baseline, thresholds, active cohort… as label/value lines. */
  context: { label: string; value: string }[];
  /** What the report opens with, before the context: the release verdict and failing rules. */
  lead?: ReportBlock[];
  blocks: ReportBlock[];
  /** The comparison settings and cohorts as JSON, so rules travel with the report. */
  settingsJson: string;
}

const STYLE = `
body{font:14px system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2330;margin:24px auto;max-width:1100px;padding:0 16px}
h1{font-size:20px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #dde1e8;padding-bottom:4px}h3{font-size:15px}h4{font-size:14px}
table{border-collapse:collapse;margin:8px 0 16px;width:100%}caption{text-align:left;color:#5b6475;padding-bottom:4px}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #dde1e8;vertical-align:top;font-variant-numeric:tabular-nums}
thead th{background:#f3f5f8}dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px}dt{color:#5b6475}dd{margin:0}
figure{margin:12px 0}figcaption{font-weight:600;margin-bottom:4px}svg{max-width:100%;height:auto}
pre{background:#f3f5f8;padding:8px;overflow:auto;white-space:pre-wrap}.meta{color:#5b6475}
td.bad{background:#fdecea;border-left:4px solid #b3261e}td.good{background:#edf7ee;border-left:4px solid #2b8a3e}td.warn{background:#fff6e0;border-left:4px solid #c77c02}
.p-value,.p-delta,.p-interval,.p-test,.p-verdict{white-space:nowrap}.p-value,.p-delta,.p-verdict{font-weight:600}.p-interval,.p-detail{color:#5b6475}.p-test{color:#5b6475;font-size:12px}`;

const TONES = new Set(['good', 'bad', 'warn']);
const PART_KINDS = new Set<string>(['value', 'interval', 'delta', 'test', 'verdict', 'detail']);
/** Parts that continue the line before them instead of starting one. */
const INLINE_PARTS = new Set<string>(['interval', 'verdict']);

/** A cell's parts as lines; kinds outside the fixed set are written as plain detail. */
function partsHtml(parts: ReportPart[]): string {
  const lines: string[][] = [];
  for (const p of parts) {
    const kind = PART_KINDS.has(p.kind) ? p.kind : 'detail';
    const span = `<span class="p-${kind}">${escapeHtml(p.text)}</span>`;
    if (INLINE_PARTS.has(kind) && lines.length > 0) lines[lines.length - 1]!.push(span);
    else lines.push([span]);
  }
  return lines.map((l) => `<div>${l.join(' ')}</div>`).join('');
}

function cell(c: ReportCell): string {
  const tag = c.header ? 'th' : 'td';
  const attrs = [
    c.scope ? ` scope="${c.scope}"` : '',
    c.colSpan && c.colSpan > 1 ? ` colspan="${Math.floor(c.colSpan)}"` : '',
    c.rowSpan && c.rowSpan > 1 ? ` rowspan="${Math.floor(c.rowSpan)}"` : '',
    c.tone && TONES.has(c.tone) ? ` class="${c.tone}"` : '',
  ].join('');
  const content = c.parts?.length ? partsHtml(c.parts) : escapeHtml(c.text);
  return `<${tag}${attrs}>${content}</${tag}>`;
}

function rows(rs: ReportCell[][]): string {
  return rs.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('\n');
}

function block(b: ReportBlock): string {
  switch (b.kind) {
    case 'heading':
      return `<h${b.level}>${escapeHtml(b.text)}</h${b.level}>`;
    case 'paragraph':
      return `<p>${escapeHtml(b.text)}</p>`;
    case 'table':
      return [
        '<table>',
        b.caption ? `<caption>${escapeHtml(b.caption)}</caption>` : '',
        b.head.length ? `<thead>${rows(b.head)}</thead>` : '',
        `<tbody>${rows(b.body)}</tbody>`,
        '</table>',
      ].join('\n');
    case 'chart':
      // The SVG was serialized through serializeSvg's allow-list with every string escaped.
      return `<figure><figcaption>${escapeHtml(b.title)}</figcaption>${b.svg}</figure>`;
  }
}

/**
 * A self-contained HTML report: inline CSS and SVG, no script, and a CSP that forbids any, so
 * even a mistake in escaping could not run code when the file is opened. Aggregates only: the
 * blocks are the tables, charts and notes of the Compare view, never rows.
 */
export function buildReport(data: ReportData): string {
  const context = data.context
    .map((c) => `<dt>${escapeHtml(c.label)}</dt><dd>${escapeHtml(c.value)}</dd>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(data.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(data.title)}</h1>
<p class="meta">Generated ${escapeHtml(data.generatedAt)} by Model Workbench. Aggregates only: no row of the data is in this file.</p>
${(data.lead ?? []).map(block).join('\n')}
<dl>
${context}
</dl>
${data.blocks.map(block).join('\n')}
<h2>Settings</h2>
<p>Baseline, thresholds, release rules and cohorts, as JSON (the same settings the app's link carries).</p>
<pre>${escapeHtml(data.settingsJson)}</pre>
</body>
</html>
`;
}
