/** A signature as drawn: strokes of points in CSS pixels of the pad. */
export interface Point {
  x: number;
  y: number;
}
export type Stroke = readonly Point[];

/** Total length of the ink. */
export function inkLength(strokes: readonly Stroke[]): number {
  let length = 0;
  for (const stroke of strokes) {
    for (let i = 1; i < stroke.length; i++) {
      const a = stroke[i - 1]!;
      const b = stroke[i]!;
      length += Math.hypot(b.x - a.x, b.y - a.y);
    }
  }
  return length;
}

/**
 * True when nothing worth calling a signature was drawn: no ink, a tap, or a short smudge from a
 * gloved thumb resting on the pad. A signature needs some ink and some extent.
 */
export function isSignatureEmpty(strokes: readonly Stroke[], minInk = 40, minExtent = 24): boolean {
  if (inkLength(strokes) < minInk) return true;
  const points = strokes.flat();
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const extent = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
  return extent < minExtent;
}
