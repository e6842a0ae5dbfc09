/**
 * Parsing of single values of a tabular record into their column type. Pure functions, no I/O.
 * Every failure is a Dutch reason (plain language) that never repeats a BSN.
 */
import { isValidBsn } from '../../privacy/bsn.js';
import type { TargetColumn } from './types.js';

/** A cell as a reader delivers it: text from CSV; text, number, boolean or Date from XLSX. */
export type RawValue = string | number | boolean | Date | null;
/** A parsed value: text/code/bsn/date as string (dates 'YYYY-MM-DD'), numbers, booleans. */
export type Value = string | number | boolean | null;

export type Parsed = { ok: true; value: Value } | { ok: false; reason: string };

const ok = (value: Value): Parsed => ({ ok: true, value });
const fail = (reason: string): Parsed => ({ ok: false, reason });

// ------------------------------------------------------------------ dates

/** A compiled date format: tokens YYYY, MM, M, DD, D; everything else is a literal character. */
export interface DateFormat { source: string; regex: RegExp; order: ('Y' | 'M' | 'D')[] }

const formatCache = new Map<string, DateFormat>();

/**
 * Compiles a date format such as 'YYYY-MM-DD', 'DD-MM-YYYY', 'D-M-YYYY', 'DD/MM/YYYY' or 'YYYYMMDD'.
 * MM and DD need exactly two digits, M and D one or two. A time after the date (' 00:00',
 * 'T00:00:00') is ignored, as many exports add one. Returns null for a format without Y, M and D.
 */
export function compileDateFormat(format: string): DateFormat | null {
  const cached = formatCache.get(format);
  if (cached) return cached;
  let re = '^';
  const order: DateFormat['order'] = [];
  let i = 0;
  while (i < format.length) {
    const rest = format.slice(i);
    if (rest.startsWith('YYYY')) { re += '(\\d{4})'; order.push('Y'); i += 4; }
    else if (rest.startsWith('MM')) { re += '(\\d{2})'; order.push('M'); i += 2; }
    else if (rest.startsWith('DD')) { re += '(\\d{2})'; order.push('D'); i += 2; }
    else if (rest.startsWith('M')) { re += '(\\d{1,2})'; order.push('M'); i += 1; }
    else if (rest.startsWith('D')) { re += '(\\d{1,2})'; order.push('D'); i += 1; }
    else if (/[A-Za-z]/.test(rest[0]!)) return null;
    else { re += rest[0]!.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'); i += 1; }
  }
  if (order.length !== 3 || new Set(order).size !== 3) return null;
  re += '(?:[ T]\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?)?$';
  const compiled = { source: format, regex: new RegExp(re), order };
  formatCache.set(format, compiled);
  return compiled;
}

export function isValidDateFormat(format: string): boolean {
  return compileDateFormat(format) !== null;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Whether y-m-d is a real calendar day (no 30 February). */
export function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  return d <= days;
}

/** Formats an ISO date in the given format (used by tests and previews: the inverse of parseDate). */
export function formatDate(iso: string, format: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return format.replace(/YYYY|MM|DD|M|D/g, (t) => (t === 'YYYY' ? pad(y, 4) : t === 'MM' ? pad(m) : t === 'DD' ? pad(d) : t === 'M' ? String(m) : String(d)));
}

export function parseDate(raw: RawValue, format: string): Parsed {
  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime())) return fail('is geen geldige datum');
    // Spreadsheet dates arrive as midnight UTC.
    return checkYear(raw.getUTCFullYear(), raw.getUTCMonth() + 1, raw.getUTCDate());
  }
  const s = String(raw).trim();
  const f = compileDateFormat(format);
  if (!f) return fail(`datumformaat "${format}" wordt niet begrepen`);
  const m = f.regex.exec(s);
  if (!m) return fail(`"${s}" is geen datum in het formaat ${dutchFormat(format)}`);
  const parts: Record<'Y' | 'M' | 'D', number> = { Y: 0, M: 0, D: 0 };
  f.order.forEach((t, i) => { parts[t] = Number(m[i + 1]); });
  if (!isRealDate(parts.Y, parts.M, parts.D)) return fail(`"${s}" bestaat niet als datum`);
  return checkYear(parts.Y, parts.M, parts.D);
}

function checkYear(y: number, m: number, d: number): Parsed {
  if (y < 1900 || y > 2100) return fail(`jaar ${y} ligt niet tussen 1900 en 2100`);
  return ok(`${pad(y, 4)}-${pad(m)}-${pad(d)}`);
}

/** 'DD-MM-YYYY' → 'DD-MM-JJJJ' (Dutch users write J for jaar). */
export function dutchFormat(format: string): string {
  return format.replace(/Y/g, 'J');
}

// ------------------------------------------------------------------ numbers

/** Integer: digits with an optional sign; a spreadsheet number must be whole. */
export function parseInteger(raw: RawValue): Parsed {
  if (typeof raw === 'number') return Number.isInteger(raw) ? ok(raw) : fail(`${String(raw).replace('.', ',')} is geen geheel getal`);
  const s = String(raw).trim();
  if (!/^[+-]?\d{1,15}$/.test(s)) return fail(`"${s}" is geen geheel getal`);
  return ok(Number(s));
}

/**
 * Decimal: '1234,56' (Dutch), '1234.56', '1.234,56' or '1,234.56' — when both separators occur the
 * last one is the decimal separator. A leading euro sign and spaces are allowed.
 */
export function parseDecimal(raw: RawValue): Parsed {
  if (typeof raw === 'number') return Number.isFinite(raw) ? ok(raw) : fail('is geen getal');
  let s = String(raw).trim().replace(/^€\s*/, '').replace(/\s+/g, '');
  const neg = /^-/.test(s) || /^\(.*\)$/.test(s);
  s = s.replace(/^[+-]/, '').replace(/^\((.*)\)$/, '$1');
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    const dec = lastComma > lastDot ? ',' : '.';
    const thousands = dec === ',' ? '.' : ',';
    const [intPart, frac = ''] = [s.slice(0, s.lastIndexOf(dec)), s.slice(s.lastIndexOf(dec) + 1)];
    if (!new RegExp(`^\\d{1,3}(\\${thousands}\\d{3})*$`).test(intPart) || !/^\d+$/.test(frac)) return fail(`"${String(raw).trim()}" is geen getal`);
    s = `${intPart.split(thousands).join('')}.${frac}`;
  } else if (lastComma >= 0) {
    s = s.replace(',', '.');
  }
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(s)) return fail(`"${String(raw).trim()}" is geen getal`);
  const n = Number(s);
  return ok(neg ? -n : n);
}

// ------------------------------------------------------------------ codes, booleans, BSN, text

/** Lower case without diacritics and without spaces, dashes, underscores, dots or ampersands. */
export function looseKey(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[\s_\-.&/]+/g, '');
}

const codeIndexCache = new WeakMap<Record<string, string>, Map<string, string>>();

/**
 * A code must be one of the allowed codes. Matching is forgiving in case and diacritics, and the
 * Dutch label is accepted too (so "Financiën" finds code financien and "man" finds M).
 */
export function parseCode(raw: RawValue, codes: Record<string, string>): Parsed {
  const s = raw instanceof Date ? raw.toISOString().slice(0, 10) : String(raw).trim();
  if (Object.hasOwn(codes, s)) return ok(s);
  let index = codeIndexCache.get(codes);
  if (!index) {
    index = new Map();
    for (const [code, label] of Object.entries(codes)) {
      if (!index.has(looseKey(label))) index.set(looseKey(label), code);
    }
    for (const code of Object.keys(codes)) index.set(looseKey(code), code);
    codeIndexCache.set(codes, index);
  }
  const found = index.get(looseKey(s));
  if (found !== undefined) return ok(found);
  const list = Object.keys(codes);
  return fail(`"${s}" is geen toegestane waarde (toegestaan: ${list.length > 12 ? `${list.slice(0, 12).join(', ')}, …` : list.join(', ')})`);
}

const TRUE = new Set(['ja', 'j', 'true', 'waar', '1', 'yes', 'y', 'x']);
const FALSE = new Set(['nee', 'n', 'false', 'onwaar', '0', 'no']);

export function parseBoolean(raw: RawValue): Parsed {
  if (typeof raw === 'boolean') return ok(raw);
  const s = String(raw).trim().toLowerCase();
  if (TRUE.has(s)) return ok(true);
  if (FALSE.has(s)) return ok(false);
  return fail(`"${String(raw).trim()}" is geen ja of nee`);
}

/**
 * BSN: nine digits passing the elfproef. Spaces, dots and dashes are ignored, and an 8-digit
 * number gets its leading zero back (spreadsheets drop it). The reason never repeats the number.
 */
export function normaliseBsn(raw: RawValue): string {
  const s = typeof raw === 'number' ? String(raw) : String(raw).trim().replace(/[\s.-]/g, '');
  return /^\d{8}$/.test(s) ? `0${s}` : s;
}

export function parseBsn(raw: RawValue): Parsed {
  const s = normaliseBsn(raw);
  if (!/^\d{9}$/.test(s)) return fail('BSN moet 9 cijfers zijn');
  if (!isValidBsn(s)) return fail('BSN voldoet niet aan de elfproef');
  return ok(s);
}

/** '•••••••82': a BSN shown in a preview. */
export function maskBsn(bsn: string): string {
  return '•••••••' + bsn.slice(-2);
}

export function rawToText(raw: RawValue): string {
  if (raw === null) return '';
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? '' : raw.toISOString().slice(0, 10);
  return String(raw).trim();
}

export function isEmpty(raw: RawValue): boolean {
  return raw === null || (typeof raw === 'string' && raw.trim() === '');
}

const patternCache = new Map<string, RegExp>();
function patternOf(pattern: string): RegExp {
  let re = patternCache.get(pattern);
  if (!re) { re = new RegExp(pattern); patternCache.set(pattern, re); }
  return re;
}

/** Parses a raw value for a column; empty values give null (the caller checks `required`). */
export function parseValue(raw: RawValue, column: TargetColumn, dateFormat: string): Parsed {
  if (isEmpty(raw)) return ok(null);
  let r: Parsed;
  switch (column.type) {
    case 'text': r = ok(rawToText(raw)); break;
    case 'integer': r = parseInteger(raw); break;
    case 'decimal': r = parseDecimal(raw); break;
    case 'date': r = parseDate(raw, dateFormat); break;
    case 'code': r = parseCode(raw, column.codes ?? {}); break;
    case 'bsn': return parseBsn(raw);
    case 'boolean': r = parseBoolean(raw); break;
  }
  if (!r.ok) return r;
  const v = r.value;
  if (typeof v === 'number') {
    if (column.min !== undefined && v < column.min) return fail(`${fmtNumber(v)} is kleiner dan ${fmtNumber(column.min)}`);
    if (column.max !== undefined && v > column.max) return fail(`${fmtNumber(v)} is groter dan ${fmtNumber(column.max)}`);
  }
  if (typeof v === 'string' && column.pattern) {
    const normalised = column.type === 'text' && column.name === 'postcode' ? v.replace(/\s+/g, '').toUpperCase() : v;
    if (!patternOf(column.pattern).test(normalised)) return fail(`"${v}" heeft niet de vorm ${column.patternHint ?? column.pattern}`);
    return ok(normalised);
  }
  return r;
}

function fmtNumber(n: number): string {
  return String(n).replace('.', ',');
}
