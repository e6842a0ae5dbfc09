import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { completeBsn } from '../../src/privacy/index.js';
import {
  compileDateFormat, formatDate, isRealDate, maskBsn, parseBoolean, parseBsn, parseCode, parseDate, parseDecimal, parseInteger, parseValue,
} from '../../src/ingest/tabular/values.js';
import type { TargetColumn } from '../../src/ingest/tabular/types.js';

const reason = (r: { ok: boolean; reason?: string }) => (r.ok ? null : r.reason);

describe('dates', () => {
  it('reads the common formats, with an optional time part', () => {
    expect(parseDate('2024-03-05', 'YYYY-MM-DD')).toEqual({ ok: true, value: '2024-03-05' });
    expect(parseDate('05-03-2024', 'DD-MM-YYYY')).toEqual({ ok: true, value: '2024-03-05' });
    expect(parseDate('5-3-2024', 'D-M-YYYY')).toEqual({ ok: true, value: '2024-03-05' });
    expect(parseDate('15-11-2024', 'D-M-YYYY')).toEqual({ ok: true, value: '2024-11-15' });
    expect(parseDate('20240305', 'YYYYMMDD')).toEqual({ ok: true, value: '2024-03-05' });
    expect(parseDate('05/03/2024', 'DD/MM/YYYY')).toEqual({ ok: true, value: '2024-03-05' });
    expect(parseDate('05.03.2024 00:00:00', 'DD.MM.YYYY')).toEqual({ ok: true, value: '2024-03-05' });
    expect(parseDate(' 2024-03-05T13:45 ', 'YYYY-MM-DD')).toEqual({ ok: true, value: '2024-03-05' });
    expect(parseDate(new Date(Date.UTC(2024, 2, 5)), 'DD-MM-YYYY')).toEqual({ ok: true, value: '2024-03-05' });
  });
  it('rejects impossible dates, other formats and years out of range, in Dutch', () => {
    expect(reason(parseDate('2024-02-30', 'YYYY-MM-DD'))).toMatch(/bestaat niet als datum/);
    expect(reason(parseDate('2023-02-29', 'YYYY-MM-DD'))).toMatch(/bestaat niet/);
    expect(parseDate('2024-02-29', 'YYYY-MM-DD').ok).toBe(true);
    expect(reason(parseDate('2024-13-01', 'YYYY-MM-DD'))).toMatch(/bestaat niet/);
    expect(reason(parseDate('05-03-2024', 'YYYY-MM-DD'))).toMatch(/geen datum in het formaat JJJJ-MM-DD/);
    expect(reason(parseDate('5-3-2024', 'DD-MM-YYYY'))).toMatch(/DD-MM-JJJJ/);
    expect(reason(parseDate('1850-01-01', 'YYYY-MM-DD'))).toMatch(/1900/);
  });
  it('refuses formats it does not understand', () => {
    expect(compileDateFormat('DD-MM')).toBeNull();
    expect(compileDateFormat('YYYY-MM-DD-DD')).toBeNull();
    expect(compileDateFormat('DD MMM YYYY')).toBeNull();
    expect(compileDateFormat('D-M-YYYY')).not.toBeNull();
  });
  it('property: every real date round-trips through every supported format', () => {
    const formats = ['YYYY-MM-DD', 'DD-MM-YYYY', 'D-M-YYYY', 'YYYYMMDD', 'DD/MM/YYYY', 'D/M/YYYY', 'DD.MM.YYYY', 'MM/DD/YYYY', 'YYYY/M/D'];
    fc.assert(fc.property(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), fc.constantFrom(...formats), (y, m, d, f) => {
      fc.pre(isRealDate(y, m, d));
      const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      expect(parseDate(formatDate(iso, f), f)).toEqual({ ok: true, value: iso });
    }));
  });
  it('property: an impossible day never parses', () => {
    fc.assert(fc.property(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 29, max: 31 }), (y, m, d) => {
      fc.pre(!isRealDate(y, m, d));
      expect(parseDate(`${d}-${m}-${y}`, 'D-M-YYYY').ok).toBe(false);
    }));
  });
});

describe('numbers', () => {
  it('integers: digits only, spreadsheet numbers must be whole', () => {
    expect(parseInteger(' 42 ')).toEqual({ ok: true, value: 42 });
    expect(parseInteger('-2')).toEqual({ ok: true, value: -2 });
    expect(parseInteger('+1')).toEqual({ ok: true, value: 1 });
    expect(parseInteger(7)).toEqual({ ok: true, value: 7 });
    expect(reason(parseInteger('1,5'))).toMatch(/geen geheel getal/);
    expect(reason(parseInteger(1.5))).toMatch(/1,5 is geen geheel getal/);
    expect(parseInteger('12a').ok).toBe(false);
  });
  it('decimals: Dutch comma, point, thousands separators and a euro sign', () => {
    expect(parseDecimal('1234,56')).toEqual({ ok: true, value: 1234.56 });
    expect(parseDecimal('1234.56')).toEqual({ ok: true, value: 1234.56 });
    expect(parseDecimal('1.234,56')).toEqual({ ok: true, value: 1234.56 });
    expect(parseDecimal('1,234.56')).toEqual({ ok: true, value: 1234.56 });
    expect(parseDecimal('€ 1.234.567,8')).toEqual({ ok: true, value: 1234567.8 });
    expect(parseDecimal('-0,5')).toEqual({ ok: true, value: -0.5 });
    expect(parseDecimal(',5')).toEqual({ ok: true, value: 0.5 });
    expect(parseDecimal(3.25)).toEqual({ ok: true, value: 3.25 });
    expect(parseDecimal('1.23.4,5').ok).toBe(false);
    expect(parseDecimal('abc').ok).toBe(false);
  });
  it('property: a number written with a Dutch decimal comma reads back', () => {
    fc.assert(fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 99 }), (whole, cents) => {
      const text = `${whole < 0 ? '-' : ''}${Math.abs(whole)},${String(cents).padStart(2, '0')}`;
      const r = parseDecimal(text);
      expect(r.ok).toBe(true);
      if (r.ok) expect(Math.round((r.value as number) * 100)).toBe((whole < 0 ? -1 : 1) * (Math.abs(whole) * 100 + cents));
    }));
  });
  it('applies min and max of the column', () => {
    const col: TargetColumn = { name: 'score', type: 'integer', required: true, description: '', min: 1, max: 5 };
    expect(parseValue('3', col, 'YYYY-MM-DD')).toEqual({ ok: true, value: 3 });
    expect(reason(parseValue('6', col, 'YYYY-MM-DD'))).toMatch(/groter dan 5/);
    expect(reason(parseValue('0', col, 'YYYY-MM-DD'))).toMatch(/kleiner dan 1/);
  });
});

describe('codes, booleans, text', () => {
  const codes = { M: 'man', V: 'vrouw', O: 'onbekend of anders' };
  it('codes: exact, then ignoring case, diacritics and spacing, also by Dutch label', () => {
    expect(parseCode('M', codes)).toEqual({ ok: true, value: 'M' });
    expect(parseCode('v', codes)).toEqual({ ok: true, value: 'V' });
    expect(parseCode('Man', codes)).toEqual({ ok: true, value: 'M' });
    expect(parseCode('Financiën', { financien: 'Financiën' })).toEqual({ ok: true, value: 'financien' });
    expect(parseCode('Werk & opleiding', { werk_opleiding: 'Werk & opleiding' })).toEqual({ ok: true, value: 'werk_opleiding' });
    expect(reason(parseCode('X', codes))).toBe('"X" is geen toegestane waarde (toegestaan: M, V, O)');
  });
  it('booleans in Dutch and English', () => {
    for (const t of ['ja', 'J', 'true', '1', 'Waar', 'x']) expect(parseBoolean(t)).toEqual({ ok: true, value: true });
    for (const f of ['nee', 'N', 'false', '0', 'onwaar']) expect(parseBoolean(f)).toEqual({ ok: true, value: false });
    expect(parseBoolean(true)).toEqual({ ok: true, value: true });
    expect(reason(parseBoolean('misschien'))).toMatch(/geen ja of nee/);
  });
  it('postcodes are normalised before the pattern check', () => {
    const col: TargetColumn = { name: 'postcode', type: 'text', required: false, description: '', pattern: '^\\d{4}[A-Z]{2}$', patternHint: '1234AB' };
    expect(parseValue('1234 ab', col, '')).toEqual({ ok: true, value: '1234AB' });
    expect(reason(parseValue('123AB', col, ''))).toMatch(/niet de vorm 1234AB/);
    expect(parseValue('   ', col, '')).toEqual({ ok: true, value: null });
  });
});

describe('BSN', () => {
  it('checks the elfproef, ignores separators, restores a lost leading zero, and never echoes the number', () => {
    expect(parseBsn('999900006')).toEqual({ ok: true, value: '999900006' });
    expect(parseBsn('9999.00.006')).toEqual({ ok: true, value: '999900006' });
    const leadingZero = completeBsn('01234567')!;
    expect(leadingZero.startsWith('0')).toBe(true);
    expect(parseBsn(leadingZero.slice(1))).toEqual({ ok: true, value: leadingZero });
    expect(parseBsn(Number(leadingZero))).toEqual({ ok: true, value: leadingZero });
    for (const bad of ['123456789', '12345', 'abcdefghi']) {
      const r = parseBsn(bad);
      expect(r.ok).toBe(false);
      expect(reason(r)).not.toContain(bad);
    }
    expect(maskBsn('999900006')).toBe('•••••••06');
  });
  it('property: a valid BSN with one digit changed is refused without echoing it', () => {
    fc.assert(fc.property(fc.stringMatching(/^[1-9]\d{7}$/), fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 9 }), (first8, pos, delta) => {
      const bsn = completeBsn(first8);
      fc.pre(bsn !== null);
      const digits = bsn!.split('');
      digits[pos] = String((Number(digits[pos]) + delta) % 10);
      const r = parseBsn(digits.join(''));
      expect(r.ok).toBe(false);
      expect(JSON.stringify(r)).not.toContain(digits.join(''));
    }));
  });
});
