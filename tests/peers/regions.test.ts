import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CBS_GEMEENTEN } from '../../src/model/cbs-regions.js';
import { gemeentenInSizeClass, parseCbsPeriod, parseCbsValue, regionByCode, resolveRegion, sizeClassOf } from '../../src/model/regions.js';
import { SHARED } from '../helpers/koers.js';

describe('CBS periods', () => {
  it.each([
    ['2024', '2024', false], ['2024JJ00', '2024', false], ['2024*', '2024', true], ['2024 (voorlopig)', '2024', true],
    ['2024HJ01', '2024-H1', false], ['2024 1e halfjaar', '2024-H1', false], ['2023 2e halfjaar*', '2023-H2', true], ['2024-H2', '2024-H2', false],
    ['2024KW03', '2024-Q3', false], ['2024 4e kwartaal', '2024-Q4', false], ['2024MM03', '2024-03', false], ['2024 maart', '2024-03', false], ['2024-11', '2024-11', false],
  ])('%s → %s', (raw, key, provisional) => {
    expect(parseCbsPeriod(raw)).toEqual({ key, provisional });
  });
  it.each(['', '24', '2024HJ03', '2024KW05', '2024MM13', '2024 3e halfjaar', 'heel 2024', '1800'])('refuses %j', (raw) => {
    expect(parseCbsPeriod(raw)).toBeNull();
  });
});

describe('CBS values', () => {
  it('reads Dutch and English decimals; ".", "x", "-" and empty are unknown, never 0', () => {
    expect(parseCbsValue('57,3')).toEqual({ ok: true, value: 57.3 });
    expect(parseCbsValue('1.234,5')).toEqual({ ok: true, value: 1234.5 });
    expect(parseCbsValue('57.3')).toEqual({ ok: true, value: 57.3 });
    expect(parseCbsValue('0')).toEqual({ ok: true, value: 0 });
    for (const u of ['.', '', '  ', 'x', '-', '?', null]) expect(parseCbsValue(u)).toEqual({ ok: true, value: null });
    expect(parseCbsValue('veel')).toEqual({ ok: false });
  });
});

describe('CBS regions', () => {
  it('resolves codes and StatLine names', () => {
    const code = (raw: string) => { const r = resolveRegion(raw); return r.ok ? `${r.region.kind}:${r.region.code}` : 'fout'; };
    expect(code('GM0363')).toBe('gemeente:GM0363');
    expect(code('363')).toBe('gemeente:GM0363');
    expect(code('Amsterdam')).toBe('gemeente:GM0363');
    expect(code('NL01')).toBe('land:NL01');
    expect(code('Nederland')).toBe('land:NL01');
    expect(code('PV27')).toBe('provincie:PV27');
    expect(code('Noord-Holland')).toBe('provincie:PV27');
    expect(code('Utrecht (PV)')).toBe('provincie:PV26');
    expect(code('Utrecht (gemeente)')).toBe('gemeente:GM0344');
    expect(code('Utrecht')).toBe('gemeente:GM0344');
    expect(code('Groningen (PV)')).toBe('provincie:PV20');
    expect(code('Fryslân')).toBe('provincie:PV21');
    expect(code('Friesland')).toBe('provincie:PV21');
    expect(code('Hengelo (O.)')).toBe('gemeente:GM0164');
    expect(code('Hengelo (O)')).toBe('gemeente:GM0164');
    expect(code('Bergen (NH.)')).toBe('gemeente:GM0373');
    expect(code('Bergen (L.)')).toBe('gemeente:GM0893');
    expect(code("'s-Hertogenbosch")).toBe('gemeente:GM0796');
    expect(code('Nuenen, Gerwen en Nederwetten')).toBe('gemeente:GM0820');
    expect(code('GM9001')).toBe('gemeente:GM9001');
    expect(code('Bergen')).toBe('fout'); // two gemeenten: ambiguous without the suffix
    expect(code('PV99')).toBe('fout');
    expect(code('Atlantis')).toBe('fout');
  });

  it('size classes from the 2023 population', () => {
    expect(sizeClassOf(4_999)).toBe('lt5000');
    expect(sizeClassOf(60_000)).toBe('50000-100000');
    expect(sizeClassOf(918_117)).toBe('ge250000');
    expect(regionByCode('GM0363')).toMatchObject({ name: 'Amsterdam', province: 'PV27', inhabitants: 918_117 });
    const big = gemeentenInSizeClass('ge250000').map((g) => g.code);
    expect(big).toEqual(expect.arrayContaining(['GM0363', 'GM0599', 'GM0518', 'GM0344']));
    expect(CBS_GEMEENTEN).toHaveLength(342);
    expect(CBS_GEMEENTEN.reduce((a, g) => a + g[3], 0)).toBe(17_811_291);
  });

  it('the code table is what scripts/gen-cbs-regions.ts makes from ../shared', () => {
    const ind = fs.readFileSync(path.join(SHARED, 'data/cbs-gemeenten/gemeentelijke-indeling-2026-met-jeugdzorgregio.csv'), 'utf8');
    for (const [code, name] of CBS_GEMEENTEN) expect(ind, code).toContain(`${code.slice(2)},${code},${name.includes(',') ? `"${name}"` : name},`);
  });
});
