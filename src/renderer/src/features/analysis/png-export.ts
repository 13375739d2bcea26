/**
 * A chart as a PNG file: its SVG is copied with the styles it shows on screen written into it, loaded
 * as a `data:` image (the page's CSP allows `img-src 'self' data:`), drawn on a canvas under a title and
 * a legend, and saved through a `blob:` download link (a download, not a navigation: no CSP or
 * navigation guard is involved). Nothing leaves the machine.
 */

export type LegendMark = 'line' | 'dashed' | 'band' | 'medium-band' | 'faint-band' | 'cross';

/** How strongly each kind of region is shaded, on the chart and in its legend (on screen and in the PNG). */
export const BAND_OPACITY = { band: 0.22, 'medium-band': 0.1, 'faint-band': 0.045 } as const;

export interface LegendEntry {
  readonly label: string;
  readonly color: string;
  readonly mark: LegendMark;
}

export interface PngExportOptions {
  readonly title: string;
  readonly subtitle: string;
  readonly legend: readonly LegendEntry[];
  readonly background: string;
  readonly text: string;
  readonly muted: string;
  readonly fontFamily: string;
  /** Device pixels per CSS pixel; 2 keeps text sharp when the image is enlarged. */
  readonly scale?: number;
}

/**
 * The computed properties that decide how an SVG element looks; copied so the image needs no style
 * sheet. Each is also an SVG presentation attribute, so they are written as attributes: a `style`
 * attribute set from script is what a strict CSP (`style-src 'self'`) refuses.
 */
export const DRAWN_PROPERTIES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'display'
] as const;

/** A file name people can sort and read: `shipdeck-release-12-error-rate.png`. */
export function pngFileName(parts: readonly (string | number)[]): string {
  const slug = parts
    .map((part) => String(part).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, ''))
    .filter(Boolean)
    .join('-');
  return `${slug || 'chart'}.png`;
}

/** SVG markup as a `data:` URL an <img> may load under `img-src 'self' data:`. */
export function svgDataUrl(markup: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup)}`;
}

export const HEADER_HEIGHT = 58;
/** Room around the chart, so the image does not end at the last tick label. */
const PADDING = 12;

/** A copy of the chart's SVG with every drawn style written on its elements, as markup. */
export function standaloneSvg(svg: SVGSVGElement): { markup: string; width: number; height: number } {
  const box = svg.getBoundingClientRect();
  const width = Math.max(1, Math.round(box.width));
  const height = Math.max(1, Math.round(box.height));
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...svg.querySelectorAll('*')];
  const copies = [copy, ...copy.querySelectorAll('*')];
  originals.forEach((original, index) => {
    const target = copies[index];
    if (!target) return;
    const computed = getComputedStyle(original);
    for (const property of DRAWN_PROPERTIES) {
      const value = computed.getPropertyValue(property);
      if (value) target.setAttribute(property, value);
    }
    // Class names mean nothing without the page's style sheets.
    target.removeAttribute('class');
  });
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  copy.setAttribute('viewBox', `0 0 ${width} ${height}`);
  return { markup: new XMLSerializer().serializeToString(copy), width, height };
}

function loadImage(source: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error('The chart could not be drawn as an image.'));
    image.src = source;
  });
}

function drawLegendMark(context: CanvasRenderingContext2D, entry: LegendEntry, x: number, y: number): void {
  context.save();
  context.strokeStyle = entry.color;
  context.fillStyle = entry.color;
  context.lineWidth = 2;
  switch (entry.mark) {
    case 'line':
    case 'dashed':
      context.setLineDash(entry.mark === 'dashed' ? [5, 3] : []);
      context.beginPath();
      context.moveTo(x, y);
      context.lineTo(x + 18, y);
      context.stroke();
      break;
    case 'band':
    case 'medium-band':
    case 'faint-band':
      context.globalAlpha = BAND_OPACITY[entry.mark];
      context.fillRect(x, y - 6, 18, 12);
      break;
    case 'cross':
      context.beginPath();
      context.moveTo(x + 5, y - 4);
      context.lineTo(x + 13, y + 4);
      context.moveTo(x + 13, y - 4);
      context.lineTo(x + 5, y + 4);
      context.stroke();
      break;
  }
  context.restore();
}

/** Draws the chart under its title, subtitle and legend, on the page's background; resolves to the PNG. */
export async function chartPng(svg: SVGSVGElement, options: PngExportOptions): Promise<Blob> {
  const scale = options.scale ?? 2;
  const { markup, width, height } = standaloneSvg(svg);
  const image = await loadImage(svgDataUrl(markup));
  const canvas = document.createElement('canvas');
  const imageWidth = width + 2 * PADDING;
  const imageHeight = HEADER_HEIGHT + height + PADDING;
  canvas.width = imageWidth * scale;
  canvas.height = imageHeight * scale;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This browser cannot draw on a canvas, so the chart cannot be exported.');
  context.scale(scale, scale);
  context.fillStyle = options.background;
  context.fillRect(0, 0, imageWidth, imageHeight);
  context.textBaseline = 'middle';
  context.fillStyle = options.text;
  context.font = `600 14px ${options.fontFamily}`;
  context.fillText(options.title, PADDING, 16);
  const afterTitle = PADDING + context.measureText(options.title).width + 10;
  context.fillStyle = options.muted;
  context.font = `12px ${options.fontFamily}`;
  context.fillText(options.subtitle, afterTitle, 16);
  let x = PADDING;
  for (const entry of options.legend) {
    drawLegendMark(context, entry, x, 40);
    context.fillStyle = options.muted;
    context.fillText(entry.label, x + 24, 40);
    x += 24 + context.measureText(entry.label).width + 18;
  }
  context.drawImage(image, PADDING, HEADER_HEIGHT, width, height);
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The chart image came out empty.'))), 'image/png');
  });
}

/** Saves a blob under a file name through a temporary download link. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own reference by now; the URL is only needed for the click.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
