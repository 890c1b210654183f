// Plain-TypeScript geometry: PostGIS is not available on PGlite, and Depok's 63 polygons are small
// enough that ray casting in memory is faster than a round trip to the database anyway.
export type Position = [number, number]; // [lng, lat]
export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: Position[][];
}
export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: Position[][][];
}
export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;

function inRing(lng: number, lat: number, ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inPolygon(lng: number, lat: number, rings: Position[][]): boolean {
  if (!inRing(lng, lat, rings[0])) return false;
  for (let k = 1; k < rings.length; k++) if (inRing(lng, lat, rings[k])) return false; // holes
  return true;
}

export function pointInGeometry(lng: number, lat: number, g: AreaGeometry): boolean {
  if (g.type === 'Polygon') return inPolygon(lng, lat, g.coordinates);
  return g.coordinates.some((p) => inPolygon(lng, lat, p));
}

export interface BBox {
  minLng: number;
  minLat: number;
  maxLng: number;
  maxLat: number;
}

export function bboxOf(g: AreaGeometry): BBox {
  const b = { minLng: Infinity, minLat: Infinity, maxLng: -Infinity, maxLat: -Infinity };
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  for (const poly of polys)
    for (const [lng, lat] of poly[0]) {
      if (lng < b.minLng) b.minLng = lng;
      if (lng > b.maxLng) b.maxLng = lng;
      if (lat < b.minLat) b.minLat = lat;
      if (lat > b.maxLat) b.maxLat = lat;
    }
  return b;
}

const EARTH_RADIUS_M = 6_371_008.8;

/** Great-circle distance in metres. */
export function distanceM(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(a));
}

/** Deterministic PRNG (mulberry32) so demo data is the same on every machine. */
export function seededRandom(seed: string | number): () => number {
  let a = typeof seed === 'number' ? seed : hashString(seed);
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** A random point strictly inside the geometry, by rejection sampling in its bounding box. */
export function randomPointIn(g: AreaGeometry, rand: () => number): { lat: number; lng: number } {
  const b = bboxOf(g);
  for (let i = 0; i < 10_000; i++) {
    const lng = b.minLng + (b.maxLng - b.minLng) * rand();
    const lat = b.minLat + (b.maxLat - b.minLat) * rand();
    if (pointInGeometry(lng, lat, g)) return { lat: round6(lat), lng: round6(lng) };
  }
  throw new Error('could not place a point inside the polygon');
}

export const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** Splits `total` over weights by the largest-remainder method, each share at least `min`. */
export function apportion(total: number, weights: number[], min = 1): number[] {
  const n = weights.length;
  const rest = total - min * n;
  if (rest < 0) throw new Error(`cannot give ${n} parts at least ${min} from ${total}`);
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (rest * w) / sum);
  const out = exact.map((x) => Math.floor(x));
  let left = rest - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    out[i] += 1;
  }
  return out.map((x) => x + min);
}
