import { THEME } from './style';

// Export the diagram as a standalone SVG file or a PNG image. The diagram is drawn with
// presentation attributes (fill, stroke, font), so a copy of its SVG element needs no stylesheet:
// the export shows exactly what is on screen, minus what only serves the pointer (hit areas,
// hover halos) and the tooltip.

const SVG_NS = 'http://www.w3.org/2000/svg';

export const EXPORT_NAME = 'paxoscope-spacetime';

/** The SVG element as a standalone, well-formed SVG document (with an XML declaration). */
export function serializeDiagram(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  for (const el of Array.from(copy.querySelectorAll('[data-export="skip"]'))) el.remove();
  // Interaction state is not part of the picture.
  for (const el of Array.from(copy.querySelectorAll('[class]'))) el.removeAttribute('class');
  copy.removeAttribute('class');
  copy.removeAttribute('style');
  // It points at the app's hint paragraph, which the file does not have.
  copy.removeAttribute('aria-describedby');
  copy.setAttribute('xmlns', SVG_NS);
  const width = svg.getAttribute('width') ?? '800';
  const height = svg.getAttribute('height') ?? '200';
  copy.setAttribute('width', width);
  copy.setAttribute('height', height);
  if (!copy.getAttribute('viewBox')) copy.setAttribute('viewBox', `0 0 ${width} ${height}`);
  copy.setAttribute('font-family', THEME.font);
  // An opaque background, so the file reads the same in any viewer (and the PNG is not transparent).
  const bg = copy.ownerDocument.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', THEME.bg);
  copy.insertBefore(bg, copy.firstChild);
  const xml = new XMLSerializer().serializeToString(copy);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${xml}`;
}

/** Offer `blob` as a download called `name`. */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function exportSvg(svg: SVGSVGElement): void {
  download(new Blob([serializeDiagram(svg)], { type: 'image/svg+xml;charset=utf-8' }), `${EXPORT_NAME}.svg`);
}

/** Draw the SVG on an offscreen canvas at `scale`× (sharp on high-density screens and in print), as PNG. */
export async function svgToPng(svgText: string, width: number, height: number, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const img = new Image();
    img.decoding = 'async';
    await new Promise<void>((ok, bad) => {
      img.onload = () => ok();
      img.onerror = () => bad(new Error('the diagram could not be drawn as an image'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas in this browser');
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, width, height);
    return await new Promise<Blob>((ok, bad) => canvas.toBlob((b) => (b ? ok(b) : bad(new Error('PNG encoding failed'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

export async function exportPng(svg: SVGSVGElement): Promise<void> {
  const width = Number(svg.getAttribute('width')) || svg.getBoundingClientRect().width;
  const height = Number(svg.getAttribute('height')) || svg.getBoundingClientRect().height;
  download(await svgToPng(serializeDiagram(svg), width, height, 2), `${EXPORT_NAME}.png`);
}
