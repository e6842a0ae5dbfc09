/** Calendar dates as 'YYYY-MM-DD' strings, computed in UTC so no time zone can shift a day. */
export type IsoDate = string;

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

export function toDayNumber(d: IsoDate): number {
  return Math.floor(Date.parse(`${d}T00:00:00Z`) / DAY_MS);
}

export function fromDayNumber(n: number): IsoDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(d: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(d) + days);
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate { return a <= b ? a : b; }
export function maxDate(a: IsoDate, b: IsoDate): IsoDate { return a >= b ? a : b; }

export function todayIso(now = new Date()): IsoDate {
  return now.toISOString().slice(0, 10);
}
