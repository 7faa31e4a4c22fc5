import { describe, expect, it } from 'vitest';
import { escapeHtml } from './escapeHtml';
import { type NodeLike, serializeSvg } from './serializeSvg';
import { buildReport, type ReportData } from './buildReport';

const EVIL = '<img src=x onerror=alert(1)>';
const EVIL_ESCAPED = '&lt;img src=x onerror=alert(1)&gt;';
const SCRIPT = `<script>alert("x")</script>`;

describe('escapeHtml', () => {
  it('escapes markup, quotes and ampersands', () => {
    expect(escapeHtml(EVIL)).toBe(EVIL_ESCAPED);
    expect(escapeHtml(SCRIPT)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(escapeHtml(`a & b 'c'`)).toBe('a &amp; b &#39;c&#39;');
    // Already-escaped text is escaped again (it is data, not markup).
    expect(escapeHtml('&lt;')).toBe('&amp;lt;');
    expect(escapeHtml('plain 0.7 → 0.8')).toBe('plain 0.7 → 0.8');
  });
});

const text = (s: string): NodeLike => ({
  nodeType: 3,
  nodeName: '#text',
  nodeValue: s,
  childNodes: [],
});
const el = (name: string, attrs: Record<string, string>, ...children: NodeLike[]): NodeLike => ({
  nodeType: 1,
  nodeName: name,
  nodeValue: null,
  attributes: Object.entries(attrs).map(([n, value]) => ({ name: n, value })),
  childNodes: children,
});

describe('serializeSvg', () => {
  const svg = serializeSvg(
    el(
      'svg',
      { width: '100', height: '50', 'aria-label': `v1 ${EVIL}`, onload: 'alert(1)' },
      el('title', {}, text(EVIL)),
      el('rect', { x: '1', y: '2', fill: '#fff', onclick: 'alert(1)', style: 'x' }),
      el('script', {}, text('alert(1)')),
      el('foreignObject', {}, el('img', { src: 'x' })),
      el('a', { href: 'javascript:alert(1)' }, text('link')),
      el('text', { x: '3' }, text(SCRIPT)),
    ),
  );

  it('keeps drawing elements and escapes every string', () => {
    expect(svg).toContain('<svg xmlns="http://www.w3.org/2000/svg" style="background:#fff"');
    expect(svg).toContain(`aria-label="v1 ${EVIL_ESCAPED}"`);
    expect(svg).toContain(`<title>${EVIL_ESCAPED}</title>`);
    expect(svg).toContain('<rect x="1" y="2" fill="#fff"></rect>');
    expect(svg).toContain('<text x="3">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</text>');
  });

  it('drops scripts, foreign content, links and event handlers', () => {
    expect(svg).not.toMatch(/<script|<foreignObject|<img|<a[\s>]|onload|onclick|href|style="x"/);
    expect(svg).not.toContain('link');
  });
});

describe('buildReport', () => {
  const data: ReportData = {
    title: `Compare ${EVIL}`,
    generatedAt: '2024-05-01T10:00:00Z',
    context: [
      { label: 'Files', value: `${EVIL}.arrow` },
      { label: 'Baseline', value: 'v1' },
    ],
    blocks: [
      { kind: 'heading', level: 2, text: `Cohort ${EVIL}` },
      { kind: 'paragraph', text: `Column ${SCRIPT}` },
      {
        kind: 'table',
        caption: `Metrics by ${EVIL}`,
        head: [
          [
            { text: 'Cohort', header: true, scope: 'col' },
            { text: EVIL, header: true, scope: 'col', colSpan: 2 },
          ],
        ],
        body: [
          [
            { text: EVIL, header: true, scope: 'row' },
            { text: '80.1%', header: false },
            { text: SCRIPT, header: false, tone: 'bad' },
          ],
        ],
      },
      { kind: 'chart', title: EVIL, svg: serializeSvg(el('svg', {}, el('text', {}, text(EVIL)))) },
    ],
    settingsJson: JSON.stringify({ cohorts: [{ name: EVIL, column: `</pre>${SCRIPT}` }] }),
  };
  const html = buildReport(data);

  it('escapes every string from data', () => {
    // The only tags are the report's own; no data string survives as markup.
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain(`<title>Compare ${EVIL_ESCAPED}</title>`);
    expect(html).toContain(`<dd>${EVIL_ESCAPED}.arrow</dd>`);
    expect(html).toContain(`<h2>Cohort ${EVIL_ESCAPED}</h2>`);
    expect(html).toContain(`<caption>Metrics by ${EVIL_ESCAPED}</caption>`);
    expect(html).toContain(`<th scope="col" colspan="2">${EVIL_ESCAPED}</th>`);
    expect(html).toContain(`<th scope="row">${EVIL_ESCAPED}</th>`);
    expect(html).toContain(
      '<td class="bad">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</td>',
    );
    expect(html).toContain(`<figcaption>${EVIL_ESCAPED}</figcaption>`);
    expect(html).toContain(`<text>${EVIL_ESCAPED}</text>`);
    // A data string cannot close the <pre> and escape into the page.
    expect(html).toContain('&lt;/pre&gt;&lt;script&gt;');
    expect(html.match(/<\/pre>/g)).toHaveLength(1);
  });

  it('only writes class names from its own set', () => {
    const forged = buildReport({
      ...data,
      blocks: [
        {
          kind: 'table',
          caption: '',
          head: [],
          body: [[{ text: 'x', header: false, tone: '" onclick="alert(1)' as never }]],
        },
      ],
    });
    expect(forged).toContain('<td>x</td>');
    expect(forged).not.toContain('onclick');
  });

  it('is a self-contained document that forbids scripts', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain(
      `content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`,
    );
    expect(html).not.toMatch(/<link|src="http|<script/);
    expect(html).toContain('<td>80.1%</td>');
  });
});
