import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

/**
 * Mailpit's attachment thumbnail: a 180×120 JPEG. A larger image is scaled to cover the box
 * and centre-cropped; a smaller one is centred on white; transparency is flattened onto
 * white. PNG and JPEG are decoded in pure JavaScript (pngjs, jpeg-js); any other attachment
 * (GIF, WebP, PDF, …) gets a blank white thumbnail, which is what Mailpit answers for
 * anything that is not an image.
 */

export const THUMB_WIDTH = 180;
export const THUMB_HEIGHT = 120;
/** Refuse to decode images larger than this (a thumbnail is not worth gigabytes of memory). */
const MAX_PIXELS = 40_000_000;

interface Rgba {
  width: number;
  height: number;
  data: Uint8Array;
}

function decode(content: Buffer, contentType: string): Rgba | null {
  const type = contentType.toLowerCase();
  try {
    if (type === 'image/png' || (content.length > 8 && content.readUInt32BE(0) === 0x89504e47)) {
      const png = PNG.sync.read(content);
      if (png.width * png.height > MAX_PIXELS) return null;
      return { width: png.width, height: png.height, data: png.data };
    }
    if (type === 'image/jpeg' || type === 'image/jpg' || (content[0] === 0xff && content[1] === 0xd8)) {
      const img = jpeg.decode(content, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_PIXELS / 1e6, maxMemoryUsageInMB: 512 });
      return { width: img.width, height: img.height, data: img.data };
    }
  } catch {
    return null; // a broken image gets the blank thumbnail, like any other undecodable part
  }
  return null;
}

function blank(): Uint8Array {
  return new Uint8Array(THUMB_WIDTH * THUMB_HEIGHT * 4).fill(255);
}

/** Area-averaged scale-and-crop (or centred padding) of `img` into the thumbnail box. */
function fit(img: Rgba): Uint8Array {
  const out = blank();
  const scale = Math.max(THUMB_WIDTH / img.width, THUMB_HEIGHT / img.height);
  if (scale >= 1) {
    // Smaller than the box on at least one side: centre it, unscaled, and clip what overflows.
    const ox = Math.floor((THUMB_WIDTH - img.width) / 2);
    const oy = Math.floor((THUMB_HEIGHT - img.height) / 2);
    for (let y = 0; y < img.height; y++) {
      const ty = y + oy;
      if (ty < 0 || ty >= THUMB_HEIGHT) continue;
      for (let x = 0; x < img.width; x++) {
        const tx = x + ox;
        if (tx < 0 || tx >= THUMB_WIDTH) continue;
        blendInto(out, (ty * THUMB_WIDTH + tx) * 4, img.data, (y * img.width + x) * 4);
      }
    }
    return out;
  }
  // Cover: the scaled image is at least the box on both sides; crop the middle.
  const srcW = THUMB_WIDTH / scale;
  const srcH = THUMB_HEIGHT / scale;
  const x0 = (img.width - srcW) / 2;
  const y0 = (img.height - srcH) / 2;
  for (let ty = 0; ty < THUMB_HEIGHT; ty++) {
    const sy0 = Math.floor(y0 + ty / scale);
    const sy1 = Math.max(sy0 + 1, Math.min(img.height, Math.floor(y0 + (ty + 1) / scale)));
    for (let tx = 0; tx < THUMB_WIDTH; tx++) {
      const sx0 = Math.floor(x0 + tx / scale);
      const sx1 = Math.max(sx0 + 1, Math.min(img.width, Math.floor(x0 + (tx + 1) / scale)));
      let r = 0,
        g = 0,
        b = 0,
        n = 0;
      for (let sy = sy0; sy < sy1; sy++) {
        for (let sx = sx0; sx < sx1; sx++) {
          const i = (sy * img.width + sx) * 4;
          const a = img.data[i + 3]! / 255;
          r += img.data[i]! * a + 255 * (1 - a);
          g += img.data[i + 1]! * a + 255 * (1 - a);
          b += img.data[i + 2]! * a + 255 * (1 - a);
          n++;
        }
      }
      const o = (ty * THUMB_WIDTH + tx) * 4;
      out[o] = Math.round(r / n);
      out[o + 1] = Math.round(g / n);
      out[o + 2] = Math.round(b / n);
      out[o + 3] = 255;
    }
  }
  return out;
}

function blendInto(out: Uint8Array, o: number, src: Uint8Array, i: number): void {
  const a = src[i + 3]! / 255;
  out[o] = Math.round(src[i]! * a + 255 * (1 - a));
  out[o + 1] = Math.round(src[i + 1]! * a + 255 * (1 - a));
  out[o + 2] = Math.round(src[i + 2]! * a + 255 * (1 - a));
  out[o + 3] = 255;
}

let blankJpeg: Buffer | null = null;

/** A 180×120 JPEG of the attachment (blank white when it is not a PNG or JPEG image). */
export function thumbnail(content: Buffer, contentType: string): Buffer {
  const img = decode(content, contentType);
  if (!img) {
    return (blankJpeg ??= Buffer.from(jpeg.encode({ data: blank(), width: THUMB_WIDTH, height: THUMB_HEIGHT }, 80).data));
  }
  return Buffer.from(jpeg.encode({ data: fit(img), width: THUMB_WIDTH, height: THUMB_HEIGHT }, 80).data);
}
