import type { PartKind, ReportBlock, ReportCell, ReportPart } from './buildReport';
import { serializeSvg } from './serializeSvg';

// Reads "what is on screen" out of the Compare view's DOM: headings, paragraphs, tables (as
// text), and charts (svg[data-chart]). Only text and chart shapes are taken, so nothing from the
// page is copied as markup. Controls are settings, not findings: outside tables, selects, inputs,
// buttons and the labels around them are left out (the report's context lists the settings);
// inside tables a select or a typed number reads as its value, and counts are buttons that open
// their rows. A cell's [data-report-part] elements become its parts (estimate, interval, test…).

const NEVER = new Set(['TEXTAREA', 'SCRIPT', 'STYLE', 'TEMPLATE', 'NAV', 'FORM']);
const INLINE = new Set([
  'SPAN',
  'STRONG',
  'EM',
  'B',
  'I',
  'CODE',
  'A',
  'ABBR',
  'SUB',
  'SUP',
  'SMALL',
  'MARK',
  'TIME',
  'OUTPUT',
  'LABEL',
  'SELECT',
  'INPUT',
  'BUTTON',
  'BR',
]);
const BLOCKS =
  'table, svg, p, div, section, h1, h2, h3, h4, h5, h6, ul, ol, li, dl, figure, details';

function skipped(el: Element, inTable: boolean): boolean {
  if (NEVER.has(el.tagName) || el.hasAttribute('data-report-skip')) return true;
  if (el.getAttribute('aria-hidden') === 'true' || (el as HTMLElement).hidden) return true;
  if (el.tagName === 'FIGCAPTION') return true; // the chart block carries its title
  if (inTable) return false;
  return CONTROLS.has(el.tagName) || (el.tagName === 'LABEL' && el.querySelector(CONTROL) !== null);
}

const CONTROLS = new Set(['BUTTON', 'SELECT', 'INPUT']);
const CONTROL = 'select, input, button';
const PART_KINDS = new Set(['value', 'interval', 'delta', 'test', 'verdict', 'detail']);

/** The marked parts of a cell, in order; undefined when the cell marks none. */
function partsOf(cell: Element): ReportPart[] | undefined {
  const els = Array.from(cell.querySelectorAll('[data-report-part]'));
  const parts = els.flatMap((el) => {
    const kind = el.getAttribute('data-report-part') ?? '';
    const text = textOf(el, true);
    return PART_KINDS.has(kind) && text ? [{ kind: kind as PartKind, text }] : [];
  });
  return parts.length ? parts : undefined;
}

/** What a form control shows: the chosen option, or a typed value; nothing for the rest. */
function controlText(el: Element): string | null {
  if (el instanceof HTMLSelectElement) return el.selectedOptions[0]?.text ?? '';
  if (el instanceof HTMLInputElement) {
    return ['number', 'text', 'search'].includes(el.type) ? el.value : '';
  }
  return null;
}

/** Visible text of a node, whitespace collapsed. */
function textOf(node: Node, inTable: boolean): string {
  const parts: string[] = [];
  const visit = (n: Node) => {
    if (n.nodeType === Node.TEXT_NODE) parts.push(n.nodeValue ?? '');
    if (n.nodeType !== Node.ELEMENT_NODE || skipped(n as Element, inTable)) return;
    const el = n as Element;
    const control = controlText(el);
    // Spans and blocks are separate values on screen (an estimate, then its interval below it):
    // keep a space between them. Inline emphasis joins the words around it as is.
    const gap = ['STRONG', 'EM', 'B', 'I', 'CODE', 'A'].includes(el.tagName) ? '' : ' ';
    parts.push(gap);
    if (control !== null) parts.push(control);
    else el.childNodes.forEach(visit);
    parts.push(gap);
  };
  visit(node);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

function cellsOf(row: HTMLTableRowElement): ReportCell[] {
  return Array.from(row.cells).map((c) => {
    const scope = c.getAttribute('scope');
    const rule = c.classList.contains('rule-cell');
    const tone = !rule
      ? undefined
      : c.classList.contains('fail')
        ? 'bad'
        : c.classList.contains('pass')
          ? 'good'
          : c.classList.contains('inconclusive')
            ? 'warn'
            : undefined;
    return {
      tone,
      text: textOf(c, true),
      parts: partsOf(c),
      header: c.tagName === 'TH',
      scope: scope === 'row' || scope === 'col' ? scope : undefined,
      colSpan: c.colSpan,
      rowSpan: c.rowSpan,
    };
  });
}

function tableOf(t: HTMLTableElement): ReportBlock {
  const head = t.tHead ? Array.from(t.tHead.rows).map(cellsOf) : [];
  const bodyRows = Array.from(t.tBodies).flatMap((b) => Array.from(b.rows));
  if (t.tFoot) bodyRows.push(...Array.from(t.tFoot.rows));
  const label = t.caption ? textOf(t.caption, true) : (t.getAttribute('aria-label') ?? '');
  return { kind: 'table', caption: label, head, body: bodyRows.map(cellsOf) };
}

function walk(el: Element, out: ReportBlock[]): void {
  // Consecutive text and inline elements make one paragraph, as they read on screen.
  let line: string[] = [];
  const flush = () => {
    const text = line.join(' ').replace(/\s+/g, ' ').trim();
    if (text) out.push({ kind: 'paragraph', text });
    line = [];
  };
  for (const child of Array.from(el.childNodes)) {
    if (child.nodeType === Node.TEXT_NODE) {
      line.push(child.nodeValue ?? '');
      continue;
    }
    if (child.nodeType !== Node.ELEMENT_NODE) continue;
    const c = child as Element;
    if (skipped(c, false)) continue;
    const tag = c.tagName;
    if (INLINE.has(tag) && !c.querySelector(BLOCKS)) {
      line.push(textOf(c, false));
      continue;
    }
    flush();
    if (/^H[1-6]$/.test(tag)) {
      const level = Math.min(4, Math.max(2, Number(tag[1]))) as 2 | 3 | 4;
      const text = textOf(c, false);
      if (text) out.push({ kind: 'heading', level, text });
    } else if (tag === 'TABLE') {
      out.push(tableOf(c as HTMLTableElement));
    } else if (c instanceof SVGSVGElement) {
      const title = c.getAttribute('data-chart');
      if (title !== null) out.push({ kind: 'chart', title, svg: serializeSvg(c) });
    } else if (tag === 'DETAILS' && !(c as HTMLDetailsElement).open) {
      // A closed section: only its summary line is on screen.
      const summary = c.querySelector('summary');
      const text = summary ? textOf(summary, false) : '';
      if (text) out.push({ kind: 'paragraph', text });
    } else if (!c.querySelector(BLOCKS)) {
      const text = textOf(c, false);
      if (text) out.push({ kind: 'paragraph', text });
    } else {
      walk(c, out);
    }
  }
  flush();
}

/** The report blocks of everything under root, in document order. */
export function collectReport(root: Element): ReportBlock[] {
  const out: ReportBlock[] = [];
  walk(root, out);
  return out;
}
