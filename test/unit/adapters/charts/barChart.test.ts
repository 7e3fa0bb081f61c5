import assert from 'node:assert/strict';
import { barChartDataUri, renderBarChart, tickStep } from '../../../../src/adapters/charts/barChart';
import { IndexedImage } from '../../../../src/adapters/charts/png';
import { pngOfDataUri, readPng } from './pngReader';

const BAR = 3;
/** Height in pixels of the bar colour in one pixel column. */
const barHeightAt = (png: ReturnType<typeof readPng>, x: number): number => {
  let n = 0;
  for (let y = 0; y < png.height; y++) if (png.pixel(x, y) === BAR) n++;
  return n;
};
/** x of the middle of each run of bar colour along a row near the bottom of the plot. */
function barCentres(png: ReturnType<typeof readPng>, y: number): number[] {
  const centres: number[] = [];
  for (let x = 0; x < png.width; x++) {
    if (png.pixel(x, y) !== BAR || png.pixel(x - 1, y) === BAR) continue;
    let end = x;
    while (png.pixel(end + 1, y) === BAR) end++;
    centres.push(Math.floor((x + end) / 2));
  }
  return centres;
}

describe('adapters/charts: a bar chart as a PNG (node:zlib only)', () => {
  const values = [4, 8, 12, 0, 16];
  const png = renderBarChart({ values, width: 360, height: 160 });
  const decoded = readPng(png);

  it('when a chart is rendered, then it is a valid PNG: signature, IHDR of the asked size, indexed 8-bit, CRCs, IDAT of the right length', () => {
    assert.equal(decoded.width, 360);
    assert.equal(decoded.height, 160);
    assert.equal(decoded.bitDepth, 8);
    assert.equal(decoded.colourType, 3);
    assert.deepEqual(decoded.chunkTypes, ['IHDR', 'PLTE', 'IDAT', 'IEND']);
    assert.equal(decoded.palette.length, 5);
  });

  it('when the same values are rendered twice, then the bytes are identical (deterministic)', () => {
    assert.ok(renderBarChart({ values, width: 360, height: 160 }).equals(png));
    assert.ok(!renderBarChart({ values: [4, 8, 12, 0, 15], width: 360, height: 160 }).equals(png), 'a different value changes the image');
  });

  it('when bars are drawn, then their heights are proportional to the values (4 : 8 : 12 : 16) and a zero has no bar', () => {
    const centres = barCentres(decoded, 160 - 17);
    assert.equal(centres.length, 4, 'four non-zero bars');
    const heights = centres.map((x) => barHeightAt(decoded, x));
    // axis to 20 (ticks of 5) over 128 px: 16 → 102 px, and the others in proportion (±1 px of rounding)
    assert.equal(heights[3], 102);
    const shown = [4, 8, 12, 16];
    heights.forEach((h, i) => assert.ok(Math.abs(h - (102.4 * (shown[i] as number)) / 16) <= 1, `bar ${i + 1}: ${h}px for ${shown[i]}`));
  });

  it('when a value is suppressed, then no bar of any height is drawn for it', () => {
    const withHidden = readPng(renderBarChart({ values: [10, undefined, 10], width: 300, height: 150 }));
    assert.equal(barCentres(withHidden, 150 - 17).length, 2);
  });

  it('when the chart becomes a data: URI for the card, then it stays small (well under the 28 KB card limit)', () => {
    const uri = barChartDataUri({ values: Array.from({ length: 19 }, (_, i) => (i * 37) % 23) });
    assert.ok(uri.length < 4 * 1024, `${uri.length} characters`);
    assert.ok(readPng(pngOfDataUri(uri)).width > 0);
  });

  it('when the input is out of range, then it is refused', () => {
    assert.throws(() => renderBarChart({ values: [] }), /CHART.BAD_BARS/);
    assert.throws(() => renderBarChart({ values: [-1] }), /CHART.BAD_VALUE/);
    assert.throws(() => renderBarChart({ values: [1.5] }), /CHART.BAD_VALUE/);
    assert.throws(() => new IndexedImage(0, 10, [[0, 0, 0]]), /CHART.BAD_SIZE/);
  });

  it('when ticks are chosen, then the step is 1, 2 or 5 times a power of ten', () => {
    assert.deepEqual([0, 4, 9, 28, 120, 999].map(tickStep), [1, 1, 2, 10, 50, 200]);
  });
});
