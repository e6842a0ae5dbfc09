/**
 * Wijk geometry for Koersdam: a seeded irregular outline of about 10 x 8 km around
 * (5.45, 52.05), split into Voronoi cells (d3-delaunay) around one seed per wijk and clipped to
 * the outline (polygon-clipping). Computed in a local km plane, written as WGS84 lon/lat rounded
 * to 5 decimals (about 1 m), exterior rings counter-clockwise as RFC 7946 asks.
 */
import { Delaunay } from 'd3-delaunay';
import polygonClipping from 'polygon-clipping';
import type { MultiPolygon as PcMultiPolygon, Polygon as PcPolygon, Ring as PcRing } from 'polygon-clipping';
import { CENTER_LAT, CENTER_LON, WIJKEN } from './catalog.js';
import type { Rng } from './random.js';
import type { GeoMultiPolygon, GeoPolygon, Wijk } from './types.js';

const KM_PER_DEG_LAT = 110.574;
const KM_PER_DEG_LON = 111.32 * Math.cos((CENTER_LAT * Math.PI) / 180);

function round5(v: number): number {
  return Math.round(v * 1e5) / 1e5;
}

function toLonLat([x, y]: readonly [number, number] | readonly number[]): [number, number] {
  return [round5(CENTER_LON + (x as number) / KM_PER_DEG_LON), round5(CENTER_LAT + (y as number) / KM_PER_DEG_LAT)];
}

/** Signed area (shoelace); positive for counter-clockwise rings. */
export function ringSignedArea(ring: readonly (readonly number[])[]): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = ring[i] as readonly number[];
    const b = ring[i + 1] as readonly number[];
    s += (a[0] as number) * (b[1] as number) - (b[0] as number) * (a[1] as number);
  }
  return s / 2;
}

/** Converts a km-plane ring to a closed lon/lat ring without repeated points. */
function ringToLonLat(ring: PcRing, counterClockwise: boolean): number[][] {
  const out: number[][] = [];
  for (const p of ring) {
    const q = toLonLat(p);
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  const first = out[0] as number[];
  const last = out[out.length - 1] as number[];
  if (first[0] !== last[0] || first[1] !== last[1]) out.push([first[0] as number, first[1] as number]);
  const ccw = ringSignedArea(out) > 0;
  if (ccw !== counterClockwise) out.reverse();
  return out;
}

function polygonToLonLat(poly: PcPolygon): number[][][] {
  return poly.map((ring, i) => ringToLonLat(ring, i === 0)).filter((r) => r.length >= 4);
}

/** A seeded irregular outline in the km plane (closed ring, counter-clockwise). */
function makeOutline(rng: Rng): PcRing {
  const a = 5.1; // half width (km), about 10 km east-west
  const b = 4.0; // half height (km), about 8 km north-south
  const harmonics = [2, 3, 4, 5, 7].map((k) => ({ k, amp: rng.uniform(0.015, 0.07), phase: rng.uniform(0, 2 * Math.PI) }));
  const n = 72;
  const ring: PcRing = [];
  for (let i = 0; i < n; i++) {
    const t = (2 * Math.PI * i) / n;
    let f = 1;
    for (const h of harmonics) f += h.amp * Math.cos(h.k * t + h.phase);
    f += rng.uniform(-0.012, 0.012);
    ring.push([a * f * Math.cos(t), b * f * Math.sin(t)]);
  }
  ring.push([ring[0]![0], ring[0]![1]]);
  return ring;
}

export interface GeometryResult {
  wijken: Wijk[];
  outline: GeoPolygon;
}

export function generateGeometry(rng: Rng): GeometryResult {
  const outlineKm = makeOutline(rng);
  const seeds = WIJKEN.map((w) => [w.seedKm[0] + rng.uniform(-0.3, 0.3), w.seedKm[1] + rng.uniform(-0.3, 0.3)] as [number, number]);
  const delaunay = Delaunay.from(seeds);
  const voronoi = delaunay.voronoi([-8, -7, 8, 7]);
  const outlinePoly: PcPolygon = [outlineKm];

  const wijken: Wijk[] = WIJKEN.map((w, i) => {
    const cell = voronoi.cellPolygon(i);
    if (!cell) throw new Error(`no Voronoi cell for ${w.code}`);
    const cellRing: PcRing = cell.map((p) => [p[0] as number, p[1] as number] as [number, number]);
    const clipped: PcMultiPolygon = polygonClipping.intersection([cellRing], outlinePoly);
    const polys = clipped.map(polygonToLonLat).filter((p) => p.length > 0);
    if (polys.length === 0) throw new Error(`wijk ${w.code} has no area inside the outline`);
    const geometry: GeoPolygon | GeoMultiPolygon =
      polys.length === 1 ? { type: 'Polygon', coordinates: polys[0] as number[][][] } : { type: 'MultiPolygon', coordinates: polys };
    return { index: i, code: w.code, name: w.name, geometry };
  });

  return { wijken, outline: { type: 'Polygon', coordinates: [ringToLonLat(outlineKm, true)] } };
}
