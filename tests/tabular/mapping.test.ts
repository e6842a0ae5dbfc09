import { describe, expect, it } from 'vitest';
import { defaultMapping, detectSource, mappingSchema, TABULAR_SOURCES } from '../../src/ingest/tabular/index.js';
import { compileMapping, mapRecord } from '../../src/ingest/tabular/mapping.js';
import { InputError } from '../../src/ingest/errors.js';
import type { Mapping } from '../../src/ingest/tabular/types.js';

const refusal = (f: () => unknown): string => {
  try { f(); } catch (e) { if (e instanceof InputError) return e.reason; throw e; }
  throw new Error('expected a refusal');
};

describe('sources', () => {
  it('every source has Dutch labels, unique columns, codes for code columns, and a writer', async () => {
    const { WRITERS } = await import('../../src/ingest/tabular/writers.js');
    expect(TABULAR_SOURCES.map((s) => s.id)).toEqual(['population', 'postcodes', 'postcode_ranges', 'contracts', 'budget', 'benefits', 'toegang', 'schuldhulp', 'algemene_voorzieningen', 'algemene_voorzieningen_aantallen', 'zrm', 'zrm_wide', 'plan_goals', 'outcomes', 'client_experience', 'cbs_reference']);
    for (const s of TABULAR_SOURCES) {
      expect(s.label.length).toBeGreaterThan(3);
      expect(new Set(s.columns.map((c) => c.name)).size).toBe(s.columns.length);
      for (const c of s.columns) if (c.type === 'code') expect(Object.keys(c.codes ?? {}).length, `${s.id}.${c.name}`).toBeGreaterThan(0);
      expect(WRITERS[s.id], s.id).toBeDefined();
      if (s.personLevel) expect(s.columns.map((c) => c.name)).toEqual(expect.arrayContaining(['bsn', 'clientnummer']));
    }
  });
});

describe('mappingSchema', () => {
  it('accepts a complete mapping and refuses unknown sources, columns and date formats', () => {
    const ok: Mapping = { source: 'benefits', delimiter: ';', headerRow: 2, dateFormat: 'DD-MM-YYYY', columns: { bsn: { column: 'BSN' }, regeling: { constant: 'bijstand' }, geslacht: { column: 'Geslacht', map: { man: 'M' } }, startdatum: { column: 'Begin', dateFormat: 'YYYYMMDD' } } };
    expect(mappingSchema.parse(ok)).toEqual(ok);
    expect(mappingSchema.safeParse({ ...ok, source: 'pizza' }).success).toBe(false);
    const badCol = mappingSchema.safeParse({ ...ok, columns: { ...ok.columns, schoenmaat: { column: 'x' } } });
    expect(badCol.success).toBe(false);
    expect(JSON.stringify(badCol.error?.issues)).toMatch(/geen kolom \\"schoenmaat\\"/);
    expect(mappingSchema.safeParse({ ...ok, dateFormat: 'DD MMM YYYY' }).success).toBe(false);
    expect(mappingSchema.safeParse({ ...ok, delimiter: '\t' }).success).toBe(false);
    expect(mappingSchema.safeParse({ ...ok, columns: { bsn: { column: 'x', constant: 'y' } } }).success).toBe(false);
  });
});

describe('defaultMapping and detectSource', () => {
  it('maps headers that match target names, ignoring case and separators', () => {
    const m = defaultMapping('benefits', ['BSN', 'Regeling', 'Start Datum', 'naam', 'reden-einde']);
    expect(m).toEqual({ source: 'benefits', columns: { bsn: { column: 'BSN' }, regeling: { column: 'Regeling' }, startdatum: { column: 'Start Datum' }, reden_einde: { column: 'reden-einde' } } });
    expect(defaultMapping('bevolking', ['jaar']).source).toBe('population');
  });
  it('recognises Koers-format headers and nothing else', () => {
    expect(detectSource(['jaar', 'gemeente', 'wijk', 'leeftijd', 'geslacht', 'inwoners'])).toBe('population');
    expect(detectSource(['gemeente', 'postcode', 'wijk'])).toBe('postcodes');
    expect(detectSource(['bsn', 'regeling', 'startdatum', 'einddatum'])).toBe('benefits');
    expect(detectSource(['clientnummer', 'datum', 'moment', 'domein', 'score'])).toBe('zrm');
    expect(detectSource(['naam', 'adres'])).toBeNull();
  });
});

describe('compileMapping', () => {
  const headers = ['BSN', 'Soort', 'Begin', 'Eind', 'Naam'];
  it('refuses a file without required columns, naming them', () => {
    expect(refusal(() => compileMapping(defaultMapping('benefits', headers), headers))).toMatch(/verplichte kolom\(men\) ontbreken: regeling, startdatum/);
    expect(refusal(() => compileMapping({ source: 'benefits', columns: { bsn: { column: 'BSN' }, regeling: { column: 'Regeling' }, startdatum: { column: 'Begin' } } }, headers))).toMatch(/niet in het bestand: "Regeling" \(gevonden: "BSN", "Soort"/);
    expect(refusal(() => compileMapping({ source: 'benefits', columns: { regeling: { column: 'Soort' }, startdatum: { column: 'Begin' } } }, headers))).toMatch(/bsn of clientnummer/);
    expect(refusal(() => compileMapping(defaultMapping('population', ['jaar;wijk;leeftijd']), ['jaar;wijk;leeftijd']))).toMatch(/klopt het scheidingsteken/);
    expect(refusal(() => compileMapping({ source: 'benefits', columns: { bsn: { column: 'x' } } }, ['x', 'X']))).toBeTruthy();
  });
  it('maps columns, constants, value maps and per-column date formats', () => {
    const cm = compileMapping({
      source: 'benefits', dateFormat: 'DD-MM-YYYY',
      columns: { bsn: { column: 'bsn' }, regeling: { column: 'Soort', map: { 'Levensonderhoud': 'bijstand' } }, startdatum: { column: 'Begin' }, einddatum: { column: 'Eind', dateFormat: 'YYYYMMDD' }, huishouden: { constant: 'alleenstaand' } },
    }, headers);
    const r = mapRecord(cm, ['999900006', 'levensonderhoud', '01-02-2024', '20240531', 'Jan Jansen']);
    expect(r.errors).toEqual([]);
    expect(r.values).toMatchObject({ bsn: '999900006', regeling: 'bijstand', startdatum: '2024-02-01', einddatum: '2024-05-31', huishouden: 'alleenstaand', reden_einde: null, postcode: null });
    expect(Object.values(r.values)).not.toContain('Jan Jansen');
    const bad = mapRecord(cm, ['123456789', 'iets anders', '2024-02-01', '', '']);
    expect(bad.errors.map((e) => e.field)).toEqual(['bsn', 'regeling', 'startdatum']);
    expect(JSON.stringify(bad.errors)).not.toContain('123456789');
    const empty = mapRecord(cm, ['999900006', 'bijstand', '', '', '']);
    expect(empty.errors).toEqual([{ field: 'startdatum', reason: 'is verplicht maar leeg' }]);
  });
});

describe('docs/formats.md', () => {
  it('documents every source and column of the Koers formats', async () => {
    const fs = await import('node:fs');
    const doc = fs.readFileSync(new URL('../../docs/formats.md', import.meta.url), 'utf8');
    for (const s of TABULAR_SOURCES) {
      const at = doc.indexOf(`— \`${s.id}\``);
      expect(at, s.id).toBeGreaterThan(0);
      const section = doc.slice(at, doc.indexOf('\n### ', at + 1) >>> 0 || undefined);
      for (const c of s.columns) expect(section, `${s.id}.${c.name}`).toContain(`| \`${c.name}\` | ${c.type} |`);
      expect(section).toContain(`\`${s.columns.map((c) => c.name).join(',')}\``);
      const example = /Mapping example:\n```json\n(.*)\n```/.exec(section);
      expect(example, s.id).not.toBeNull();
      const parsed = mappingSchema.safeParse(JSON.parse(example![1]!));
      expect(parsed.error?.issues ?? [], s.id).toEqual([]);
      expect(parsed.data?.source).toBe(s.id);
    }
  });
});
