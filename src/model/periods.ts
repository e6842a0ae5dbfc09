import { addDays, type IsoDate } from './dates.js';

export type PeriodType = 'year' | 'halfyear' | 'quarter' | 'month';
export const PERIOD_TYPES: readonly PeriodType[] = ['year', 'halfyear', 'quarter', 'month'];

/** A calendar reporting period P with its first and last day (both inclusive). */
export interface Period {
  type: PeriodType;
  key: string; // 2024 | 2024-H1 | 2024-Q3 | 2024-03
  start: IsoDate;
  end: IsoDate;
  year: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

function make(type: PeriodType, year: number, index: number): Period {
  const monthsPer = { year: 12, halfyear: 6, quarter: 3, month: 1 }[type];
  const firstMonth = (index - 1) * monthsPer + 1;
  const start = `${year}-${pad(firstMonth)}-01`;
  const nextStart = firstMonth + monthsPer > 12 ? `${year + 1}-01-01` : `${year}-${pad(firstMonth + monthsPer)}-01`;
  const key = type === 'year' ? String(year) : type === 'halfyear' ? `${year}-H${index}` : type === 'quarter' ? `${year}-Q${index}` : `${year}-${pad(index)}`;
  return { type, key, start, end: addDays(nextStart, -1), year };
}

/** Parses 2024, 2024-H1, 2024-Q1 or 2024-03; returns null for anything else. */
export function parsePeriod(key: string): Period | null {
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})$/.exec(key))) return make('year', Number(m[1]), 1);
  if ((m = /^(\d{4})-H([12])$/.exec(key))) return make('halfyear', Number(m[1]), Number(m[2]));
  if ((m = /^(\d{4})-Q([1-4])$/.exec(key))) return make('quarter', Number(m[1]), Number(m[2]));
  if ((m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key))) return make('month', Number(m[1]), Number(m[2]));
  return null;
}

/** The period of the given type that contains date d. */
export function periodOf(d: IsoDate, type: PeriodType): Period {
  const year = Number(d.slice(0, 4));
  const month = Number(d.slice(5, 7));
  const index = type === 'year' ? 1 : type === 'halfyear' ? Math.ceil(month / 6) : type === 'quarter' ? Math.ceil(month / 3) : month;
  return make(type, year, index);
}

export function nextPeriod(p: Period): Period {
  return periodOf(addDays(p.end, 1), p.type);
}

/** All periods of a type overlapping [from, to], in order. */
export function periodsBetween(type: PeriodType, from: IsoDate, to: IsoDate): Period[] {
  if (from > to) return [];
  const out: Period[] = [];
  for (let p = periodOf(from, type); p.start <= to; p = nextPeriod(p)) out.push(p);
  return out;
}
