import { drawText, GLYPH_HEIGHT, textWidth } from './pixelFont';
import { IndexedImage, pngDataUri, type Rgb } from './png';

/**
 * A vertical bar chart as a PNG, for an Adaptive Card Image element (as a data: URI). The image carries
 * numbers only: y-axis ticks, each bar's value above it, and each bar's number (1, 2, 3 …) below it; the
 * card lists the same numbers with their labels beside the image. A suppressed value is drawn as a short
 * hatched stub with "*" above it, never as a bar of some height.
 */
export interface BarChartInput {
  /** One bar per value, in order; undefined = suppressed. Whole numbers ≥ 0. */
  readonly values: readonly (number | undefined)[];
  readonly width?: number;
  readonly height?: number;
}

const PALETTE: readonly Rgb[] = [
  [255, 255, 255], // 0 background
  [96, 96, 96], // 1 axis and text
  [226, 226, 226], // 2 grid
  [0x2b, 0x7a, 0x78], // 3 bar (the app colour)
  [170, 170, 170], // 4 suppressed stub
];
const BG = 0;
const INK = 1;
const GRID = 2;
const BAR = 3;
const HIDDEN = 4;
const SCALE = 2;
const TEXT_H = GLYPH_HEIGHT * SCALE;

/** A "nice" tick step (1, 2 or 5 × 10^n) giving at most 5 intervals up to max. */
export function tickStep(max: number): number {
  if (max <= 0) return 1;
  const raw = max / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  return Math.max(1, step);
}

export const MAX_BARS = 40;

export function renderBarChart(input: BarChartInput): Buffer {
  const { values } = input;
  if (values.length === 0 || values.length > MAX_BARS) throw new RangeError(`CHART.BAD_BARS: 1 to ${MAX_BARS} bars, got ${values.length}`);
  for (const v of values) if (v !== undefined && (!Number.isInteger(v) || v < 0)) throw new RangeError(`CHART.BAD_VALUE: ${v}`);
  const width = input.width ?? 360;
  const height = input.height ?? 160;
  const image = new IndexedImage(width, height, PALETTE);
  image.fill(0, 0, width, height, BG);

  const shown = values.filter((v): v is number => v !== undefined);
  const step = tickStep(Math.max(0, ...shown));
  const top = step * Math.max(1, Math.ceil(Math.max(0, ...shown) / step));
  const left = textWidth(String(top), SCALE) + 8;
  const plotTop = TEXT_H + 6;
  const plotBottom = height - TEXT_H - 6;
  const plotRight = width - 4;
  const y = (v: number): number => Math.round(plotBottom - ((plotBottom - plotTop) * v) / top);

  for (let t = 0; t <= top; t += step) {
    image.fill(left, y(t), plotRight, y(t) + 1, t === 0 ? INK : GRID);
    const label = String(t);
    drawText(image, label, left - 4 - textWidth(label, SCALE), y(t) - Math.floor(TEXT_H / 2), SCALE, INK);
  }
  image.fill(left, plotTop, left + 1, plotBottom + 1, INK);

  const slot = (plotRight - left - 2) / values.length;
  const barWidth = Math.max(2, Math.floor(slot * 0.6));
  const labelScale = textWidth(String(values.length), SCALE) + 4 <= slot ? SCALE : 1;
  values.forEach((v, i) => {
    const cx = Math.round(left + 2 + slot * (i + 0.5));
    const x0 = cx - Math.floor(barWidth / 2);
    const index = String(i + 1);
    drawText(image, index, cx - Math.floor(textWidth(index, labelScale) / 2), plotBottom + 4, labelScale, INK);
    if (v === undefined) {
      const stubTop = plotBottom - 6;
      for (let yy = stubTop; yy < plotBottom; yy++) for (let xx = x0; xx < x0 + barWidth; xx++) if ((xx + yy) % 3 === 0) image.set(xx, yy, HIDDEN);
      drawText(image, '*', cx - Math.floor(textWidth('*', SCALE) / 2), stubTop - TEXT_H - 2, SCALE, INK);
      return;
    }
    if (v > 0) image.fill(x0, y(v), x0 + barWidth, plotBottom, BAR);
    const label = String(v);
    const scale = textWidth(label, SCALE) <= slot ? SCALE : 1;
    drawText(image, label, cx - Math.floor(textWidth(label, scale) / 2), y(v) - GLYPH_HEIGHT * scale - 2, scale, INK);
  });
  return image.toPng();
}

/** The chart as a data: URI for an Adaptive Card Image element. */
export const barChartDataUri = (input: BarChartInput): string => pngDataUri(renderBarChart(input));
