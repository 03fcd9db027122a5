/**
 * Colour scales of the results overlay and the compare heat map. Pure functions, tested headless.
 *
 * Sequential: ColorBrewer YlOrRd (light yellow = idle/no waiting, red = saturated), because "hot" reads as "busy"
 * without a legend and the scale stays ordered in greyscale and for the common colour-vision deficiencies. It stops
 * at YlOrRd's red-orange (#f03b20) rather than its dark red, so black node text stays readable (>= 4.5:1) on every
 * colour: the canvas draws step names on these fills.
 * Diverging: ColorBrewer RdBu, blue = faster, red = slower, near-white = no change.
 * (Cynthia Brewer, colorbrewer2.org, Apache-2.0 colour specifications.)
 */

/** YlOrRd, light to red-orange (the 9-class stops up to #fc4e2a, then the 7-class #f03b20). */
export const sequentialStops: readonly string[] = ['#ffffcc', '#ffeda0', '#fed976', '#feb24c', '#fd8d3c', '#fc4e2a', '#f03b20'];

/** RdBu, 11 classes, from dark blue (most negative) through near-white to dark red (most positive). */
export const divergingStops: readonly string[] = [
  '#053061',
  '#2166ac',
  '#4393c3',
  '#92c5de',
  '#d1e5f0',
  '#f7f7f7',
  '#fddbc7',
  '#f4a582',
  '#d6604d',
  '#b2182b',
  '#67001f',
];

/** A colour and the text colour that stays readable on it (WCAG contrast at least 4.5 to 1). */
export interface Swatch {
  fill: string;
  text: string;
}

/**
 * Colour of `value` on a sequential scale over [0, max]; values outside are clamped.
 * @example sequentialColor(0.95, 1).fill // a dark red
 */
export function sequentialColor(value: number, max = 1): Swatch {
  const t = max > 0 && Number.isFinite(value) ? clamp01(value / max) : 0;
  return swatch(interpolate(sequentialStops, t));
}

/**
 * Colour of a signed change on a diverging scale symmetric around 0 over [-maxAbs, maxAbs].
 * @example divergingColor(-30, 60).fill // a mid blue (30 min faster of at most 60)
 */
export function divergingColor(value: number, maxAbs: number): Swatch {
  const t = maxAbs > 0 && Number.isFinite(value) ? clamp01((value / maxAbs + 1) / 2) : 0.5;
  return swatch(interpolate(divergingStops, t));
}

/**
 * A "nice" upper bound for a scale: the smallest of 1, 2, 2.5, 5 times a power of ten that is >= `value`.
 * Keeps legends readable ("0 – 25%" rather than "0 – 23.7%").
 */
export function niceCeil(value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) {
    const candidate = step * power;
    // Tolerate floating error (0.30000000000000004 stays 0.3).
    if (candidate >= value * (1 - 1e-12)) return candidate;
  }
  return 10 * power;
}

/** Evenly spaced tick values of a legend from `min` to `max` inclusive. */
export function legendTicks(min: number, max: number, count = 5): number[] {
  if (count < 2) return [min, max];
  return Array.from({ length: count }, (_, i) => min + ((max - min) * i) / (count - 1));
}

/** A CSS linear-gradient through the stops of a scale (left to right), for legends. */
export function cssGradient(stops: readonly string[]): string {
  return `linear-gradient(to right, ${stops.map((c, i) => `${c} ${((i / (stops.length - 1)) * 100).toFixed(1)}%`).join(', ')})`;
}

/** Linear interpolation in sRGB between neighbouring stops; `t` in [0, 1]. */
export function interpolate(stops: readonly string[], t: number): string {
  const x = clamp01(t) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const a = parseHex(stops[i]);
  const b = parseHex(stops[i + 1]);
  return toHex([a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f]);
}

/** WCAG 2 relative luminance of a `#rrggbb` colour. */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = parseHex(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio of two colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

// Pure black and white: for any fill one of them reaches at least 4.58:1 (the two meet at luminance 0.179).
const DARK_TEXT = '#000000';
const LIGHT_TEXT = '#ffffff';

function swatch(fill: string): Swatch {
  return { fill, text: contrastRatio(fill, DARK_TEXT) >= contrastRatio(fill, LIGHT_TEXT) ? DARK_TEXT : LIGHT_TEXT };
}

function parseHex(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new RangeError(`Not a #rrggbb colour: "${hex}".`);
  return [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)];
}

function toHex(rgb: [number, number, number]): string {
  return `#${rgb.map((c) => Math.round(Math.min(255, Math.max(0, c))).toString(16).padStart(2, '0')).join('')}`;
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
