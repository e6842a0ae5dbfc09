/**
 * Care need simulation: per resident and month, a chance to start a Wmo or Jeugd trajectory in a
 * productcategorie (age, sex, vulnerability, wijk, season and trend dependent), a duration, an
 * aanbieder and a product, and an end (natural end with a reason, or cut by death, moving away,
 * Wlz admission or the jeugd age limit). The result is a list of raw episodes that
 * trajectories.ts turns into toewijzingen and start/stop events.
 *
 * A warm-up from 2012 fills the stock of long-running care; care that was running on
 * 1 January 2019 is re-allocated on that date (new regional contracts), so every trajectory in the
 * message archive starts in 2019 or later.
 */
import { AANBIEDERS, AGB_DE_BRUG, CATEGORIES, PREVENTION_WIJK, type AanbiederDef, type CategoryDef, type EndKind } from './catalog.js';
import { NEVER, dayFromYmd, firstDayOfMonthIndex, monthIndex, monthIndexOfDay, nextWorkday, previousWorkday } from './dates.js';
import { SIM_START_DAY } from './population.js';
import { createRng, type Rng } from './random.js';
import type { Address, Law, Person, ResolvedOptions } from './types.js';

// Local copies of imported bindings used in hot loops (namespace getters are slow under tsx/vitest).
const CATS: readonly CategoryDef[] = CATEGORIES;
const NO_DAY = NEVER;
const PREV_WIJK = PREVENTION_WIJK;
const SIM_START = SIM_START_DAY;

const WARM_START_MI = monthIndex(2012, 1);
/** Trajectories that ended before this day are not part of the demo archive. */
export const ARCHIVE_START_DAY = dayFromYmd(2021, 1, 1);
const DE_BRUG_LAST_INTAKE = dayFromYmd(2025, 10, 1);
const DAYS_PER_MONTH = 30.44;

/** Relative number of starts per calendar month (fewer in July, August and December). */
const SEASON = (() => {
  const raw = [1.12, 1.05, 1.05, 1.0, 1.0, 1.0, 0.72, 0.62, 1.18, 1.12, 1.08, 0.78];
  const mean = raw.reduce((s, x) => s + x, 0) / raw.length;
  return raw.map((x) => x / mean);
})();

export interface RawEpisode {
  personId: number;
  /** Sequence number within the person (stable key for the episode's random stream). */
  seq: number;
  law: Law;
  cat: number;
  aanbieder: string;
  productIdx: number;
  need: number;
  toewijzingsdatum: number;
  ingang: number;
  begin: number;
  /** Last day of delivery; NEVER when the need lasts beyond the simulated horizon. */
  end: number;
  endKind: EndKind;
  /** Re-allocated on 1 January 2019 (care that started before the archive). */
  stock: boolean;
  /** Cut (death, Wlz, moving away) before the care could start. */
  cancelled: boolean;
}

export const AANBIEDER_BY_AGB = new Map<string, AanbiederDef>(AANBIEDERS.map((a) => [a.agb, a]));

/** Annual start rate per category, age 0..120 and sex (0 = M, 1 = V). */
const RATE_TABLE: Float64Array[] = CATEGORIES.map((c) => {
  const table = new Float64Array(121 * 2);
  const fm = 2 / (1 + c.femaleFactor);
  const fv = (2 * c.femaleFactor) / (1 + c.femaleFactor);
  for (let age = 0; age <= 120; age++) {
    if (age < c.minAge || age > c.maxAge) continue;
    let rate = 0;
    for (const [from, r] of c.incidence) if (age >= from) rate = r;
    table[age * 2] = rate * fm;
    table[age * 2 + 1] = rate * fv;
  }
  return table;
});

const ELIGIBLE_BY_AGE: number[][] = Array.from({ length: 121 }, (_, age) =>
  CATEGORIES.map((c, i) => (age >= c.minAge && age <= c.maxAge ? i : -1)).filter((i) => i >= 0),
);

/** Time trend per category on a fractional year. */
function trend(c: CategoryDef, year: number): number {
  if (c.law === 'wmo') {
    if (c.code === '01') return year < 2019 ? 0.85 : 1 + 0.035 * (year - 2019); // abonnementstarief effect
    if (c.code === '02') return 1 + 0.015 * (year - 2019);
    return 1;
  }
  if (c.code === '47' || c.code === '48') return 1 - 0.02 * Math.max(0, year - 2019);
  return 1 + 0.02 * Math.min(Math.max(year - 2019, -2), 4);
}

/** Prevention programme in Vogelbuurt from March 2023: fewer jeugdhulp starts. */
function preventionFactor(c: CategoryDef, wijk: number, year: number): number {
  if (wijk !== PREVENTION_WIJK || c.law !== 'jeugd') return 1;
  if (c.code !== '45' && c.code !== '54' && c.code !== '41') return 1;
  const start = 2023 + 2 / 12;
  const full = 2023 + 9 / 12;
  if (year <= start) return 1;
  const reduction = 0.5 * Math.min(1, (year - start) / (full - start));
  return 1 - reduction;
}

function wlzRate(age: number): number {
  if (age < 65) return 0;
  if (age < 75) return 0.012;
  if (age < 85) return 0.045;
  return 0.1;
}

const NATURAL_END: Record<Law, [EndKind, number][]> = {
  wmo: [['volgensPlan', 0.64], ['doorClient', 0.08], ['doorAanbieder', 0.03], ['inOverleg', 0.14], ['gemeente', 0.04], ['anderDomein', 0.04]],
  jeugd: [['volgensPlan', 0.62], ['doorClient', 0.09], ['doorAanbieder', 0.04], ['inOverleg', 0.14], ['extern', 0.04], ['gemeente', 0.03], ['anderDomein', 0.04]],
};

function drawNaturalEnd(rng: Rng, c: CategoryDef, a: AanbiederDef): EndKind {
  if (c.code === '48' || c.code === '47') return rng.chance(0.85) ? 'volgensPlan' : rng.chance(0.5) ? 'inOverleg' : 'doorClient';
  const list = NATURAL_END[c.law];
  const weights = list.map(([kind, w]) => (kind === 'doorClient' || kind === 'doorAanbieder' ? w * a.uitval : kind === 'inOverleg' ? w * (1 + (a.uitval - 1) / 2) : w));
  return list[rng.weightedIndex(weights)]![0];
}

export function chooseProduct(rng: Rng, a: AanbiederDef, categorie: string, exclude = -1): number {
  const idx = a.products.map((p, i) => (p.categorie === categorie && i !== exclude ? i : -1)).filter((i) => i >= 0);
  if (idx.length === 0) return -1;
  return idx[rng.weightedIndex(idx.map((i) => a.products[i]!.weight))] as number;
}

export function chooseAanbieder(rng: Rng, c: CategoryDef, day: number, exclude?: string): string | null {
  const options = c.aanbieders.filter(([agb]) => agb !== exclude && !(agb === AGB_DE_BRUG && day >= DE_BRUG_LAST_INTAKE));
  if (options.length === 0) return null;
  return options[rng.weightedIndex(options.map(([, w]) => w))]![0];
}

interface SimContext {
  opts: ResolvedOptions;
  addresses: Address[];
  tables: MonthTables;
}

/** CATEGORIES lists the Wmo categories first. */
const WMO_CATEGORY_COUNT = CATEGORIES.filter((c) => c.law === 'wmo').length;
if (CATEGORIES.slice(0, WMO_CATEGORY_COUNT).some((c) => c.law !== 'wmo')) throw new Error('CATEGORIES must list Wmo first');

/** Month tables shared by all persons: first day of month and time factors per category. */
interface MonthTables {
  firstMi: number;
  monthStart: Int32Array;
  /** trend x 1 per [category][month] (season is applied to the begin month by thinning). */
  trend: Float64Array[];
  /** prevention factor for the prevention wijk per [category][month]. */
  prevention: Float64Array[];
}

function buildMonthTables(lastMi: number): MonthTables {
  const n = lastMi - WARM_START_MI + 2;
  const monthStart = new Int32Array(n + 1);
  for (let i = 0; i <= n; i++) monthStart[i] = firstDayOfMonthIndex(WARM_START_MI + i);
  const trendT = CATEGORIES.map((c) => Float64Array.from({ length: n }, (_, i) => trend(c, 2000 + (WARM_START_MI + i + 0.5) / 12)));
  const prevT = CATEGORIES.map((c) => Float64Array.from({ length: n }, (_, i) => preventionFactor(c, PREVENTION_WIJK, 2000 + (WARM_START_MI + i + 0.5) / 12)));
  return { firstMi: WARM_START_MI, monthStart, trend: trendT, prevention: prevT };
}

const SEASON_MAX = Math.max(...SEASON);
const BEGELEIDING = CATEGORIES.findIndex((c) => c.law === 'wmo' && c.code === '02');
/** Parents of a child in jeugdhulp are more likely to need begeleiding themselves. */
const FAMILY_STRESS_FACTOR = 6;

class PersonCareSim {
  private readonly busyUntil: number[] = CATS.map(() => -NO_DAY);
  private readonly episodes: RawEpisode[] = [];
  private readonly pending: { day: number; cat: number; avoid: string }[] = [];
  private readonly vulnFactor: number[];
  private wlzDay = NO_DAY;
  private seq = 0;
  private addressPtr = 0;

  constructor(
    private readonly p: Person,
    private readonly rng: Rng,
    private readonly ctx: SimContext,
    /** Periods in which a child of this person has jeugdhulp (stapeling in the household). */
    private readonly childCare: readonly (readonly [number, number])[] = [],
  ) {
    this.vulnFactor = CATS.map((c) => Math.pow(p.vulnerability, c.vulnPower));
  }

  private childInCare(t0: number, t1: number): boolean {
    for (const [from, to] of this.childCare) if (from <= t1 && to >= t0) return true;
    return false;
  }

  run(): RawEpisode[] {
    const p = this.p;
    const firstDay = Math.max(p.arriveDay, p.birthDay);
    const lastDay = Math.min(p.leaveDay - 1, this.ctx.opts.asOfDay);
    const startMi = firstDay < SIM_START ? Math.max(WARM_START_MI, monthIndexOfDay(Math.max(p.birthDay, firstDayOfMonthIndex(WARM_START_MI)))) : monthIndexOfDay(firstDay);
    const endMi = monthIndexOfDay(lastDay);
    for (let mi = startMi; mi <= endMi; mi++) this.month(mi, firstDay, lastDay);
    return this.episodes;
  }

  private wijkOn(day: number): number {
    const periods = this.p.addresses;
    if (periods.length === 0) return 0;
    while (this.addressPtr + 1 < periods.length && periods[this.addressPtr + 1]!.from <= day) this.addressPtr++;
    return this.ctx.addresses[periods[this.addressPtr]!.address]!.wijk;
  }

  private month(mi: number, firstDay: number, lastDay: number): void {
    const p = this.p;
    const rng = this.rng;
    const tables = this.ctx.tables;
    const k = mi - tables.firstMi;
    const t0 = tables.monthStart[k]!;
    const t1 = tables.monthStart[k + 1]! - 1;
    const year = 2000 + Math.floor(mi / 12);
    const month = (mi % 12) + 1;
    const age = year - p.birthY - (month < p.birthM || (month === p.birthM && 15 < p.birthD) ? 1 : 0);
    if (age < 0) return;
    const ageIdx = Math.min(120, age);

    // Wlz admission ends all Wmo support for good.
    if (this.wlzDay === NO_DAY && age >= 65 && this.hasActiveWmo(t0)) {
      if (rng.chance(wlzRate(age) / 12)) this.admitWlz(Math.max(firstDay, t0 + rng.int(0, t1 - t0)));
    }

    // Repeat use scheduled after an earlier end.
    if (this.pending.length > 0) {
      for (let i = 0; i < this.pending.length; i++) {
        const rep = this.pending[i]!;
        if (rep.day < t0 || rep.day > t1) continue;
        this.pending.splice(i--, 1);
        const c = CATS[rep.cat] as CategoryDef;
        if (rep.day < firstDay || rep.day > lastDay) continue;
        if (this.busyUntil[rep.cat]! >= rep.day) continue;
        if (age > c.maxAge || (c.law === 'wmo' && this.wlzDay <= rep.day)) continue;
        this.start(rep.cat, rep.day, rng.chance(0.5) ? rep.avoid : undefined);
      }
    }

    // New needs (the season is applied to the start month below, by thinning).
    const eligible = ELIGIBLE_BY_AGE[ageIdx] as number[];
    const sexIdx = p.sex === 'M' ? 0 : 1;
    const wijk = this.wijkOn(Math.max(t0 + 14, SIM_START));
    const familyStress = this.childCare.length > 0 && this.childInCare(t0, t1);
    let total = 0;
    const rates = this.rates;
    for (let j = 0; j < eligible.length; j++) {
      const ci = eligible[j]!;
      let r = 0;
      if (this.busyUntil[ci]! < t0 && !(ci < WMO_CATEGORY_COUNT && this.wlzDay <= t0)) {
        r = RATE_TABLE[ci]![ageIdx * 2 + sexIdx]! * this.vulnFactor[ci]! * tables.trend[ci]![k]!;
        if (wijk === PREV_WIJK) r *= tables.prevention[ci]![k]!;
        if (familyStress && ci === BEGELEIDING) r *= FAMILY_STRESS_FACTOR;
      }
      rates[j] = r;
      total += r;
    }
    if (total <= 0) return;
    if (rng.next() >= (total * SEASON_MAX) / 12) return;
    let u = rng.next() * total;
    let j = 0;
    for (; j < eligible.length - 1; j++) {
      u -= rates[j]!;
      if (u < 0) break;
    }
    const ci = eligible[j]!;
    const day = t0 + rng.int(0, t1 - t0);
    if (day < firstDay || day > lastDay) return;
    this.start(ci, day, undefined, true);
  }

  private readonly rates: number[] = CATS.map(() => 0);

  private hasActiveWmo(day: number): boolean {
    for (const e of this.episodes) if (e.law === 'wmo' && e.need <= day && e.end >= day) return true;
    return false;
  }

  private admitWlz(day: number): void {
    this.wlzDay = day;
    for (const e of this.episodes) {
      if (e.law !== 'wmo' || e.end < day || e.need > day) continue;
      e.end = day;
      e.endKind = 'anderDomein';
      if (e.begin > day) e.cancelled = true;
      this.busyUntil[e.cat] = day;
    }
    for (let i = this.pending.length - 1; i >= 0; i--) if (CATS[this.pending[i]!.cat]!.law === 'wmo') this.pending.splice(i, 1);
  }

  private start(ci: number, need: number, avoid?: string, seasonal = false): void {
    const p = this.p;
    const rng = this.rng;
    const c = CATS[ci] as CategoryDef;
    const agb = chooseAanbieder(rng, c, need, avoid) ?? chooseAanbieder(rng, c, need);
    if (!agb) return;
    const a = AANBIEDER_BY_AGB.get(agb) as AanbiederDef;
    const productIdx = chooseProduct(rng, a, c.code);
    if (productIdx < 0) return;

    const crisis = (c.code === '43' || c.code === '44' || c.code === '48') && rng.chance(0.3);
    const toewijzingsdatum = nextWorkday(need + rng.int(c.decisionDays[0], c.decisionDays[1]));
    const ingang = crisis ? need : toewijzingsdatum + rng.int(0, 7);
    const begin = crisis ? ingang : ingang + rng.int(c.waitDays[0], c.waitDays[1]);
    // Seasonality on the actual start: fewer starts in July, August and December.
    if (seasonal && !rng.chance((SEASON[monthIndexOfDay(begin) % 12] as number) / SEASON_MAX)) return;
    let end = begin + Math.max(14, Math.round(rng.lognormal(c.durationMedianMonths, c.durationSigma) * DAYS_PER_MONTH));
    let endKind: EndKind = drawNaturalEnd(rng, c, a);

    if (c.law === 'jeugd') {
      const limitAge = c.code === '47' ? 23 : 18;
      const limit = dayFromYmd(p.birthY + limitAge, p.birthM, Math.min(p.birthD, 28)) - 1;
      if (end > limit) {
        if (c.code !== '48' && c.code !== '47' && rng.chance(c.extendPast18)) {
          end = Math.min(end, dayFromYmd(p.birthY + 21, p.birthM, Math.min(p.birthD, 28)) - 1);
        } else {
          end = limit;
          endKind = c.code === '54' && rng.chance(0.5) ? 'anderDomein' : 'volgensPlan';
        }
      }
    }
    if (p.leaveDay !== NO_DAY && p.leaveDay - 1 < end) {
      end = p.leaveDay - 1;
      endKind = p.leaveReason === 'death' ? 'overlijden' : 'extern';
    }
    if (end > this.ctx.opts.asOfDay + 3 * 365) end = NO_DAY;

    const e: RawEpisode = {
      personId: p.id, seq: this.seq++, law: c.law, cat: ci, aanbieder: agb, productIdx, need, toewijzingsdatum, ingang, begin, end, endKind,
      stock: false, cancelled: end < begin,
    };
    this.episodes.push(e);
    this.busyUntil[ci] = Math.max(end, toewijzingsdatum);

    // Repeat use: a new trajectory in the same category some months later, more likely after uitval.
    if (end !== NO_DAY && (endKind === 'volgensPlan' || endKind === 'doorClient' || endKind === 'doorAanbieder' || endKind === 'inOverleg')) {
      const uitval = endKind === 'doorClient' || endKind === 'doorAanbieder';
      if (rng.chance(c.repeat * (uitval ? 1.8 : 1))) this.pending.push({ day: end + rng.int(60, 420), cat: ci, avoid: agb });
    }
  }
}

/** Turns care that was running on 1 January 2019 into toewijzingen of the new contracts. */
const CARE_47 = CATEGORIES.findIndex((c) => c.code === '47');

function toArchive(e: RawEpisode, rng: Rng, opts: ResolvedOptions): RawEpisode | null {
  if (e.end !== NEVER && e.end < ARCHIVE_START_DAY) return null;
  if (e.toewijzingsdatum > opts.asOfDay) return null;
  if (e.cancelled && e.toewijzingsdatum < ARCHIVE_START_DAY) return null;
  if (e.begin < SIM_START_DAY) {
    if (e.cancelled) return null;
    e.stock = true;
    e.toewijzingsdatum = previousWorkday(dayFromYmd(2018, 12, rng.int(3, 20)));
    e.ingang = SIM_START_DAY;
    e.begin = SIM_START_DAY;
  }
  return e;
}

export function simulateCare(persons: Person[], addresses: Address[], opts: ResolvedOptions): RawEpisode[] {
  const ctx: SimContext = { opts, addresses, tables: buildMonthTables(monthIndexOfDay(opts.asOfDay) + 1) };
  const children = new Map<number, number[]>();
  for (const p of persons) {
    if (p.guardianId === null) continue;
    const list = children.get(p.guardianId);
    if (list) list.push(p.id);
    else children.set(p.guardianId, [p.id]);
  }
  // Pass 1: everyone who is nobody's parent; pass 2: parents, who see their children's jeugdhulp.
  const raw = new Map<number, RawEpisode[]>();
  const rngs = new Map<number, Rng>();
  const simulate = (p: Person, childCare?: (readonly [number, number])[]): void => {
    const rng = createRng(opts.seed, 'care', p.id);
    rngs.set(p.id, rng);
    raw.set(p.id, new PersonCareSim(p, rng, ctx, childCare).run());
  };
  for (const p of persons) if (!children.has(p.id)) simulate(p);
  for (const p of persons) {
    const kids = children.get(p.id);
    if (!kids) continue;
    const childCare: (readonly [number, number])[] = [];
    for (const kid of kids) {
      for (const e of raw.get(kid) ?? []) {
        if (e.law === 'jeugd' && !e.cancelled && e.cat !== CARE_47) childCare.push([e.need, Math.min(e.end, e.begin + 365)]);
      }
    }
    simulate(p, childCare);
  }
  const out: RawEpisode[] = [];
  for (const p of persons) {
    const rng = rngs.get(p.id) as Rng;
    for (const e of raw.get(p.id) ?? []) {
      const kept = toArchive(e, rng, opts);
      if (kept) out.push(kept);
    }
  }
  return out;
}
