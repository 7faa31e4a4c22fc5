import { escapeHtml } from './escapeHtml';

/** The parts of a DOM node the serializer reads (a real SVGElement, or a stand-in in tests). */
export interface NodeLike {
  nodeType: number;
  nodeName: string;
  nodeValue: string | null;
  attributes?: ArrayLike<{ name: string; value: string }>;
  childNodes: ArrayLike<NodeLike>;
}

/** Markup that came out of serializeSvg: the only SVG the report builder inserts unescaped. */
export type SafeSvg = string & { readonly __brand: 'SafeSvg' };

const TEXT = 3;
const ELEMENT = 1;

// What the charts draw with. Anything else (script, foreignObject, image, a, use, event
// handlers, href, style) is dropped, so a chart cannot carry live content into an export.
const TAGS = new Set(['svg', 'g', 'path', 'rect', 'line', 'circle', 'text', 'tspan', 'title']);
const ATTRS = new Set(
  (
    'xmlns width height viewBox x y x1 x2 y1 y2 cx cy r d dx dy transform fill fill-opacity ' +
    'stroke stroke-width stroke-dasharray stroke-opacity opacity text-anchor font-family ' +
    'font-size font-weight dominant-baseline role aria-label'
  ).split(' '),
);

function walk(node: NodeLike, out: string[]): void {
  if (node.nodeType === TEXT) {
    out.push(escapeHtml(node.nodeValue ?? ''));
    return;
  }
  if (node.nodeType !== ELEMENT) return;
  // SVG element names keep their case in the DOM (e.g. "svg", "text").
  const tag = node.nodeName;
  if (!TAGS.has(tag)) return;
  out.push(`<${tag}`);
  if (tag === 'svg') out.push(' xmlns="http://www.w3.org/2000/svg" style="background:#fff"');
  const attrs = node.attributes ?? [];
  for (let i = 0; i < attrs.length; i++) {
    const a = attrs[i]!;
    if (!ATTRS.has(a.name) || (tag === 'svg' && a.name === 'xmlns')) continue;
    out.push(` ${a.name}="${escapeHtml(a.value)}"`);
  }
  out.push('>');
  for (let i = 0; i < node.childNodes.length; i++) walk(node.childNodes[i]!, out);
  out.push(`</${tag}>`);
}

/**
 * A chart's SVG as a standalone document fragment: allow-listed elements and attributes only,
 * every text and attribute value escaped. Used for SVG/PNG downloads and the HTML report.
 */
export function serializeSvg(root: NodeLike): SafeSvg {
  const out: string[] = [];
  walk(root, out);
  return out.join('') as SafeSvg;
}
