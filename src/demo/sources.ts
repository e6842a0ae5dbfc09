/**
 * The gemeente's other sources in the Koers tabular formats (docs/formats.md), generated for the
 * same residents, addresses, wijken and trajectories as the message traffic:
 * - benefits: Participatiewet spells (bijstand, some IOAW/IOAZ/Bbz) per household with household
 *   type and end reason; about 350 per 10 000 inhabitants 18+, far more in Kanaalzone and Oude
 *   Haven; from 2023 the "Werkfit" approach lifts the outflow to work;
 * - toegang: Wmo meldingen with aanvraag and besluit (most within 8 weeks, faster in later years),
 *   one per new Wmo toewijzing plus meldingen that end without maatwerk;
 * - schuldhulp: about 1% of households a year, first conversation mostly within the terms, more
 *   aanmeldingen through vroegsignalering every year;
 * - algemene voorzieningen: use per person (after a melding without maatwerk, as step-down after
 *   Wmo or jeugd, a budget course after schuldhulp) and participant counts per wijk and quarter;
 * - zrm and plan_goals: ZRM assessments (13 domains; intake, evaluatie, uitstroom) and GAS-scored
 *   plan goals for Wmo begeleiding and beschermd wonen from 2022, most showing progress;
 * - outcomes: the aanbieder's judgement per ended trajectory ("kan zonder hulp verder");
 * - client_experience: the yearly cliëntervaringsonderzoek per question;
 * - budget: begroting, begroting na wijziging, monthly realisatie and verplichtingen per taakveld.
 * Every source draws from its own random streams (never the ones of the message traffic).
 */
import { AANBIEDERS, WIJKEN } from './catalog.js';
import { NEVER, addMonths, addWorkdays, ageOn, dayFromYmd, firstDayOfMonthIndex, isoFromDay, monthIndex, monthIndexOfDay, yearOfDay } from './dates.js';
import { SIM_START_DAY, addressOn } from './population.js';
import { createRng, type Rng } from './random.js';
import type { LedgerResult } from './trajectories.js';
import type { Address, Person, ResolvedOptions, Toewijzing } from './types.js';

/** First day of the tabular archive (as the message archive). */
export const SOURCES_START_DAY = dayFromYmd(2021, 1, 1);
/** ZRM and plan goals are registered from this day (the sociaal team started working with them). */
export const ZRM_START_DAY = dayFromYmd(2022, 1, 1);
const BENEFIT_WARM_START_MI = monthIndex(2012, 1);

/** Sociaal team per wijk (index as WIJKEN). */
export const TEAMS = ['Team Centrum', 'Team Oost', 'Team West', 'Team Noord', 'Team Noord', 'Team West', 'Team Zuid', 'Team West', 'Team Oost', 'Team Oost'];

export type Row = Record<string, string | number>;

export interface TabularSources {
  benefits: Row[];
  toegang: Row[];
  schuldhulp: Row[];
  algemeneVoorzieningen: Row[];
  algemeneVoorzieningenAantallen: Row[];
  zrm: Row[];
  planGoals: Row[];
  outcomes: Row[];
  clientExperience: Row[];
  budget: Row[];
}

interface Ctx {
  persons: readonly Person[];
  addresses: readonly Address[];
  ledger: LedgerResult;
  opts: ResolvedOptions;
  /** Residents per address: [personId, from, to] (to inclusive). */
  residents: Map<number, [number, number, number][]>;
}

function personColumns(ctx: Ctx, personId: number, day: number): Row {
  const p = ctx.persons[personId]!;
  const a = ctx.addresses[addressOn(p, day)]!;
  return { bsn: p.bsn, clientnummer: '', geboortejaar: p.birthY, geslacht: p.sex, postcode: a.postcode, huisnummer: a.huisnummer };
}

function idOnly(ctx: Ctx, personId: number): Row {
  return { bsn: ctx.persons[personId]!.bsn, clientnummer: '' };
}

function wijkOf(ctx: Ctx, personId: number, day: number): number {
  return ctx.addresses[addressOn(ctx.persons[personId]!, day)]!.wijk;
}

function resident(p: Person, day: number): boolean {
  return p.arriveDay <= day && p.leaveDay > day && p.birthDay <= day;
}

function buildResidents(persons: readonly Person[]): Map<number, [number, number, number][]> {
  const map = new Map<number, [number, number, number][]>();
  for (const p of persons) {
    for (let i = 0; i < p.addresses.length; i++) {
      const from = Math.max(p.addresses[i]!.from, p.arriveDay, p.birthDay);
      const to = Math.min(i + 1 < p.addresses.length ? p.addresses[i + 1]!.from - 1 : NEVER, p.leaveDay - 1);
      if (to < from) continue;
      const list = map.get(p.addresses[i]!.address) ?? [];
      list.push([p.id, from, to]);
      map.set(p.addresses[i]!.address, list);
    }
  }
  return map;
}

/** Household on `day` at the person's address: adults (not a child of another resident) and minors. */
function household(ctx: Ctx, personId: number, onDay: number): { adults: number[]; minors: number[] } {
  // Before the simulation start the household of 1 January 2019 is the best we know.
  const day = Math.max(onDay, SIM_START_DAY);
  const p = ctx.persons[personId]!;
  const list = (ctx.residents.get(addressOn(p, day)) ?? []).filter(([, f, t]) => f <= day && t >= day).map(([id]) => id);
  const here = new Set(list);
  const adults: number[] = [];
  const minors: number[] = [];
  for (const id of list) {
    const q = ctx.persons[id]!;
    if (ageOn(day, q.birthY, q.birthM, q.birthD) < 18) minors.push(id);
    else if (q.guardianId === null || !here.has(q.guardianId)) adults.push(id);
  }
  return { adults, minors };
}

const iso = isoFromDay;

// ------------------------------------------------------------------ benefits (Participatiewet)

/** Economic climate on the inflow into bijstand (COVID in 2020, tight labour market 2022–2023). */
const CLIMATE: Record<number, number> = { 2019: 1, 2020: 1.2, 2021: 1.05, 2022: 0.85, 2023: 0.88, 2024: 0.95, 2025: 1, 2026: 1.02 };
function bijstandClimate(year: number): number {
  return CLIMATE[year] ?? 1;
}

interface Spell { personId: number; start: number; end: number; reason: string; address: number; regeling: string }

function benefits(ctx: Ctx, out: { spells: Spell[] }): Row[] {
  const { persons, opts } = ctx;
  const lastMi = monthIndexOfDay(opts.asOfDay);
  const candidates: Spell[] = [];
  const H0 = 0.003; // monthly inflow at vulnerability 1 (before the household filter)
  for (const p of persons) {
    const rng = createRng(opts.seed, 'bijstand', p.id);
    const firstMi = Math.max(BENEFIT_WARM_START_MI, monthIndex(p.birthY + 18, p.birthM), p.arriveDay === -NEVER ? -NEVER : monthIndexOfDay(p.arriveDay));
    const lastOwnMi = Math.min(lastMi, monthIndexOfDay(Math.min(p.leaveDay - 1, opts.asOfDay)));
    const aowMi = monthIndex(p.birthY + 67, p.birthM);
    const vf = Math.pow(p.vulnerability, 1.6);
    // Inflow by cumulative hazard: one random draw per event instead of one per month.
    let budget = -Math.log(1 - rng.next());
    let mi = firstMi;
    while (mi <= lastOwnMi && mi < aowMi) {
      const age = Math.floor((mi - monthIndex(p.birthY, p.birthM)) / 12);
      const ageF = age < 23 ? 0.8 : age < 55 ? 1 : 1.25;
      budget -= H0 * vf * ageF * bijstandClimate(2000 + Math.floor(mi / 12));
      if (budget > 0) { mi++; continue; }
      budget = -Math.log(1 - rng.next());
      const start = firstDayOfMonthIndex(mi) + rng.int(0, 27);
      if (!resident(p, start)) { mi++; continue; }
      // Duration: monthly exit chance falling with the spell's length; more exits to work from 2023.
      let end = NEVER;
      let reason = '';
      let m = 0;
      const aowDay = dayFromYmd(p.birthY + 67, p.birthM, Math.min(p.birthD, 28));
      for (let k = mi + 1; k <= lastOwnMi + 1; k++) {
        m++;
        const day = firstDayOfMonthIndex(k) - 1;
        if (day >= p.leaveDay - 1) { end = p.leaveDay - 1; reason = p.leaveReason === 'death' ? 'overlijden' : 'verhuizing'; break; }
        if (day >= aowDay) { end = aowDay - 1; reason = 'ander_inkomen'; break; }
        if (k > lastMi) break;
        const year = 2000 + Math.floor(k / 12);
        const werkfit = year >= 2023 ? 1.35 + 0.05 * Math.min(3, year - 2023) : 1;
        const base = m <= 12 ? 0.042 : m <= 36 ? 0.022 : m <= 60 ? 0.012 : 0.006;
        const pExit = base * (1.3 / (0.5 + p.vulnerability * 0.8)) * (year >= 2023 ? werkfit * 0.85 + 0.15 : 1);
        if (rng.chance(pExit)) {
          end = day - rng.int(0, 20);
          const w = [0.5 * (year >= 2023 ? werkfit : 1), 0.05, 0.08, 0.09, 0.04, 0.01, 0.06, 0.12];
          reason = ['werk', 'opleiding', 'ander_inkomen', 'partner', 'verhuizing', 'detentie', 'handhaving', 'overig'][rng.weightedIndex(w)]!;
          break;
        }
      }
      if (end !== NEVER && end < start) end = start;
      const regeling = age >= 60 && rng.chance(0.25) ? 'ioaw' : rng.chance(0.025) ? 'bbz' : rng.chance(0.01) ? 'ioaz' : 'bijstand';
      candidates.push({ personId: p.id, start, end, reason, address: addressOn(p, start), regeling });
      if (end === NEVER) break;
      mi = monthIndexOfDay(end) + 3 + rng.int(0, 12);
    }
  }
  // One benefit per household: a later candidate at an address with a running spell is dropped.
  candidates.sort((a, b) => a.start - b.start || a.personId - b.personId);
  const busy = new Map<number, number>();
  const rows: Row[] = [];
  for (const s of candidates) {
    if ((busy.get(s.address) ?? -NEVER) >= s.start) continue;
    const hh = household(ctx, s.personId, s.start);
    const adults = Math.max(1, hh.adults.length);
    const kids = hh.minors.length;
    const huishouden = adults === 1 ? (kids ? 'alleenstaande_ouder' : 'alleenstaand') : adults === 2 ? (kids ? 'paar_met_kinderen' : 'paar_zonder_kinderen') : 'overig';
    // Singles and single parents depend on bijstand far more often than couples (one income is enough).
    const keep = { alleenstaand: 1, alleenstaande_ouder: 1, paar_zonder_kinderen: 0.22, paar_met_kinderen: 0.3, overig: 0.3 }[huishouden];
    if (!createRng(ctx.opts.seed, 'bijstand-huishouden', s.personId, s.start).chance(keep)) continue;
    busy.set(s.address, s.end);
    if (s.end !== NEVER && s.end < SOURCES_START_DAY) continue;
    out.spells.push(s);
    const ended = s.end !== NEVER && s.end <= ctx.opts.asOfDay;
    rows.push({
      ...personColumns(ctx, s.personId, s.start), regeling: s.regeling, startdatum: iso(s.start), einddatum: ended ? iso(s.end) : '',
      reden_einde: ended ? s.reason : '', huishouden, kinderen: kids,
    });
  }
  return rows;
}

// ------------------------------------------------------------------ toegang (Wmo)

/** Calendar days melding → besluit: mostly within 8 weeks, faster in later years. */
function decisionDays(rng: Rng, year: number, wijk: number): number {
  const late = Math.max(0.05, 0.2 - 0.035 * (year - 2021)) * (TEAMS[wijk] === 'Team Oost' ? 1.5 : 1);
  if (rng.chance(late)) return rng.int(57, 110);
  const median = Math.max(28, 44 - 3.5 * (year - 2021));
  return Math.min(56, Math.max(7, Math.round(rng.lognormal(median, 0.3))));
}

interface AvUse { personId: number; voorziening: string; aanbieder: string; start: number; end: number }

const AV = {
  maatje: ['Maatjesproject Koersdam', 'Welzijn Koersdam'],
  inloop: ['Inloop en ontmoeting buurthuis', 'Welzijn Koersdam'],
  mantelzorg: ['Mantelzorgondersteuning', 'Welzijn Koersdam'],
  geldfit: ['Budgetcursus Geldfit', 'Welzijn Koersdam'],
  opvoed: ['Opvoedspreekuur', 'Opvoedsteun Koersdam'],
  beweeg: ['Beweeggroep 65+', 'Sportbedrijf Koersdam'],
} as const;

function avUse(rng: Rng, personId: number, key: keyof typeof AV, start: number, asOf: number): AvUse {
  const end = start + rng.int(60, 540);
  return { personId, voorziening: AV[key][0], aanbieder: AV[key][1], start, end: end > asOf ? NEVER : end };
}

function toegang(ctx: Ctx, av: AvUse[]): Row[] {
  const { ledger, opts, persons } = ctx;
  const rows: Row[] = [];
  let n = 0;
  for (const t of ledger.toewijzingen) {
    if (t.law !== 'wmo' || (t.origin !== 'intake' && t.origin !== 'neverStarted')) continue;
    const besluit = t.versions[0]!.day - (t.versions[0]!.day % 3 === 0 ? 1 : 0);
    if (besluit < SOURCES_START_DAY || t.versions[0]!.day > opts.asOfDay) continue;
    const rng = createRng(opts.seed, 'toegang', t.id);
    const wijk = wijkOf(ctx, t.personId, besluit);
    const melding = besluit - decisionDays(rng, yearOfDay(besluit), wijk);
    const aanvraag = Math.min(besluit - 1, melding + rng.int(10, 42));
    rows.push({
      zaaknummer: `Z${String(++n).padStart(6, '0')}`, ...personColumns(ctx, t.personId, melding), wet: 'wmo', melddatum: iso(melding), aanvraagdatum: iso(aanvraag),
      besluitdatum: iso(besluit), besluit: rng.chance(0.08) ? 'deels_toegekend' : 'toegekend', productcategorie: t.trajectCategorie, team: TEAMS[wijk]!,
    });
  }
  // Meldingen that end without maatwerk (solved with an algemene voorziening, refused, withdrawn).
  const rng = createRng(opts.seed, 'toegang-overig');
  const withMaatwerk = rows.length;
  const target = Math.round(withMaatwerk * 0.62);
  const adults = persons.filter((p) => p.birthY <= 2003);
  const weights = adults.map((p) => (2026 - p.birthY >= 65 ? 3 : 1) * Math.sqrt(p.vulnerability));
  const cum: number[] = [];
  let total = 0;
  for (const w of weights) cum.push((total += w));
  const span = ctx.opts.asOfDay - 20 - SOURCES_START_DAY;
  for (let i = 0; i < target; i++) {
    const u = rng.next() * total;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (cum[mid]! < u) lo = mid + 1; else hi = mid; }
    const p = adults[lo]!;
    const melding = SOURCES_START_DAY + rng.int(0, span);
    if (!resident(p, melding)) continue;
    const year = yearOfDay(melding);
    const kind = ['geen_aanvraag', 'afgewezen', 'ingetrokken', 'buiten_behandeling'][rng.weightedIndex([0.58 + 0.04 * (year - 2021), 0.17, 0.17, 0.06])]!;
    const wijk = wijkOf(ctx, p.id, melding);
    const besluit = melding + (kind === 'geen_aanvraag' ? rng.int(7, 40) : decisionDays(rng, year, wijk));
    const open = besluit > ctx.opts.asOfDay;
    const aanvraag = Math.min(besluit - 1, melding + rng.int(10, 42));
    rows.push({
      zaaknummer: `Z${String(++n).padStart(6, '0')}`, ...personColumns(ctx, p.id, melding), wet: 'wmo', melddatum: iso(melding),
      aanvraagdatum: kind === 'geen_aanvraag' || aanvraag > ctx.opts.asOfDay ? '' : iso(aanvraag), besluitdatum: open ? '' : iso(besluit),
      besluit: open ? '' : kind, productcategorie: rng.pick(['01', '02', '07', '14']), team: TEAMS[wijk]!,
    });
    if (kind === 'geen_aanvraag' && !open) {
      const age = 2026 - p.birthY;
      av.push(avUse(rng, p.id, age >= 65 ? rng.pick(['inloop', 'beweeg', 'mantelzorg'] as const) : rng.pick(['maatje', 'inloop'] as const), besluit + rng.int(0, 20), ctx.opts.asOfDay));
    }
  }
  return rows;
}

// ------------------------------------------------------------------ schuldhulp

function schuldhulp(ctx: Ctx, spells: Spell[], av: AvUse[]): Row[] {
  const { persons, opts } = ctx;
  const onBenefit = new Map<number, Spell[]>();
  for (const s of spells) onBenefit.set(s.personId, [...(onBenefit.get(s.personId) ?? []), s]);
  const firstMi = monthIndexOfDay(SOURCES_START_DAY);
  const lastMi = monthIndexOfDay(opts.asOfDay);
  const cands: { personId: number; day: number; address: number }[] = [];
  for (const p of persons) {
    if (p.birthY > 2006) continue;
    const rng = createRng(opts.seed, 'schuldhulp', p.id);
    const vf = Math.pow(p.vulnerability, 1.5);
    const spells = onBenefit.get(p.id) ?? [];
    const birthMi = monthIndex(p.birthY, p.birthM);
    let budget = -Math.log(1 - rng.next());
    for (let mi = firstMi; mi <= lastMi; mi++) {
      const age = Math.floor((mi - birthMi) / 12);
      if (age < 18 || age > 80) continue;
      let benefit = false;
      if (spells.length) {
        const t0 = firstDayOfMonthIndex(mi);
        benefit = spells.some((s) => s.start <= t0 && s.end >= t0);
      }
      budget -= 0.0003 * vf * (benefit ? 3 : 1) * (age < 30 ? 1.3 : age > 67 ? 0.4 : 1);
      if (budget > 0) continue;
      budget = -Math.log(1 - rng.next());
      const day = firstDayOfMonthIndex(mi) + rng.int(0, 27);
      if (!resident(p, day) || day > opts.asOfDay) continue;
      cands.push({ personId: p.id, day, address: addressOn(p, day) });
      mi += 18;
    }
  }
  cands.sort((a, b) => a.day - b.day || a.personId - b.personId);
  const busy = new Map<number, number>();
  const rows: Row[] = [];
  let n = 0;
  for (const c of cands) {
    if ((busy.get(c.address) ?? -NEVER) >= c.day) continue;
    const rng = createRng(opts.seed, 'schuldhulp-zaak', c.personId, c.day);
    const year = yearOfDay(c.day);
    const vroeg = rng.chance(Math.min(0.5, 0.1 + 0.09 * (year - 2021)));
    const dreiging = vroeg ? 'geen' : ['geen', 'huisuitzetting', 'afsluiting_energie', 'afsluiting_water', 'beeindiging_zorgverzekering'][rng.weightedIndex([0.8, 0.08, 0.07, 0.02, 0.03])]!;
    const inTime = rng.chance(Math.min(0.95, 0.8 + 0.03 * (year - 2021)));
    const gesprek = dreiging !== 'geen'
      ? addWorkdays(c.day, inTime ? rng.int(0, 3) : rng.int(4, 10))
      : c.day + (inTime ? rng.int(3, 28) : rng.int(29, 60));
    const p = persons[c.personId]!;
    const days = Math.round(rng.lognormal(vroeg ? 150 : 330, 0.7));
    let end = c.day + Math.max(20, days);
    let reason = ['schulden_opgelost', 'stabilisatie', 'doorverwezen', 'uitgevallen', 'afgewezen', 'overig'][rng.weightedIndex([vroeg ? 0.42 : 0.32, 0.26, 0.1, vroeg ? 0.1 : 0.2, 0.05, 0.04])]!;
    if (p.leaveDay - 1 < end) { end = p.leaveDay - 1; reason = p.leaveReason === 'death' ? 'overleden' : 'verhuisd'; }
    const ended = end <= opts.asOfDay;
    busy.set(c.address, ended ? end : NEVER);
    const wijk = wijkOf(ctx, c.personId, c.day);
    rows.push({
      zaaknummer: `S${String(++n).padStart(5, '0')}`, ...personColumns(ctx, c.personId, c.day), aanmelddatum: iso(c.day),
      eerste_gesprek: gesprek <= opts.asOfDay ? iso(gesprek) : '', dreiging, vroegsignalering: vroeg ? 'ja' : 'nee',
      einddatum: ended ? iso(Math.max(end, gesprek)) : '', reden_einde: ended ? reason : '', team: TEAMS[wijk]!,
    });
    if (ended && (reason === 'stabilisatie' || reason === 'schulden_opgelost') && rng.chance(0.45)) av.push(avUse(rng, c.personId, 'geldfit', end + rng.int(0, 25), opts.asOfDay));
  }
  return rows;
}

// ------------------------------------------------------------------ ended trajectories (outcomes, step-down)

interface Ended { t: Toewijzing; begin: number; end: number; reden: string }

function endedTrajectories(ledger: LedgerResult, asOf: number): Ended[] {
  const first = new Map<number, number>();
  for (const s of ledger.starts) if (s.status === '1' && (first.get(s.toewijzing) ?? NEVER) > s.begin) first.set(s.toewijzing, s.begin);
  const last = new Map<number, { eind: number; reden: string }>();
  for (const s of ledger.stops) {
    if (s.reden === '20' || s.dagtekening > asOf) continue;
    const prev = last.get(s.toewijzing);
    if (!prev || prev.eind < s.eind) last.set(s.toewijzing, { eind: s.eind, reden: s.reden });
  }
  const out: Ended[] = [];
  for (const [id, e] of last) {
    const begin = first.get(id);
    if (begin === undefined) continue;
    out.push({ t: ledger.toewijzingen[id]!, begin, end: e.eind, reden: e.reden });
  }
  return out.sort((a, b) => a.end - b.end || a.t.id - b.t.id);
}

const OUTCOME_AANBIEDERS = new Set(['99000034', '99000042', '99000050', '99000069', '99000093', '99000115', '99000123', '99000131', '99000140', '99000158', '99000018', '99000026']);

function outcomes(ctx: Ctx, ended: Ended[], av: AvUse[]): Row[] {
  const rows: Row[] = [];
  for (const e of ended) {
    const t = e.t;
    const rng = createRng(ctx.opts.seed, 'uitkomst', t.id);
    const year = yearOfDay(e.end);
    // Step-down: after a planned end some clients continue with an algemene voorziening (more from 2023).
    const planned = e.reden === '19' || e.reden === '31';
    if (planned && e.end >= SOURCES_START_DAY && rng.chance(Math.min(0.4, 0.14 + 0.06 * Math.max(0, year - 2021)) * (t.law === 'jeugd' ? 0.8 : 1))) {
      const key = t.law === 'jeugd' ? 'opvoed' : t.trajectCategorie === '01' || t.trajectCategorie === '07' ? rng.pick(['inloop', 'beweeg'] as const) : rng.pick(['maatje', 'inloop'] as const);
      const personId = t.law === 'jeugd' && ctx.persons[t.personId]!.guardianId !== null && rng.chance(0.5) ? ctx.persons[t.personId]!.guardianId! : t.personId;
      if (resident(ctx.persons[personId]!, e.end + 30)) av.push(avUse(rng, personId, key, e.end + rng.int(1, 28), ctx.opts.asOfDay));
    }
    if (e.end < ZRM_START_DAY || !OUTCOME_AANBIEDERS.has(t.aanbieder)) continue;
    if (['02', '36', '37', '38'].includes(e.reden) || !rng.chance(0.82)) continue;
    const dropout = ['21', '22', '32', '33'].includes(e.reden);
    const overleg = e.reden === '23' || e.reden === '34';
    const lift = 0.02 * Math.max(0, year - 2022);
    const pOk = planned ? 0.78 + lift : overleg ? 0.45 + lift : dropout ? 0.12 : e.reden === '39' ? 0.05 : 0.35;
    const ok = rng.chance(pOk);
    const doelen = ok ? (rng.chance(0.7) ? 'ja' : 'deels') : rng.chance(planned ? 0.6 : 0.3) ? 'deels' : 'nee';
    const informant = t.law === 'jeugd' ? (rng.chance(0.2) ? 'ouder' : 'aanbieder') : rng.chance(0.12) ? 'client' : 'aanbieder';
    rows.push({
      ...idOnly(ctx, t.personId), wet: t.law, agb: t.aanbieder, productcategorie: t.trajectCategorie, toewijzingnummer: t.nummer, einddatum: iso(e.end),
      zonder_hulp_verder: ok ? 'ja' : 'nee', doelen_bereikt: doelen, tevreden: rng.chance(ok ? 0.9 : 0.55) ? 'ja' : 'nee', informant,
    });
  }
  return rows;
}

// ------------------------------------------------------------------ ZRM and plan goals

const DOMAINS = ['financien', 'werk_opleiding', 'tijdsbesteding', 'huisvesting', 'huiselijke_relaties', 'geestelijke_gezondheid', 'lichamelijke_gezondheid',
  'middelengebruik', 'basale_adl', 'instrumentele_adl', 'sociaal_netwerk', 'maatschappelijke_participatie', 'justitie'] as const;

function zrmAndGoals(ctx: Ctx, ended: Ended[]): { zrm: Row[]; goals: Row[] } {
  const { ledger, opts } = ctx;
  const endOf = new Map(ended.map((e) => [e.t.id, e]));
  const firstStart = new Map<number, number>();
  for (const s of ledger.starts) if (s.status === '1' && (firstStart.get(s.toewijzing) ?? NEVER) > s.begin) firstStart.set(s.toewijzing, s.begin);
  const zrm: Row[] = [];
  const goals: Row[] = [];
  for (const t of ledger.toewijzingen) {
    if (t.law !== 'wmo' || (t.trajectCategorie !== '02' && t.trajectCategorie !== '15')) continue;
    if (t.origin !== 'intake' && t.origin !== 'overstap') continue;
    const begin = firstStart.get(t.id);
    if (begin === undefined || begin < ZRM_START_DAY || begin > opts.asOfDay) continue;
    const rng = createRng(opts.seed, 'zrm', t.id);
    if (!rng.chance(0.55)) continue;
    const e = endOf.get(t.id);
    const p = ctx.persons[t.personId]!;
    const plan = `P${t.nummer}`;
    const year = yearOfDay(begin);
    // Intake scores: a few problem domains (1–2), the rest 3–5; worse for more vulnerable residents.
    const v = Math.log(p.vulnerability);
    const problem = new Set<number>();
    const nProblem = 2 + rng.int(0, 2) + (t.trajectCategorie === '15' ? 1 : 0);
    while (problem.size < nProblem) problem.add(rng.weightedIndex([3, 1.5, 2, 2, 1.5, 3, 1, 1, 0.5, 1.2, 2.5, 1.5, 0.5]));
    const score: number[] = DOMAINS.map((_, i) => problem.has(i) ? rng.int(1, 2) : Math.max(2, Math.min(5, Math.round(3.9 - 0.6 * v + 0.7 * rng.normal()))));
    const moments: { day: number; moment: string }[] = [{ day: Math.min(opts.asOfDay, begin + rng.int(-10, 14)), moment: 'intake' }];
    const stop = e ? e.end : opts.asOfDay;
    for (let d = addMonths(moments[0]!.day, 6); d < stop - 30 && d <= opts.asOfDay; d = addMonths(d, 6)) moments.push({ day: d, moment: 'evaluatie' });
    const closing = e && !['02', '36', '37', '38'].includes(e.reden) ? e.end + rng.int(-7, 10) : null;
    if (closing !== null && closing <= opts.asOfDay && closing > moments[moments.length - 1]!.day) moments.push({ day: closing, moment: 'uitstroom' });
    const planned = e ? e.reden === '19' : true;
    const dropout = e ? ['21', '22'].includes(e.reden) : false;
    // Progress per step: most improve on their problem domains; dropouts stagnate or decline.
    const pUp = (dropout ? 0.18 : planned ? 0.5 : 0.32) + 0.03 * Math.max(0, year - 2022);
    const pDown = dropout ? 0.2 : 0.05;
    const goalDomains = [...problem].slice(0, 1 + rng.int(0, 2));
    const weights = goalDomains.map(() => rng.int(1, 3));
    goalDomains.forEach((d, gi) => {
      goals.push({ plannummer: plan, doelnummer: String(gi + 1), ...idOnly(ctx, t.personId), leefgebied: DOMAINS[d]!, startdatum: iso(moments[0]!.day), evaluatiedatum: '', gas_score: '', gewicht: weights[gi]!, team: TEAMS[wijkOf(ctx, t.personId, begin)]! });
    });
    moments.forEach((m, k) => {
      if (k > 0) {
        for (let i = 0; i < score.length; i++) {
          const u = rng.next();
          // Problem domains move; the others rarely change.
          const up = problem.has(i) ? pUp : pUp * 0.15;
          const down = problem.has(i) ? pDown : pDown * 0.12;
          if (u < up) score[i] = Math.min(5, score[i]! + 1);
          else if (u < up + down) score[i] = Math.max(1, score[i]! - 1);
        }
        // GAS at every evaluation and at closure, per goal.
        goalDomains.forEach((d, gi) => {
          const gain = score[d]! - 2;
          const mean = (dropout ? -0.9 : planned ? 0.35 : -0.2) + 0.25 * gain + 0.08 * Math.max(0, year - 2022);
          const gas = Math.max(-2, Math.min(2, Math.round(mean + 0.9 * rng.normal())));
          goals.push({ plannummer: plan, doelnummer: String(gi + 1), ...idOnly(ctx, t.personId), leefgebied: DOMAINS[d]!, startdatum: iso(moments[0]!.day), evaluatiedatum: iso(m.day), gas_score: gas, gewicht: weights[gi]!, team: TEAMS[wijkOf(ctx, t.personId, begin)]! });
        });
      }
      DOMAINS.forEach((d, i) => zrm.push({ ...idOnly(ctx, t.personId), datum: iso(m.day), moment: m.moment, versie: '2017', domein: d, score: score[i]!, plannummer: plan }));
    });
  }
  // Plans with an evaluation lose their "not yet evaluated" row (a later export of the same goals).
  const evaluated = new Set(goals.filter((g) => g.evaluatiedatum !== '').map((g) => `${g.plannummer}|${g.doelnummer}`));
  return { zrm, goals: goals.filter((g) => g.evaluatiedatum !== '' || !evaluated.has(`${g.plannummer}|${g.doelnummer}`)) };
}

// ------------------------------------------------------------------ algemene voorzieningen

function avCounts(ctx: Ctx): Row[] {
  const rows: Row[] = [];
  const lastQ = Math.floor(monthIndexOfDay(ctx.opts.asOfDay + 1) / 3) - 1; // last complete quarter
  const firstQ = Math.floor(monthIndexOfDay(SOURCES_START_DAY) / 3);
  const residentsPerWijk = WIJKEN.map(() => 0);
  const day = dayFromYmd(2024, 1, 1);
  for (const p of ctx.persons) if (resident(p, day)) residentsPerWijk[ctx.addresses[addressOn(p, day)]!.wijk]!++;
  const list: [string, string, number, boolean][] = [
    ['Inloop en ontmoeting buurthuis', 'Welzijn Koersdam', 0.018, false],
    ['Beweeggroep 65+', 'Sportbedrijf Koersdam', 0.006, false],
    ['Opvoedspreekuur', 'Opvoedsteun Koersdam', 0.004, true],
    ['Ouder-kindgroep Vogelbuurt', 'Opvoedsteun Koersdam', 0.0, true],
  ];
  for (let q = firstQ; q <= lastQ; q++) {
    const year = 2000 + Math.floor(q / 4);
    const quarter = (q % 4) + 1;
    WIJKEN.forEach((w, wi) => {
      const rng = createRng(ctx.opts.seed, 'av-aantallen', q, wi);
      for (const [name, aanbieder, rate, jeugd] of list) {
        let r = rate * (1 + 0.08 * (year - 2021)) * (jeugd ? 1 : Math.sqrt(w.vulnerability));
        if (name === 'Ouder-kindgroep Vogelbuurt') r = wi === 3 && year * 4 + quarter >= 2023 * 4 + 2 ? 0.006 + 0.001 * (year - 2023) : 0;
        if (name === 'Opvoedspreekuur' && wi === 3 && year >= 2023) r *= 2.2;
        if (r <= 0) continue;
        const deelnemers = Math.max(0, Math.round(residentsPerWijk[wi]! * r * (1 + 0.1 * rng.normal()) * (quarter === 3 ? 0.8 : 1)));
        rows.push({ voorziening: name, aanbieder, periode: `${year}-Q${quarter}`, wijk: w.code, deelnemers, contacten: Math.round(deelnemers * rng.uniform(3, 7)) });
      }
    });
  }
  return rows;
}

function avRows(ctx: Ctx, av: AvUse[]): Row[] {
  av.sort((a, b) => a.start - b.start || a.personId - b.personId || (a.voorziening < b.voorziening ? -1 : 1));
  const seen = new Set<string>();
  const rows: Row[] = [];
  for (const u of av) {
    const p = ctx.persons[u.personId]!;
    if (u.start > ctx.opts.asOfDay || !resident(p, u.start)) continue;
    const key = `${u.personId}|${u.voorziening}|${u.start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const end = Math.min(u.end, p.leaveDay - 1);
    rows.push({ ...personColumns(ctx, u.personId, u.start), voorziening: u.voorziening, aanbieder: u.aanbieder, startdatum: iso(u.start), einddatum: end >= NEVER - 1 || end > ctx.opts.asOfDay ? '' : iso(Math.max(end, u.start)) });
  }
  return rows;
}

// ------------------------------------------------------------------ cliëntervaringsonderzoek

const QUESTIONS: [string, string, string, number][] = [
  ['1', 'Ik voelde mij bij het eerste contact serieus genomen', 'toegang', 0.8],
  ['2', 'Ik werd snel geholpen', 'toegang', 0.66],
  ['3', 'De kwaliteit van de ondersteuning vind ik goed', 'kwaliteit', 0.82],
  ['4', 'Door de ondersteuning kan ik beter de dingen doen die ik wil', 'zelfredzaamheid', 0.74],
  ['5', 'Door de ondersteuning kan ik mij beter redden', 'zelfredzaamheid', 0.78],
  ['6', 'Door de ondersteuning heb ik een betere kwaliteit van leven', 'kwaliteit_van_leven', 0.7],
  ['7', 'Door de ondersteuning kan ik beter meedoen in de maatschappij', 'participatie', 0.6],
];

function clientExperience(ctx: Ctx): Row[] {
  const rows: Row[] = [];
  const lastYear = yearOfDay(ctx.opts.asOfDay) - 1;
  for (let year = 2021; year <= lastYear; year++) {
    for (const wet of ['wmo', 'jeugd'] as const) {
      const rng = createRng(ctx.opts.seed, 'cev', year, wet);
      const base = Math.max(20, Math.round((wet === 'wmo' ? 520 : 190) * ctx.opts.scale * rng.uniform(0.9, 1.1)));
      for (const [nr, vraag, thema, share] of QUESTIONS) {
        const respondenten = Math.max(10, base - rng.int(0, Math.round(base * 0.06)));
        const s = Math.min(0.95, share + (wet === 'jeugd' ? -0.04 : 0) + (thema === 'kwaliteit_van_leven' || thema === 'participatie' || nr === '2' ? 0.015 * (year - 2021) : 0.005 * (year - 2021)) + 0.02 * rng.normal());
        const eens = Math.round(respondenten * s);
        const neutraal = Math.round((respondenten - eens) * rng.uniform(0.45, 0.65));
        rows.push({ jaar: year, wet, vraagnummer: nr, vraag, thema, respondenten, eens, neutraal, oneens: respondenten - eens - neutraal });
      }
    }
  }
  return rows;
}

// ------------------------------------------------------------------ budget per taakveld

const TAAKVELD_OF_CATEGORY: Record<string, string> = {
  '01': '6.71', '02': '6.71', '07': '6.71', '08': '6.71', '11': '6.6', '14': '6.6', '15': '6.81',
  '45': '6.72', '54': '6.72', '41': '6.72', '43': '6.82', '44': '6.82', '47': '6.82', '48': '6.82',
};
const TAAKVELD_LAW: Record<string, string> = { '6.1': 'wmo', '6.2': 'wmo', '6.3': 'pwet', '6.6': 'wmo', '6.71': 'wmo', '6.72': 'jeugd', '6.81': 'wmo', '6.82': 'jeugd' };

export function taakveldOf(categorie: string): string {
  return TAAKVELD_OF_CATEGORY[categorie] ?? '6.71';
}

/** Expected cost per delivered day in eurocent (omvang x tariff, at the usual realisation). */
function costPerDay(t: Toewijzing): number {
  const a = AANBIEDERS.find((x) => x.agb === t.aanbieder)!;
  const p = a.products[t.productIdx ?? 0]!;
  const vol = t.omvang?.volume ?? (p.volume[0] + p.volume[1]) / 2;
  switch (p.eenheid) {
    case '04': case '16': return (vol * p.tariefCent * 0.9) / 7;
    case '14': return p.tariefCent * 0.98;
    case '01': return (vol * p.tariefCent) / 365;
    case '82': return p.frequentie === '6' ? p.tariefCent / 240 : p.tariefCent / 30.44;
    case '84': return (150 * p.tariefCent) / 365;
    default: return 0;
  }
}

function budget(ctx: Ctx, spells: Spell[]): Row[] {
  const { ledger, opts } = ctx;
  const firstYear = 2021;
  const lastYear = yearOfDay(opts.asOfDay);
  const lastMi = monthIndexOfDay(opts.asOfDay) - 1; // last complete month
  const firstMi = monthIndex(firstYear, 1);
  const months = lastMi - firstMi + 1;
  const cost = new Map<string, Float64Array>();
  const add = (tv: string, mi: number, cent: number): void => {
    if (mi < firstMi || mi > lastMi) return;
    let arr = cost.get(tv);
    if (!arr) cost.set(tv, (arr = new Float64Array(months)));
    arr[mi - firstMi]! += cent;
  };
  // Maatwerk: delivered days x cost per day, per month.
  const stopsBy = new Map<number, number[]>();
  for (const s of ledger.stops) stopsBy.set(s.toewijzing, [...(stopsBy.get(s.toewijzing) ?? []), s.eind]);
  for (const s of ledger.starts) {
    if (s.status !== '1') continue;
    const t = ledger.toewijzingen[s.toewijzing]!;
    const a = AANBIEDERS.find((x) => x.agb === t.aanbieder)!;
    if (a.uitvoeringsvariant === 'taakgericht') continue;
    const end = Math.min((stopsBy.get(t.id) ?? []).filter((e) => e >= s.begin).sort((x, y) => x - y)[0] ?? NEVER, opts.asOfDay);
    const perDay = costPerDay(t);
    const tv = taakveldOf(t.trajectCategorie);
    for (let mi = Math.max(firstMi, monthIndexOfDay(s.begin)); mi <= Math.min(lastMi, monthIndexOfDay(end)); mi++) {
      const lo = Math.max(s.begin, firstDayOfMonthIndex(mi));
      const hi = Math.min(end, firstDayOfMonthIndex(mi + 1) - 1);
      if (hi >= lo) add(tv, mi, (hi - lo + 1) * perDay);
    }
  }
  // Bijstand: about € 1 450 a month per running benefit.
  for (const s of spells) {
    for (let mi = Math.max(firstMi, monthIndexOfDay(s.start)); mi <= Math.min(lastMi, monthIndexOfDay(Math.min(s.end, opts.asOfDay))); mi++) add('6.3', mi, 145_000);
  }
  // Taakgericht and the sociaal teams: fixed sums per month (scaled with the demo).
  for (let mi = firstMi; mi <= lastMi; mi++) {
    const year = 2000 + Math.floor(mi / 12);
    const grow = 1 + 0.03 * (year - 2021);
    add('6.1', mi, (38_000_000 * opts.scale * grow) / 12 + (45_000_000 * opts.scale * grow) / 12);
    add('6.2', mi, (142_500_000 * opts.scale * grow) / 12 + (96_000_000 * opts.scale * grow) / 12 + (310_000_000 * opts.scale * grow) / 12);
  }
  const rows: Row[] = [];
  const rng = createRng(opts.seed, 'budget');
  const taakvelden = [...cost.keys()].sort((a, b) => (a < b ? -1 : 1));
  const yearTotal = (tv: string, year: number): number => {
    const arr = cost.get(tv)!;
    let s = 0;
    let n = 0;
    for (let m = 0; m < 12; m++) {
      const k = monthIndex(year, m + 1) - firstMi;
      if (k >= 0 && k < months) { s += arr[k]!; n++; }
    }
    return n === 0 ? 0 : (s / n) * 12;
  };
  const euro = (cent: number): string => (Math.round(cent) / 100).toFixed(2);
  for (const tv of taakvelden) {
    const wet = TAAKVELD_LAW[tv] ?? '';
    for (let year = firstYear; year <= lastYear; year++) {
      // The begroting follows the year's expected cost; jeugd is budgeted too low (the overrun story).
      const expected = yearTotal(tv, year) || yearTotal(tv, year - 1);
      const under = wet === 'jeugd' ? 0.9 : 1.0;
      const begroting = expected * under * rng.uniform(0.97, 1.03);
      const gewijzigd = begroting + (expected - begroting) * 0.6;
      rows.push({ jaar: year, maand: '', taakveld: tv, productcode: '', wet, soort: 'begroting', bedrag: euro(begroting) });
      rows.push({ jaar: year, maand: '', taakveld: tv, productcode: '', wet, soort: 'begroting_gewijzigd', bedrag: euro(gewijzigd) });
      const arr = cost.get(tv)!;
      let lastMonthCost = 0;
      let lastMonth = 0;
      for (let m = 1; m <= 12; m++) {
        const k = monthIndex(year, m) - firstMi;
        if (k < 0 || k >= months) continue;
        lastMonthCost = arr[k]!;
        lastMonth = m;
        rows.push({ jaar: year, maand: m, taakveld: tv, productcode: '', wet, soort: 'realisatie', bedrag: euro(arr[k]! * rng.uniform(0.97, 1.03)) });
      }
      // Open commitments for the rest of the running year (toewijzingen that keep running).
      if (lastMonth > 0 && lastMonth < 12) rows.push({ jaar: year, maand: '', taakveld: tv, productcode: '', wet, soort: 'verplichting', bedrag: euro(lastMonthCost * (12 - lastMonth) * 0.95) });
    }
  }
  return rows;
}

// ------------------------------------------------------------------ all sources

export function generateSources(persons: readonly Person[], addresses: readonly Address[], ledger: LedgerResult, opts: ResolvedOptions): TabularSources {
  const ctx: Ctx = { persons, addresses, ledger, opts, residents: buildResidents(persons) };
  const av: AvUse[] = [];
  const spellsOut = { spells: [] as Spell[] };
  const benefitRows = benefits(ctx, spellsOut);
  const toegangRows = toegang(ctx, av);
  const schuldRows = schuldhulp(ctx, spellsOut.spells, av);
  const ended = endedTrajectories(ledger, opts.asOfDay);
  const outcomeRows = outcomes(ctx, ended, av);
  const { zrm, goals } = zrmAndGoals(ctx, ended);
  return {
    benefits: benefitRows,
    toegang: toegangRows,
    schuldhulp: schuldRows,
    algemeneVoorzieningen: avRows(ctx, av),
    algemeneVoorzieningenAantallen: avCounts(ctx),
    zrm,
    planGoals: goals,
    outcomes: outcomeRows,
    clientExperience: clientExperience(ctx),
    budget: budget(ctx, spellsOut.spells),
  };
}

/** File name, Koers header and rows of every tabular source, in import order. */
export const SOURCE_FILES = [
  ['begroting.csv', 'budget', ['jaar', 'maand', 'taakveld', 'productcode', 'wet', 'soort', 'bedrag']],
  ['uitkeringen.csv', 'benefits', ['bsn', 'clientnummer', 'geboortejaar', 'geslacht', 'postcode', 'huisnummer', 'regeling', 'startdatum', 'einddatum', 'reden_einde', 'huishouden', 'kinderen']],
  ['toegang.csv', 'toegang', ['zaaknummer', 'bsn', 'clientnummer', 'geboortejaar', 'geslacht', 'postcode', 'huisnummer', 'wet', 'melddatum', 'aanvraagdatum', 'besluitdatum', 'besluit', 'productcategorie', 'team']],
  ['schuldhulp.csv', 'schuldhulp', ['zaaknummer', 'bsn', 'clientnummer', 'geboortejaar', 'geslacht', 'postcode', 'huisnummer', 'aanmelddatum', 'eerste_gesprek', 'dreiging', 'vroegsignalering', 'einddatum', 'reden_einde', 'team']],
  ['algemene-voorzieningen.csv', 'algemeneVoorzieningen', ['bsn', 'clientnummer', 'geboortejaar', 'geslacht', 'postcode', 'huisnummer', 'voorziening', 'aanbieder', 'startdatum', 'einddatum']],
  ['algemene-voorzieningen-aantallen.csv', 'algemeneVoorzieningenAantallen', ['voorziening', 'aanbieder', 'periode', 'wijk', 'deelnemers', 'contacten']],
  ['zrm.csv', 'zrm', ['bsn', 'clientnummer', 'datum', 'moment', 'versie', 'domein', 'score', 'plannummer']],
  ['plandoelen.csv', 'planGoals', ['plannummer', 'doelnummer', 'bsn', 'clientnummer', 'leefgebied', 'startdatum', 'evaluatiedatum', 'gas_score', 'gewicht', 'team']],
  ['uitkomsten.csv', 'outcomes', ['bsn', 'clientnummer', 'wet', 'agb', 'productcategorie', 'toewijzingnummer', 'einddatum', 'zonder_hulp_verder', 'doelen_bereikt', 'tevreden', 'informant']],
  ['clientervaring.csv', 'clientExperience', ['jaar', 'wet', 'vraagnummer', 'vraag', 'thema', 'respondenten', 'eens', 'neutraal', 'oneens']],
] as const satisfies readonly (readonly [string, keyof TabularSources, readonly string[]])[];
