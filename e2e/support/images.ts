import { PNG } from 'pngjs';

/**
 * Photos for the upload steps, made here so they are real images of a useful size:
 * a card-like rectangle for document sides and a round face for the selfie.
 */
function picture(width: number, height: number, paint: (x: number, y: number) => [number, number, number]): Buffer {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = paint(x, y);
      const i = (y * width + x) * 4;
      png.data[i] = r;
      png.data[i + 1] = g;
      png.data[i + 2] = b;
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

export const documentFront = () =>
  picture(240, 150, (x, y) => (y < 30 ? [31, 79, 214] : x > 20 && x < 80 && y > 45 && y < 125 ? [180, 190, 205] : y % 18 < 3 && x > 100 && x < 220 ? [90, 100, 120] : [236, 240, 248]));

export const documentBack = () => picture(240, 150, (x, y) => (y > 100 && y < 130 ? [20, 20, 20] : (x + y) % 24 < 2 ? [200, 205, 215] : [244, 246, 250]));

export const selfie = () =>
  picture(160, 160, (x, y) => {
    const d = Math.hypot(x - 80, y - 70);
    return d < 42 ? [226, 182, 150] : y > 120 && Math.abs(x - 80) < 60 ? [60, 90, 160] : [214, 226, 240];
  });

export const png = (name: string, buffer: Buffer) => ({ name, mimeType: 'image/png', buffer });

/** Bytes that call themselves a photo but are not one. */
export const fakePhoto = () => ({ name: 'holiday.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('this is a text file, not a photo\n'.repeat(20)) });

/** A PDF (accepted for a document side, refused for a selfie). */
export const pdf = () => ({ name: 'statement.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% sample statement\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n') });

/** Just over the 10 MB limit, with a real PNG signature (refused for its size, before upload). */
export const hugePhoto = () => {
  const buffer = Buffer.alloc(10 * 1024 * 1024 + 1024);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(buffer);
  return { name: 'huge.png', mimeType: 'image/png', buffer };
};
