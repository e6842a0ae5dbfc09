import polygonClipping from 'polygon-clipping';
import type { MultiPolygon } from 'polygon-clipping';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDemo, type DemoModel } from '../../src/demo/index.js';

const LAT0 = 52.05;
const KM_X = 111.32 * Math.cos((LAT0 * Math.PI) / 180);
const KM_Y = 110.574;

function ringArea(ring: number[][]): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) s += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
  return (s / 2) * KM_X * KM_Y;
}

function polygons(g: { type: string; coordinates: unknown }): number[][][][] {
  return g.type === 'Polygon' ? [g.coordinates as number[][][]] : (g.coordinates as number[][][][]);
}

function areaKm2(polys: number[][][][]): number {
  return polys.reduce((sum, poly) => sum + poly.reduce((s, ring, i) => s + (i === 0 ? ringArea(ring) : -Math.abs(ringArea(ring))), 0), 0);
}

describe('demo wijk geometry', () => {
  let model: DemoModel;
  beforeAll(() => {
    model = generateDemo({ scale: 0.1 });
  }, 60_000);

  it('has 10 wijken WK900100..WK900109 with valid closed polygons', () => {
    expect(model.wijken.map((w) => w.code)).toEqual(Array.from({ length: 10 }, (_, i) => `WK90010${i}`));
    for (const w of model.wijken) {
      expect(['Polygon', 'MultiPolygon']).toContain(w.geometry.type);
      for (const poly of polygons(w.geometry)) {
        poly.forEach((ring, i) => {
          expect(ring.length, `${w.code} ring size`).toBeGreaterThanOrEqual(4);
          expect(ring[0], `${w.code} ring closed`).toEqual(ring[ring.length - 1]);
          for (const [lon, lat] of ring as [number, number][]) {
            expect(Math.abs(lon - 5.45)).toBeLessThan(0.12);
            expect(Math.abs(lat - 52.05)).toBeLessThan(0.07);
            expect(Math.round(lon * 1e5) / 1e5).toBe(lon);
            expect(Math.round(lat * 1e5) / 1e5).toBe(lat);
          }
          // RFC 7946: exterior rings counter-clockwise, holes clockwise.
          if (i === 0) expect(ringArea(ring)).toBeGreaterThan(0.3);
          else expect(ringArea(ring)).toBeLessThan(0);
        });
      }
    }
  });

  it('covers an outline of about 10 x 8 km without overlaps', () => {
    const outline = model.outline.coordinates[0] as number[][];
    const lons = outline.map((p) => p[0]!);
    const lats = outline.map((p) => p[1]!);
    const width = (Math.max(...lons) - Math.min(...lons)) * KM_X;
    const height = (Math.max(...lats) - Math.min(...lats)) * KM_Y;
    expect(width).toBeGreaterThan(8.5);
    expect(width).toBeLessThan(12);
    expect(height).toBeGreaterThan(6.5);
    expect(height).toBeLessThan(9.5);

    const outlineArea = ringArea(outline);
    const areas = model.wijken.map((w) => areaKm2(polygons(w.geometry)));
    const sum = areas.reduce((s, a) => s + a, 0);
    expect(Math.abs(sum - outlineArea) / outlineArea).toBeLessThan(0.01);
    for (const a of areas) expect(a).toBeGreaterThan(1);

    let overlap = 0;
    for (let i = 0; i < model.wijken.length; i++) {
      for (let j = i + 1; j < model.wijken.length; j++) {
        const inter = polygonClipping.intersection(
          polygons(model.wijken[i]!.geometry) as unknown as MultiPolygon,
          polygons(model.wijken[j]!.geometry) as unknown as MultiPolygon,
        );
        overlap += areaKm2(inter as unknown as number[][][][]);
      }
    }
    expect(overlap / outlineArea).toBeLessThan(0.002);
  });
});
