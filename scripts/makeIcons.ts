/**
 * Draws the app icons (color 192×192, outline 32×32) as PNG without any image library: two linked rings
 * ("つなぐ" = to connect). Run once: `npx tsx scripts/makeIcons.ts`; the PNGs are checked in.
 */
import { writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

type Rgba = [number, number, number, number];

function png(size: number, pixel: (x: number, y: number) => Rgba): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) raw.set(pixel(x, y), y * (size * 4 + 1) + 1 + x * 4);
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

const ring = (x: number, y: number, cx: number, cy: number, r: number, w: number) => Math.abs(Math.hypot(x - cx, y - cy) - r) <= w / 2;

const color = png(192, (x, y) => {
  const onRing = ring(x, y, 74, 96, 38, 14) || ring(x, y, 118, 96, 38, 14);
  return onRing ? [255, 255, 255, 255] : [0x2b, 0x7a, 0x78, 255];
});
const outline = png(32, (x, y) => (ring(x, y, 12, 16, 7, 2.2) || ring(x, y, 20, 16, 7, 2.2) ? [255, 255, 255, 255] : [0, 0, 0, 0]));

writeFileSync('manifest/color.png', color);
writeFileSync('manifest/outline.png', outline);
