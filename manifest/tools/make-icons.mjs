// Draws the app's two Teams icons from geometry alone (no downloads, no image library) and writes them next
// to the manifest template:
//   color.png   192×192, Lei Feng red background, white heart, red five-pointed star in the heart
//   outline.png  32×32, white heart outline and star on a fully transparent background
// Usage: node manifest/tools/make-icons.mjs [outputDirectory]   (default: manifest/)
// The output is deterministic: running it again must give the committed bytes (a test checks this).
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodePng } from './png.mjs';

const RED = [0xc8, 0x10, 0x2e];
const WHITE = [0xff, 0xff, 0xff];
const SAMPLES = 4; // 4×4 sub-pixel samples for smooth edges

// The classic heart curve (x²+y²−1)³ − x²y³ ≤ 0 spans x ∈ [−1.14, 1.14], y ∈ [−1, 1.25] (y up).
function inHeart(x, y) {
  const a = x * x + y * y - 1;
  return a * a * a - x * x * y * y * y <= 0;
}

// A five-pointed star with its top point up, outer radius 1, inner radius 0.382 (regular star).
const STAR = Array.from({ length: 10 }, (_, i) => {
  const r = i % 2 === 0 ? 1 : 0.382;
  const angle = Math.PI / 2 + (i * Math.PI) / 5;
  return [r * Math.cos(angle), r * Math.sin(angle)];
});

function inStar(x, y) {
  let inside = false;
  for (let i = 0, j = STAR.length - 1; i < STAR.length; j = i++) {
    const [xi, yi] = STAR[i];
    const [xj, yj] = STAR[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Renders size×size pixels; shade(x, y) gives [r, g, b, a] (a in 0..1) for a point in pixel units. */
function render(size, shade) {
  const rgba = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const [cr, cg, cb, ca] = shade(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES);
          r += cr * ca; g += cg * ca; b += cb * ca; a += ca;
        }
      }
      const o = (py * size + px) * 4;
      if (a === 0) continue; // fully transparent: all four bytes stay 0
      rgba[o] = Math.round(r / a);
      rgba[o + 1] = Math.round(g / a);
      rgba[o + 2] = Math.round(b / a);
      rgba[o + 3] = Math.round((a / (SAMPLES * SAMPLES)) * 255);
    }
  }
  return rgba;
}

// Maps pixel coordinates to heart coordinates: the heart's box (2.28 × 2.25) centred, `scale` pixels per unit.
function heartSpace(size, scale) {
  const cx = size / 2;
  const cy = size / 2 + (0.125 * scale); // the curve's vertical centre is y = 0.125
  return (x, y) => [(x - cx) / scale, (cy - y) / scale];
}

function colorIcon() {
  const size = 192;
  const scale = 56; // heart about 128 px wide
  const toHeart = heartSpace(size, scale);
  const starRadius = 0.5; // in heart units
  const starCentreY = 0.2;
  return render(size, (x, y) => {
    const [hx, hy] = toHeart(x, y);
    if (inHeart(hx, hy) && !inStar(hx / starRadius, (hy - starCentreY) / starRadius)) return [...WHITE, 1];
    return [...RED, 1];
  });
}

function outlineIcon() {
  const size = 32;
  const scale = 12.5; // heart about 28 px wide
  const stroke = 2.2; // pixels
  const toHeart = heartSpace(size, scale);
  const innerScale = (scale * 1.14 - stroke) / 1.14 / scale; // shrink the heart by `stroke` px at its widest
  const starRadius = 0.42;
  const starCentreY = 0.2;
  return render(size, (x, y) => {
    const [hx, hy] = toHeart(x, y);
    const ring = inHeart(hx, hy) && !inHeart(hx / innerScale, (hy - 0.125) / innerScale + 0.125);
    const star = inStar(hx / starRadius, (hy - starCentreY) / starRadius);
    return ring || star ? [...WHITE, 1] : [0, 0, 0, 0];
  });
}

const here = dirname(fileURLToPath(import.meta.url));
const outDir = resolve(process.argv[2] ?? join(here, '..'));
writeFileSync(join(outDir, 'color.png'), encodePng(192, 192, colorIcon()));
writeFileSync(join(outDir, 'outline.png'), encodePng(32, 32, outlineIcon()));
console.log(`wrote ${join(outDir, 'color.png')} and ${join(outDir, 'outline.png')}`);
