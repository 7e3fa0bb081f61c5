import assert from 'node:assert/strict';
import { crc32, inflateSync } from 'node:zlib';

/** Reads back an 8-bit indexed PNG as written by the chart code, checking signature, chunk CRCs and sizes. */
export interface DecodedPng {
  readonly width: number;
  readonly height: number;
  readonly bitDepth: number;
  readonly colourType: number;
  readonly palette: readonly (readonly [number, number, number])[];
  readonly chunkTypes: readonly string[];
  pixel(x: number, y: number): number;
}

export function readPng(png: Buffer): DecodedPng {
  assert.deepEqual([...png.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], 'PNG signature');
  const chunks: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('ascii', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    const crc = png.readUInt32BE(at + 8 + length);
    assert.equal(crc, crc32(png.subarray(at + 4, at + 8 + length)) >>> 0, `CRC of ${type}`);
    chunks.push({ type, data });
    at += 12 + length;
  }
  const types = chunks.map((c) => c.type);
  assert.equal(types[0], 'IHDR');
  assert.equal(types[types.length - 1], 'IEND');
  const ihdr = chunks[0]?.data as Buffer;
  assert.equal(ihdr.length, 13);
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  const plte = chunks.find((c) => c.type === 'PLTE')?.data ?? Buffer.alloc(0);
  const palette = Array.from({ length: plte.length / 3 }, (_, i) => [plte[3 * i] ?? 0, plte[3 * i + 1] ?? 0, plte[3 * i + 2] ?? 0] as const);
  const raw = inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  assert.equal(raw.length, height * (width + 1), 'one filter byte and one index per pixel on every row');
  for (let y = 0; y < height; y++) assert.equal(raw[y * (width + 1)], 0, `row ${y} uses filter 0`);
  return {
    width,
    height,
    bitDepth: ihdr[8] ?? 0,
    colourType: ihdr[9] ?? 0,
    palette,
    chunkTypes: types,
    pixel: (x, y) => raw[y * (width + 1) + 1 + x] ?? -1,
  };
}

export function pngOfDataUri(uri: string): Buffer {
  const prefix = 'data:image/png;base64,';
  assert.ok(uri.startsWith(prefix), 'a PNG data: URI');
  return Buffer.from(uri.slice(prefix.length), 'base64');
}
