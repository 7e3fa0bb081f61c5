import { crc32, deflateSync } from 'node:zlib';

/**
 * A minimal PNG writer (no image library): 8-bit indexed colour (PLTE), no interlace, filter 0 on every
 * row, zlib level 9. Charts use a handful of flat colours, so an indexed image of a few hundred pixels
 * deflates to a few kilobytes. The output depends only on the pixels (deterministic).
 */
export type Rgb = readonly [number, number, number];

const SIGNATURE = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/** An indexed image: one palette index per pixel, row by row. */
export class IndexedImage {
  readonly pixels: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
    readonly palette: readonly Rgb[],
  ) {
    if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || width > 4096 || height > 4096) throw new RangeError(`CHART.BAD_SIZE: ${width}×${height}`);
    if (palette.length < 1 || palette.length > 256) throw new RangeError('CHART.BAD_PALETTE: 1 to 256 colours');
    this.pixels = new Uint8Array(width * height);
  }

  set(x: number, y: number, colour: number): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    this.pixels[y * this.width + x] = colour;
  }

  /** Fills the rectangle [x0, x1) × [y0, y1), clipped to the image. */
  fill(x0: number, y0: number, x1: number, y1: number, colour: number): void {
    for (let y = Math.max(0, Math.floor(y0)); y < Math.min(this.height, Math.ceil(y1)); y++) {
      for (let x = Math.max(0, Math.floor(x0)); x < Math.min(this.width, Math.ceil(x1)); x++) this.pixels[y * this.width + x] = colour;
    }
  }

  toPng(): Buffer {
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(this.width, 0);
    ihdr.writeUInt32BE(this.height, 4);
    ihdr.set([8, 3, 0, 0, 0], 8); // bit depth 8, colour type 3 (indexed), deflate, filter method 0, no interlace
    const plte = Buffer.from(this.palette.flatMap((c) => [c[0], c[1], c[2]]));
    const raw = Buffer.alloc(this.height * (this.width + 1));
    for (let y = 0; y < this.height; y++) {
      raw[y * (this.width + 1)] = 0;
      raw.set(this.pixels.subarray(y * this.width, (y + 1) * this.width), y * (this.width + 1) + 1);
    }
    return Buffer.concat([SIGNATURE, chunk('IHDR', ihdr), chunk('PLTE', plte), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
  }
}

export const pngDataUri = (png: Buffer): string => `data:image/png;base64,${png.toString('base64')}`;
