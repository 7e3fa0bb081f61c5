import type { IndexedImage } from './png';

/**
 * A 3×5 pixel font for what a chart may carry without a real font: digits, "*" (suppressed) and "-".
 * Words — Japanese above all — stay out of the image and go into the card next to it.
 */
const GLYPHS: Readonly<Record<string, readonly string[]>> = {
  '0': ['###', '#.#', '#.#', '#.#', '###'],
  '1': ['.#.', '##.', '.#.', '.#.', '###'],
  '2': ['###', '..#', '###', '#..', '###'],
  '3': ['###', '..#', '.##', '..#', '###'],
  '4': ['#.#', '#.#', '###', '..#', '..#'],
  '5': ['###', '#..', '###', '..#', '###'],
  '6': ['###', '#..', '###', '#.#', '###'],
  '7': ['###', '..#', '.#.', '.#.', '.#.'],
  '8': ['###', '#.#', '###', '#.#', '###'],
  '9': ['###', '#.#', '###', '..#', '###'],
  '*': ['...', '#.#', '.#.', '#.#', '...'],
  '-': ['...', '...', '###', '...', '...'],
};
export const GLYPH_WIDTH = 3;
export const GLYPH_HEIGHT = 5;

/** Width in pixels of a text at a scale (one blank column between characters). */
export const textWidth = (text: string, scale: number): number => (text.length === 0 ? 0 : (text.length * (GLYPH_WIDTH + 1) - 1) * scale);

/** Draws text with its top-left corner at (x, y); characters without a glyph are a bug. */
export function drawText(image: IndexedImage, text: string, x: number, y: number, scale: number, colour: number): void {
  [...text].forEach((ch, i) => {
    const glyph = GLYPHS[ch];
    if (!glyph) throw new Error(`CHART.NO_GLYPH: ${JSON.stringify(ch)}`);
    const left = x + i * (GLYPH_WIDTH + 1) * scale;
    glyph.forEach((row, gy) => [...row].forEach((px, gx) => {
      if (px === '#') image.fill(left + gx * scale, y + gy * scale, left + (gx + 1) * scale, y + (gy + 1) * scale, colour);
    }));
  });
}
