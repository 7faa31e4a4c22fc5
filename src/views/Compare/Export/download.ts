import { downloadBlob, fileSlug } from '../../../ui/download';
import { serializeSvg } from './serializeSvg';

export function downloadSvg(svg: SVGSVGElement, title: string): void {
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${serializeSvg(svg)}`;
  downloadBlob(new Blob([text], { type: 'image/svg+xml' }), `${fileSlug(title)}.svg`);
}

/** Draws the serialized SVG onto a canvas at twice its size and saves that as PNG. */
export async function downloadPng(svg: SVGSVGElement, title: string): Promise<void> {
  const width = Number(svg.getAttribute('width')) || svg.clientWidth || 600;
  const height = Number(svg.getAttribute('height')) || svg.clientHeight || 400;
  const url = URL.createObjectURL(new Blob([serializeSvg(svg)], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const scale = 2;
    const canvas = document.createElement('canvas');
    canvas.width = width * scale;
    canvas.height = height * scale;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('this browser cannot draw on a canvas');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    const png = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!png) throw new Error('the canvas could not be encoded as PNG');
    downloadBlob(png, `${fileSlug(title)}.png`);
  } finally {
    URL.revokeObjectURL(url);
  }
}
