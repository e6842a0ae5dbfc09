/** The reference files written by writeDemo follow the importer's formats exactly. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDemo, type DemoSummary } from '../../src/demo/index.js';

function readCsv(file: string): { header: string; rows: string[][] } {
  const text = fs.readFileSync(file, 'utf8');
  expect(text.charCodeAt(0)).not.toBe(0xfeff);
  expect(text.endsWith('\n')).toBe(true);
  const lines = text.slice(0, -1).split('\n');
  return { header: lines[0] as string, rows: lines.slice(1).map((l) => l.split(',')) };
}

describe('demo reference files', () => {
  let outDir: string;
  let summary: DemoSummary;

  beforeAll(async () => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'koers-demo-files-'));
    const phases = new Set<string>();
    summary = await writeDemo(outDir, { scale: 0.1 }, (_done, _total, phase) => phases.add(phase));
    expect([...phases]).toEqual(['generate', 'write']);
  }, 60_000);

  afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

  it('summarises the gemeente', () => {
    expect(summary).toMatchObject({ gemeenteCode: '9001', gemeenteName: 'Koersdam', wijken: 10, aanbieders: 16 });
    expect(summary.inhabitants).toBeGreaterThan(5000);
    expect(summary.files.slice(0, 5)).toEqual(['gemeente.json', 'wijken.geojson', 'bevolking.csv', 'postcodes.csv', 'contracten.csv']);
  });

  it('writes gemeente.json', () => {
    expect(fs.readFileSync(path.join(outDir, 'gemeente.json'), 'utf8').trim()).toBe('{"code":"9001","name":"Koersdam","asOf":"2026-09-30","seed":2026}');
  });

  it('writes wijken.geojson with CBS-style properties', () => {
    const fc = JSON.parse(fs.readFileSync(path.join(outDir, 'wijken.geojson'), 'utf8'));
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(10);
    expect(fc.features[0].properties).toEqual({ wijkcode: 'WK900100', wijknaam: 'Centrum', gemeentecode: 'GM9001' });
    for (const f of fc.features) expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
  });

  it('writes bevolking.csv per jaar x wijk x leeftijd x geslacht', () => {
    const { header, rows } = readCsv(path.join(outDir, 'bevolking.csv'));
    expect(header).toBe('jaar,gemeente,wijk,leeftijd,geslacht,inwoners');
    expect(rows).toHaveLength(6 * 10 * 101 * 2);
    for (const r of rows) {
      expect(r).toHaveLength(6);
      expect(r[0]).toMatch(/^20(2[1-6])$/);
      expect(r[1]).toBe('9001');
      expect(r[2]).toMatch(/^WK90010\d$/);
      expect(Number(r[3])).toBeGreaterThanOrEqual(0);
      expect(Number(r[3])).toBeLessThanOrEqual(100);
      expect(['M', 'V']).toContain(r[4]);
      expect(r[5]).toMatch(/^\d+$/);
    }
  });

  it('writes postcodes.csv mapping each postcode to one wijk', () => {
    const { header, rows } = readCsv(path.join(outDir, 'postcodes.csv'));
    expect(header).toBe('gemeente,postcode,wijk');
    const seen = new Set<string>();
    for (const [g, pc, wijk] of rows) {
      expect(g).toBe('9001');
      expect(pc).toMatch(/^[1-9][0-9]{3}[A-Z]{2}$/);
      expect(wijk).toMatch(/^WK90010\d$/);
      expect(seen.has(pc as string)).toBe(false);
      seen.add(pc as string);
    }
    expect(new Set(rows.map((r) => r[2])).size).toBe(10);
  });

  it('writes contracten.csv with one row per product', () => {
    const { header, rows } = readCsv(path.join(outDir, 'contracten.csv'));
    expect(header).toBe('gemeente,contract,agb,aanbieder,wet,uitvoeringsvariant,toewijzingsvariant,ingangsdatum,einddatum,productcode,productcategorie,productnaam,tarief_cent,eenheid,taakveld');
    expect(new Set(rows.map((r) => r[2])).size).toBe(16);
    const variants = new Set(rows.map((r) => r[5]));
    expect([...variants].sort()).toEqual(['inspanningsgericht', 'outputgericht', 'taakgericht']);
    for (const r of rows) {
      expect(r).toHaveLength(15);
      expect(r[14]).toMatch(/^6\.\d{1,2}$/);
      expect(r[2]).toMatch(/^9900\d{4}$/);
      expect(['wmo', 'jeugd']).toContain(r[4]);
      expect(['specifiek', 'aspecifiek', 'generiek']).toContain(r[6]);
      expect(r[7]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(r[8]).toMatch(/^(\d{4}-\d{2}-\d{2})?$/);
      expect(r[10]).toMatch(/^\d{2}$/);
      expect(r[12]).toMatch(/^\d+$/);
      expect(r[13]).toMatch(/^\d{2}$/);
    }
  });

  it('writes the other tabular sources after the reference files, each with its Koers header', () => {
    const names = ['begroting.csv', 'uitkeringen.csv', 'toegang.csv', 'schuldhulp.csv', 'algemene-voorzieningen.csv', 'algemene-voorzieningen-aantallen.csv', 'zrm.csv', 'plandoelen.csv', 'uitkomsten.csv', 'clientervaring.csv'];
    expect(summary.files.slice(5, 5 + names.length)).toEqual(names);
    expect(readCsv(path.join(outDir, 'uitkeringen.csv')).header).toBe('bsn,clientnummer,geboortejaar,geslacht,postcode,huisnummer,regeling,startdatum,einddatum,reden_einde,huishouden,kinderen');
    expect(readCsv(path.join(outDir, 'zrm.csv')).header).toBe('bsn,clientnummer,datum,moment,versie,domein,score,plannummer');
    for (const n of names) expect(readCsv(path.join(outDir, n)).rows.length, n).toBeGreaterThan(0);
  });

  it('files messages under berichten/YYYY/MM by Dagtekening', () => {
    const messages = summary.files.filter((f) => f.startsWith('berichten/'));
    expect(messages.length).toBe(summary.messages);
    for (const f of messages.slice(0, 500)) {
      const m = /^berichten\/(\d{4})\/(\d{2})\/(WMO|JW)3(?:0[157]|1[579]|2[35])_(\d+)_(\d{12})\.xml$/.exec(f);
      expect(m, f).not.toBeNull();
      const xml = fs.readFileSync(path.join(outDir, f), 'utf8');
      expect(xml).toContain(`<ijw:Dagtekening>${m![1]}-${m![2]}-`.replace('ijw', m![3] === 'WMO' ? 'iwmo' : 'ijw'));
      expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    }
  });
});
