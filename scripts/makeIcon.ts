/**
 * Draws the Flowcast app icon (build/icons/icon.png, 1024×1024) without any image library: a rounded square
 * with a blue-to-teal gradient and a small white flow graph (a source fanning out to two steps that merge
 * again at the end). Shapes are
 * drawn from signed distances, so edges are anti-aliased. electron-builder derives .ico/.icns and the Linux
 * sizes from this PNG. Run: `npx tsx scripts/makeIcon.ts`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

const size = 1024;

/** CRC-32 of PNG chunks (ISO 3309 polynomial). */
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}
/** Encodes RGBA pixels as a PNG (8-bit, colour type 6, no filtering). */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0;
    raw.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', new Uint8Array())]);
}

const clamp01 = (v: number): number => Math.min(1, Math.max(0, v));
/** Coverage of a pixel by a shape whose signed distance (negative inside) is d. */
const cover = (d: number): number => clamp01(0.5 - d);

function roundedSquare(x: number, y: number, half: number, radius: number): number {
  const qx = Math.abs(x) - half + radius;
  const qy = Math.abs(y) - half + radius;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
}
function segment(px: number, py: number, ax: number, ay: number, bx: number, by: number, halfWidth: number): number {
  const [dx, dy] = [bx - ax, by - ay];
  const t = clamp01(((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy) - halfWidth;
}

export function drawIcon(): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  const source = { x: 256, y: 512, r: 100 };
  const end = { x: 768, y: 512, r: 100 };
  const steps = [
    { x: 512, y: 292, r: 84 },
    { x: 512, y: 732, r: 84 },
  ];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const px = x + 0.5;
      const py = y + 0.5;
      const background = cover(roundedSquare(px - 512, py - 512, 460, 200));
      // Vertical gradient #1f6feb -> #0e9f9a.
      const t = py / size;
      let [r, g, b] = [31 + (14 - 31) * t, 111 + (159 - 111) * t, 235 + (154 - 235) * t];
      let ink = 0;
      for (const step of steps) {
        ink = Math.max(ink, cover(segment(px, py, source.x, source.y, step.x, step.y, 26)));
        ink = Math.max(ink, cover(segment(px, py, step.x, step.y, end.x, end.y, 26)));
        ink = Math.max(ink, cover(Math.hypot(px - step.x, py - step.y) - step.r));
      }
      ink = Math.max(ink, cover(Math.hypot(px - source.x, py - source.y) - source.r));
      ink = Math.max(ink, cover(Math.hypot(px - end.x, py - end.y) - end.r));
      // A hollow centre in the source node: orders enter there.
      const hole = cover(Math.hypot(px - source.x, py - source.y) - 44);
      ink = Math.max(0, ink - hole);
      [r, g, b] = [r + (255 - r) * ink, g + (255 - g) * ink, b + (255 - b) * ink];
      const i = (y * size + x) * 4;
      pixels[i] = Math.round(r);
      pixels[i + 1] = Math.round(g);
      pixels[i + 2] = Math.round(b);
      pixels[i + 3] = Math.round(255 * background);
    }
  }
  return pixels;
}

const out = path.resolve(import.meta.dirname, '../build/icons/icon.png');
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, encodePng(size, size, drawIcon()));
console.log(`Wrote ${out}`);
