/**
 * Declaraties (323) and declaratie-antwoorden (325) of the inspannings- and outputgerichte
 * aanbieders: one 323 per aanbieder and month from DECLARATIE_START (the gemeente moved from the
 * regional invoicing portal to the iStandaarden declaratie then), with per client and toewijzing a
 * Prestatie for the delivered part of the month at the contract tariff (contracten.csv):
 * - hours and dagdelen per week: the allocated omvang x delivered weeks x a realisation factor;
 * - etmalen: the delivered days; minutes per toewijzingsperiode: spread over the months;
 * - output per month: 1 stuk per month with delivery; output per traject: 1 stuk in the first month;
 * - rides (Regiotaxi, aspecifiek budget) and dagdelen of the generiek zorgboerderij: what was used.
 * The gemeente answers each 323 with a 325 within 10 werkdagen; only the rejected prestaties are
 * returned (about 1–3%, more at the late-reporting aanbieders and in the first months). Most
 * rejected prestaties are declared again corrected the month after; now and then a granted
 * prestatie is credited (VorigReferentieNummer) and declared again with a corrected volume.
 */
import { AANBIEDERS, GEMEENTE_CODE, type AanbiederDef, type ProductDef } from './catalog.js';
import { NEVER, addWorkdays, dayFromYmd, firstDayOfMonthIndex, monthIndexOfDay } from './dates.js';
import { createRng, type Rng } from './random.js';
import type { LedgerResult } from './trajectories.js';
import type { DemoMessage, PrestatieLine, ResolvedOptions, Toewijzing, ToewijzingVersion } from './types.js';

/** First month declared through 323 messages. */
export const DECLARATIE_START_DAY = dayFromYmd(2024, 1, 1);

const AANBIEDER = new Map(AANBIEDERS.map((a) => [a.agb, a]));

/** Mean share of the allocated hours/dagdelen actually delivered, per aanbieder. */
const REALISATION: Record<string, number> = {
  '99000018': 0.93, '99000026': 0.88, '99000034': 0.9, '99000050': 0.86, '99000069': 0.9, '99000093': 0.97,
  '99000115': 0.84, '99000123': 0.92, '99000131': 0.89, '99000140': 0.98,
};

interface Delivery { from: number; to: number }

/** Delivered periods per toewijzing id from the 305/307 events (corrected starts left out). */
function deliveries(ledger: LedgerResult, horizon: number): Delivery[][] {
  const out: Delivery[][] = ledger.toewijzingen.map(() => []);
  const starts = new Map<number, number[]>();
  const withdrawn = new Set<string>();
  for (const s of ledger.starts) if (s.status === '3') withdrawn.add(`${s.toewijzing}|${s.begin}`);
  for (const s of ledger.starts) {
    if (s.status !== '1' || withdrawn.has(`${s.toewijzing}|${s.begin}`)) continue;
    const list = starts.get(s.toewijzing) ?? [];
    list.push(s.begin);
    starts.set(s.toewijzing, list);
  }
  const stops = new Map<number, number[]>();
  for (const s of ledger.stops) {
    const list = stops.get(s.toewijzing) ?? [];
    list.push(s.eind);
    stops.set(s.toewijzing, list);
  }
  for (const [id, begins] of starts) {
    begins.sort((a, b) => a - b);
    const ends = (stops.get(id) ?? []).sort((a, b) => a - b);
    for (const b of begins) {
      const e = ends.find((x) => x >= b);
      out[id]!.push({ from: b, to: Math.min(e ?? NEVER, horizon) });
    }
  }
  return out;
}

function stateOn(t: Toewijzing, day: number): ToewijzingVersion | undefined {
  let s: ToewijzingVersion | undefined;
  for (const v of t.versions) if (v.day <= day) s = v;
  return s;
}

interface Pending {
  line: PrestatieLine;
  /** Chance that the gemeente rejects it, and the retour code it would give. */
  reject: string | null;
}

/** The prestatie of toewijzing t in one month, or null when nothing was delivered. */
function prestatie(t: Toewijzing, a: AanbiederDef, p: ProductDef, rng: Rng, monthStart: number, monthEnd: number, days: number, firstMonth: boolean, state: ToewijzingVersion): PrestatieLine | null {
  const periodBegin = Math.max(monthStart, state.ingang);
  const periodEnd = Math.min(monthEnd, state.eind);
  if (periodEnd < periodBegin) return null;
  const r = Math.min(1.02, Math.max(0.4, (REALISATION[a.agb] ?? 0.9) + 0.08 * rng.normal()));
  const weeks = days / 7;
  let volume = 0;
  const eenheid = p.eenheid;
  if (eenheid === '04' || eenheid === '16') {
    const perWeek = t.omvang?.volume ?? rng.int(p.volume[0], p.volume[1]);
    volume = Math.round(perWeek * weeks * r);
    if (volume === 0 && days >= 3) volume = 1;
  } else if (eenheid === '14') volume = Math.max(1, Math.round(days * Math.min(1, r + 0.03)));
  else if (eenheid === '01') {
    const total = t.omvang?.volume ?? 900;
    const months = Math.max(1, Math.round((state.eind - state.ingang + 1) / 30.44));
    volume = Math.round((total / months) * (days / 30.44) * r);
  } else if (eenheid === '82') {
    if (p.frequentie === '6' && !firstMonth) return null;
    volume = 1;
  } else if (eenheid === '84') volume = Math.round(rng.lognormal(5, 0.6) * (days / 30.44));
  if (volume <= 0) return null;
  return {
    personId: t.personId, referentie: '', nummer: t.nummer, categorie: p.categorie, code: p.code, begin: periodBegin, eind: periodEnd,
    volume, eenheid, tariefCent: p.tariefCent, bedragCent: volume * p.tariefCent, dc: 'D',
  };
}

const REJECT_CODES = ['9321', '0611', '9307', '9338', '8187'];

export function declarationMessages(ledger: LedgerResult, opts: ResolvedOptions): DemoMessage[] {
  const lastMonthEndDay = firstDayOfMonthIndex(monthIndexOfDay(opts.asOfDay)) - 1;
  const del = deliveries(ledger, lastMonthEndDay);
  const firstMi = monthIndexOfDay(DECLARATIE_START_DAY);
  const lastMi = monthIndexOfDay(lastMonthEndDay);
  // Buckets per aanbieder x month.
  const buckets = new Map<string, Pending[]>();
  for (const t of ledger.toewijzingen) {
    const a = AANBIEDER.get(t.aanbieder)!;
    if (a.uitvoeringsvariant === 'taakgericht' || t.productIdx === undefined) continue;
    const pieces = del[t.id]!;
    if (pieces.length === 0) continue;
    const p = a.products[t.productIdx]!;
    const rng = createRng(opts.seed, 'declaratie', t.id);
    const firstDelivery = pieces[0]!.from;
    const fromMi = Math.max(firstMi, monthIndexOfDay(firstDelivery));
    const toMi = Math.min(lastMi, monthIndexOfDay(Math.max(...pieces.map((x) => x.to))));
    for (let mi = fromMi; mi <= toMi; mi++) {
      const ms = firstDayOfMonthIndex(mi);
      const me = firstDayOfMonthIndex(mi + 1) - 1;
      const state = stateOn(t, Math.min(me + 10, opts.asOfDay));
      if (!state || state.redenWijziging === '13') continue;
      let days = 0;
      for (const d of pieces) {
        const lo = Math.max(d.from, ms, state.ingang);
        const hi = Math.min(d.to, me, state.eind);
        if (hi >= lo) days += hi - lo + 1;
      }
      if (days === 0) continue;
      const line = prestatie(t, a, p, rng, ms, me, days, mi === monthIndexOfDay(firstDelivery), state);
      if (!line) continue;
      line.referentie = `${t.nummer}-${mi}`;
      // Rejections: more at the late-reporting aanbieders and in the first half year of 323.
      const pReject = 0.011 * a.lateness * (mi - firstMi < 6 ? 1.8 : 1);
      const reject = rng.chance(pReject) ? REJECT_CODES[rng.weightedIndex([0.4, 0.15, 0.2, 0.15, 0.1])]! : null;
      const key = `${a.agb}|${mi}`;
      const list = buckets.get(key) ?? [];
      list.push({ line, reject });
      buckets.set(key, list);
    }
  }

  const out: DemoMessage[] = [];
  // Corrections carried over to the next month's declaratie of the same aanbieder.
  const carry = new Map<string, Pending[]>();
  for (const a of AANBIEDERS) {
    if (a.uitvoeringsvariant === 'taakgericht') continue;
    for (let mi = firstMi; mi <= lastMi; mi++) {
      const rng = createRng(opts.seed, 'declaratie-bericht', a.agb, mi);
      const own = buckets.get(`${a.agb}|${mi}`) ?? [];
      const extra = carry.get(`${a.agb}|${mi}`) ?? [];
      const items = [...extra, ...own];
      if (items.length === 0) continue;
      const monthEnd = firstDayOfMonthIndex(mi + 1) - 1;
      const day = addWorkdays(monthEnd + 1, a.lateness > 1.5 ? rng.int(4, 22) : rng.int(2, 10));
      if (day > opts.asOfDay) continue;
      items.sort((x, y) => x.line.personId - y.line.personId || x.line.nummer - y.line.nummer || x.line.begin - y.line.begin || (x.line.dc < y.line.dc ? -1 : x.line.dc > y.line.dc ? 1 : 0));
      const law = a.law;
      const prefix = law === 'wmo' ? 'WMO' : 'JW';
      const nummer = `D${2000 + Math.floor(mi / 12)}${String((mi % 12) + 1).padStart(2, '0')}`;
      const d323: DemoMessage = {
        type: `${prefix}323` as DemoMessage['type'], law, afzender: a.agb, ontvanger: GEMEENTE_CODE, identificatie: '', dagtekening: day,
        personId: items[0]!.line.personId, path: '',
        declaratie: { nummer, periodeBegin: firstDayOfMonthIndex(mi), periodeEind: monthEnd, prestaties: items.map((x) => x.line) },
      };
      out.push(d323);
      const answerDay = addWorkdays(day, rng.int(2, 10));
      if (answerDay > opts.asOfDay) continue;
      const afgewezen: PrestatieLine[] = [];
      let ingediend = 0;
      let toegekend = 0;
      for (const it of items) {
        const signed = it.line.dc === 'C' ? -it.line.bedragCent : it.line.bedragCent;
        ingediend += signed;
        if (it.reject) {
          afgewezen.push({ ...it.line, retourCodes: [it.reject] });
          // Most are declared again, corrected, with next month's declaratie.
          if (it.line.dc === 'D' && rng.chance(0.65)) {
            const volume = it.reject === '9321' ? Math.max(1, it.line.volume - 1) : it.line.volume;
            const fixed: PrestatieLine = { ...it.line, referentie: `${it.line.referentie}-R`, volume, bedragCent: volume * it.line.tariefCent };
            const k = `${a.agb}|${mi + 1}`;
            carry.set(k, [...(carry.get(k) ?? []), { line: fixed, reject: null }]);
          }
        } else {
          toegekend += signed;
          // Now and then a granted prestatie is credited and declared again with a corrected volume.
          if (it.line.dc === 'D' && !it.line.referentie.endsWith('-R') && !it.line.referentie.endsWith('-K') && it.line.volume > 2 && rng.chance(0.006)) {
            const later = mi + rng.int(1, 3);
            const credit: PrestatieLine = { ...it.line, referentie: `${it.line.referentie}-C`, vorigReferentie: it.line.referentie, dc: 'C' };
            const volume = it.line.volume - 1;
            const debet: PrestatieLine = { ...it.line, referentie: `${it.line.referentie}-K`, volume, bedragCent: volume * it.line.tariefCent };
            const k = `${a.agb}|${later}`;
            carry.set(k, [...(carry.get(k) ?? []), { line: credit, reject: null }, { line: debet, reject: null }]);
          }
        }
      }
      out.push({
        type: `${prefix}325` as DemoMessage['type'], law, afzender: GEMEENTE_CODE, ontvanger: a.agb, identificatie: '', dagtekening: answerDay,
        personId: d323.personId, path: '',
        declaratieAntwoord: { declaratie: d323, nummer, ingediendCent: ingediend, toegekendCent: toegekend, afgewezen },
      });
    }
  }
  return out;
}
