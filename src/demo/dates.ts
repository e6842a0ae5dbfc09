/**
 * Calendar helpers on "day numbers" (whole days since 1970-01-01, UTC). Day numbers keep the
 * simulation fast and free of time zones; they are turned into ISO dates only when written.
 * Nothing here reads the clock.
 */

import { easterSundayDay } from '../model/calendar.js';

export const MS_PER_DAY = 86_400_000;
/** Sentinel for "no date" / "beyond the horizon" in day arithmetic. */
export const NEVER = 1_000_000_000;

export function dayFromYmd(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

export function dayFromIso(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`not an ISO date: ${iso}`);
  const day = dayFromYmd(Number(m[1]), Number(m[2]), Number(m[3]));
  if (isoFromDay(day) !== iso) throw new Error(`not an existing date: ${iso}`);
  return day;
}

export function ymdFromDay(day: number): { y: number; m: number; d: number } {
  const date = new Date(day * MS_PER_DAY);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

const isoCache = new Map<number, string>();

export function isoFromDay(day: number): string {
  let s = isoCache.get(day);
  if (s === undefined) {
    const { y, m, d } = ymdFromDay(day);
    s = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    if (isoCache.size < 200_000) isoCache.set(day, s);
  }
  return s;
}

export function yearOfDay(day: number): number {
  return ymdFromDay(day).y;
}

/** 0 = Sunday ... 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Month index counted from January 2000 (0 = 2000-01). */
export function monthIndex(year: number, month: number): number {
  return (year - 2000) * 12 + (month - 1);
}

export function firstDayOfMonthIndex(mi: number): number {
  return dayFromYmd(2000 + Math.floor(mi / 12), (mi % 12) + 1, 1);
}

export function monthIndexOfDay(day: number): number {
  const { y, m } = ymdFromDay(day);
  return monthIndex(y, m);
}

/** Adds calendar months, clamping the day of month (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(day: number, months: number): number {
  const { y, m, d } = ymdFromDay(day);
  const total = (m - 1) + months;
  const ny = y + Math.floor(total / 12);
  const nm = (((total % 12) + 12) % 12) + 1;
  const lastDay = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return dayFromYmd(ny, nm, Math.min(d, lastDay));
}

/** Age in whole years on `day` for someone born on (by, bm, bd). */
export function ageOn(day: number, by: number, bm: number, bd: number): number {
  const { y, m, d } = ymdFromDay(day);
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age--;
  return age;
}

/** Western Easter Sunday as a day number (one implementation: src/model/calendar.ts). */
function easterSunday(year: number): number {
  return easterSundayDay(year);
}

const holidayCache = new Map<number, Set<number>>();

/**
 * Dutch public holidays that are not werkdagen: Nieuwjaarsdag, Tweede Paasdag, Koningsdag
 * (26 April when 27 April is a Sunday), Bevrijdingsdag in lustrum years, Hemelvaartsdag,
 * Tweede Pinksterdag, Eerste en Tweede Kerstdag. Goede Vrijdag is not a general day off.
 */
export function dutchHolidays(year: number): Set<number> {
  let set = holidayCache.get(year);
  if (set) return set;
  const easter = easterSunday(year);
  let koningsdag = dayFromYmd(year, 4, 27);
  if (weekdayOfDay(koningsdag) === 0) koningsdag -= 1;
  set = new Set<number>([
    dayFromYmd(year, 1, 1),
    easter + 1,
    koningsdag,
    easter + 39,
    easter + 50,
    dayFromYmd(year, 12, 25),
    dayFromYmd(year, 12, 26),
  ]);
  if (year % 5 === 0) set.add(dayFromYmd(year, 5, 5));
  holidayCache.set(year, set);
  return set;
}

export function isWorkday(day: number): boolean {
  const wd = weekdayOfDay(day);
  if (wd === 0 || wd === 6) return false;
  return !dutchHolidays(yearOfDay(day)).has(day);
}

/** The first werkdag on or after `day`. */
export function nextWorkday(day: number): number {
  let d = day;
  while (!isWorkday(d)) d++;
  return d;
}

/** The last werkdag on or before `day`. */
export function previousWorkday(day: number): number {
  let d = day;
  while (!isWorkday(d)) d--;
  return d;
}

/** `n` werkdagen after `day` (n = 0 gives the next werkdag on or after `day`). */
export function addWorkdays(day: number, n: number): number {
  let d = nextWorkday(day);
  for (let i = 0; i < n; i++) d = nextWorkday(d + 1);
  return d;
}
