import { addDays, toDayNumber, type IsoDate } from './dates.js';

/**
 * Werkdagen for the legal terms of the iStandaarden and the Wmo/Wgs (domain.md §8): weekdays that
 * are not an algemeen erkende feestdag of the Algemene termijnenwet (art. 3) or a day made equal
 * to one (Goede Vrijdag, 5 mei). Koers rule: this is the calendar every term in Koers counts with.
 */

/** Western Easter Sunday (anonymous Gregorian algorithm), as a day number since 1970-01-01. */
export function easterSundayDay(year: number): number {
  const a = year % 19, b = Math.floor(year / 100), c = year % 100, d = Math.floor(b / 4), e = b % 4;
  const f = Math.floor((b + 8) / 25), g = Math.floor((b - f + 1) / 3), h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4), k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return Math.floor(Date.UTC(year, month - 1, day) / 86_400_000);
}

const pad = (n: number) => String(n).padStart(2, '0');
const dayOf = (y: number, m: number, d: number) => toDayNumber(`${y}-${pad(m)}-${pad(d)}`);

/** The feestdagen of a year that are not werkdagen, as ISO dates (sorted). */
export function feestdagen(year: number): IsoDate[] {
  const easter = easterSundayDay(year);
  let koningsdag = dayOf(year, 4, 27);
  if (new Date(koningsdag * 86_400_000).getUTCDay() === 0) koningsdag -= 1; // 26 April when the 27th is a Sunday
  const days = [dayOf(year, 1, 1), easter - 2, easter + 1, koningsdag, dayOf(year, 5, 5), easter + 39, easter + 50, dayOf(year, 12, 25), dayOf(year, 12, 26)];
  return [...new Set(days)].sort((x, y) => x - y).map((n) => new Date(n * 86_400_000).toISOString().slice(0, 10));
}

const cache = new Map<number, Set<string>>();
export function isWerkdag(d: IsoDate): boolean {
  const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
  if (dow === 0 || dow === 6) return false;
  const year = Number(d.slice(0, 4));
  let set = cache.get(year);
  if (!set) cache.set(year, (set = new Set(feestdagen(year))));
  return !set.has(d);
}

/** The date n werkdagen after d (n ≥ 0; with n = 0 the date itself). */
export function addWerkdagen(d: IsoDate, n: number): IsoDate {
  let cur = d;
  for (let left = n; left > 0;) { cur = addDays(cur, 1); if (isWerkdag(cur)) left--; }
  return cur;
}

/** Rows for the calendar_day table: every day with its running werkdag index, for terms in SQL. */
export function calendarRows(from: IsoDate, to: IsoDate): { day: IsoDate; werkdag: boolean; index: number }[] {
  const out: { day: IsoDate; werkdag: boolean; index: number }[] = [];
  let index = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const w = isWerkdag(d);
    if (w) index++;
    out.push({ day: d, werkdag: w, index });
  }
  return out;
}
