/**
 * Requests and answers around the toewijzingen (iWmo/iJw 3.2 verzoeken):
 * - 315 verzoek om toewijzing before most jeugd toewijzingen (the huisarts, jeugdarts, medisch
 *   specialist or the rechter referred, so the aanbieder asks the gemeente) and before part of the
 *   Wmo begeleiding/dagbesteding toewijzingen (the aanbieder asks after the beschikking), answered
 *   by the 301 that names its ReferentieAanbieder, mostly within 5 werkdagen (OP274), sometimes
 *   first with a 319 "in onderzoek"; a few 315s are refused with a 319;
 * - 317 verzoek om wijziging before every product change (RedenWijziging 12, the new toewijzing and
 *   the ended one name the ReferentieAanbieder) and before part of the verlengingen (04), plus a
 *   share of requests for more volume that the gemeente refuses with a 319.
 * Everything here draws from its own random streams and only adds a ReferentieAanbieder to
 * existing toewijzing versions, so the trajectories are the same with or without requests.
 */
import { AANBIEDERS, GEMEENTE_CODE } from './catalog.js';
import { addWorkdays, previousWorkday, yearOfDay } from './dates.js';
import { createRng, type Rng } from './random.js';
import type { LedgerResult } from './trajectories.js';
import type { AangevraagdLine, DemoMessage, Law, Person, ResolvedOptions, Toewijzing, ToewijzingVersion, VerzoekLine } from './types.js';

const AANBIEDER = new Map(AANBIEDERS.map((a) => [a.agb, a]));

/** `n` werkdagen before `day` (n = 0: the last werkdag on or before `day`). */
export function subtractWorkdays(day: number, n: number): number {
  let d = previousWorkday(day);
  for (let i = 0; i < n; i++) d = previousWorkday(d - 1);
  return d;
}

/**
 * Werkdagen between a request and its answer: mostly within the 5 werkdagen of OP274, with a
 * late share that shrinks as the gemeente's toegang improves (about 28% late in 2019, 8% in 2025).
 */
export function answerDelay(rng: Rng, day: number, law: Law): number {
  const year = yearOfDay(day);
  const late = Math.max(0.07, 0.28 - 0.035 * (year - 2019)) + (law === 'jeugd' ? 0.04 : 0);
  if (rng.chance(late)) return rng.chance(0.75) ? rng.int(6, 12) : rng.int(13, 35);
  return rng.weightedIndex([0.1, 0.3, 0.25, 0.17, 0.1, 0.08]);
}

/** Share of new toewijzingen that follow a 315 (by law and category). */
function requestShare(t: Toewijzing): number {
  if (t.law === 'jeugd') return t.trajectCategorie === '47' || t.trajectCategorie === '48' ? 0.9 : 0.62;
  return t.trajectCategorie === '02' || t.trajectCategorie === '07' ? 0.35 : t.trajectCategorie === '15' ? 0.5 : 0;
}

function verwijzer(rng: Rng, t: Toewijzing): { type: string; naam?: string } {
  if (t.law === 'wmo') return { type: '01', naam: 'Sociaal team Koersdam' };
  if (t.trajectCategorie === '48' || t.trajectCategorie === '47') return { type: '08', naam: 'Rechtbank Midden-Koersland' };
  const i = rng.weightedIndex([0.62, 0.16, 0.12, 0.1]);
  return [{ type: '02', naam: 'Huisartsenpraktijk Koersdam' }, { type: '03', naam: 'JGZ Koersland' }, { type: '05', naam: 'Ziekenhuis Koersland' }, { type: '06' }][i]!;
}

interface Ctx {
  opts: ResolvedOptions;
  persons: readonly Person[];
  out: DemoMessage[];
}

function message(t: Toewijzing, kind: '315' | '317' | '319', day: number, extra: Partial<DemoMessage>): DemoMessage {
  const prefix = t.law === 'wmo' ? 'WMO' : 'JW';
  const fromGemeente = kind === '319';
  return {
    type: `${prefix}${kind}` as DemoMessage['type'],
    law: t.law,
    afzender: fromGemeente ? GEMEENTE_CODE : t.aanbieder,
    ontvanger: fromGemeente ? t.aanbieder : GEMEENTE_CODE,
    identificatie: '',
    dagtekening: day,
    personId: t.personId,
    path: '',
    ...extra,
  };
}

/** What the aanbieder asks for: the product (or only the category, or nothing) with omvang or budget. */
function requestedProduct(t: Toewijzing, v: ToewijzingVersion): Pick<AangevraagdLine, 'categorie' | 'code' | 'omvang' | 'budgetCent'> {
  const out: Pick<AangevraagdLine, 'categorie' | 'code' | 'omvang' | 'budgetCent'> = {};
  if (t.categorie) out.categorie = t.categorie;
  if (t.productCode) out.code = t.productCode;
  if (t.omvang) out.omvang = t.omvang;
  else if (t.budgetPerMonthCent !== undefined) out.budgetCent = Math.min(99_999_999, t.budgetPerMonthCent * Math.max(1, Math.round((v.eind - v.ingang + 1) / 30.44)));
  return out;
}

function refusalReason(rng: Rng, law: Law, kind: '315' | '317'): string {
  if (kind === '317') return ['2', '7', '1', '4'][rng.weightedIndex([0.4, 0.3, 0.2, 0.1])]!;
  return law === 'jeugd' ? ['7', '6', '3', '9'][rng.weightedIndex([0.45, 0.25, 0.2, 0.1])]! : ['7', '6', '3'][rng.weightedIndex([0.5, 0.3, 0.2])]!;
}

/** 315 (and 319) before a new toewijzing; sets the ReferentieAanbieder on the answering 301. */
function verzoekOmToewijzing(t: Toewijzing, ctx: Ctx): void {
  const rng = createRng(ctx.opts.seed, 'vot', t.id);
  if (!rng.chance(requestShare(t))) return;
  const first = t.versions[0]!;
  const answerDay = first.day;
  const ref = `VOT-${t.nummer}`;
  const a = AANBIEDER.get(t.aanbieder)!;
  const vw = verwijzer(rng, t);
  const line: AangevraagdLine = { referentie: ref, ingang: first.ingang, eind: first.eind, verwijzer: vw.type, ...requestedProduct(t, first) };
  if (vw.naam) line.verwijzerNaam = vw.naam;
  if (t.law === 'wmo') line.beschikkingNummer = String(3_000_000 + t.nummer - 10_000_000);
  let requestDay: number;
  if (rng.chance(0.05)) {
    // First "in onderzoek" (319 with VerzoekAntwoord 2), the toewijzing follows weeks later.
    requestDay = subtractWorkdays(answerDay, rng.int(12, 30));
    const onderzoek = addWorkdays(requestDay, rng.int(1, 5));
    if (onderzoek < answerDay && onderzoek <= ctx.opts.asOfDay) ctx.out.push(message(t, '319', onderzoek, { antwoord: { referentie: ref, antwoord: '2' } }));
  } else requestDay = subtractWorkdays(answerDay, answerDelay(rng, answerDay, t.law) * (a.lateness > 2 ? 2 : 1));
  // The referral comes before the wanted start; a 315 is never dated after asOf.
  if (requestDay > ctx.opts.asOfDay) return;
  ctx.out.push(message(t, '315', requestDay, { aangevraagd: [line] }));
  first.referentie = ref;

  // Now and then an earlier request of the same aanbieder was refused (319, VerzoekAntwoord 1).
  if (rng.chance(0.07)) {
    const refused = subtractWorkdays(requestDay, rng.int(10, 40));
    const refusedRef = `VOT-${t.nummer}-A`;
    const answer = addWorkdays(refused, answerDelay(rng, refused, t.law));
    ctx.out.push(message(t, '315', refused, { aangevraagd: [{ ...line, referentie: refusedRef }] }));
    if (answer <= ctx.opts.asOfDay) ctx.out.push(message(t, '319', answer, { antwoord: { referentie: refusedRef, antwoord: '1', reden: refusalReason(rng, t.law, '315') } }));
  }
}

function omvangOf(t: Toewijzing, v: ToewijzingVersion): { omvang?: { volume: number; eenheid: string; frequentie: string }; budgetCent?: number } {
  if (t.omvang) return { omvang: t.omvang };
  if (t.budgetPerMonthCent !== undefined) return { budgetCent: Math.min(99_999_999, t.budgetPerMonthCent * Math.max(1, Math.round((v.eind - v.ingang + 1) / 30.44))) };
  return {};
}

/** State of a toewijzing on `day` (the last version decided on or before it). */
function stateOn(t: Toewijzing, day: number): ToewijzingVersion | undefined {
  let s: ToewijzingVersion | undefined;
  for (const v of t.versions) if (v.day <= day) s = v;
  return s;
}

/** 317 before a product change: the old toewijzing ends (12), the new one starts. */
function wijzigingProductwissel(t: Toewijzing, prev: Toewijzing, ctx: Ctx): void {
  const rng = createRng(ctx.opts.seed, 'vow', t.id);
  const first = t.versions[0]!;
  const ended = prev.versions.find((v) => v.redenWijziging === '12' && v.day === first.day);
  const prevState = stateOn(prev, first.day - 1);
  if (!ended || !prevState || !t.categorie) return;
  const ref = `VOW-${t.nummer}`;
  const requestDay = subtractWorkdays(first.day, answerDelay(rng, first.day, t.law));
  if (requestDay > ctx.opts.asOfDay) return;
  const verzoek: VerzoekLine = {
    referentie: ref,
    reden: rng.chance(0.6) ? '2' : '1',
    ongewijzigd: [],
    teWijzigen: [{ nummer: prev.nummer, ingang: prevState.ingang, eind: ended.eind, ...omvangOf(prev, prevState) }],
    nieuw: [{ categorie: t.categorie, ...(t.productCode ? { code: t.productCode } : {}), ingang: first.ingang, eind: first.eind, ...omvangOf(t, first) }],
  };
  ctx.out.push(message(t, '317', requestDay, { verzoek }));
  first.referentie = ref;
  ended.referentie = ref;
}

/** 317 before part of the verlengingen (04), and refused requests for more volume. */
function wijzigingVerlenging(t: Toewijzing, ctx: Ctx): void {
  if (t.origin === 'stock' && t.versions.length < 2) return;
  const rng = createRng(ctx.opts.seed, 'vow-04', t.id);
  const share = t.law === 'jeugd' ? 0.55 : t.trajectCategorie === '02' || t.trajectCategorie === '07' || t.trajectCategorie === '15' ? 0.3 : 0;
  let k = 0;
  for (let i = 1; i < t.versions.length; i++) {
    const v = t.versions[i]!;
    if (v.redenWijziging !== '04' || v.referentie || !rng.chance(share)) continue;
    const prevState = t.versions[i - 1]!;
    const ref = `VOW-${t.nummer}-${++k}`;
    const requestDay = subtractWorkdays(v.day, answerDelay(rng, v.day, t.law));
    if (requestDay > ctx.opts.asOfDay || requestDay <= prevState.day) continue;
    ctx.out.push(message(t, '317', requestDay, {
      verzoek: { referentie: ref, reden: '2', ongewijzigd: [], teWijzigen: [{ nummer: t.nummer, ingang: prevState.ingang, eind: v.eind, ...omvangOf(t, v) }], nieuw: [] },
    }));
    v.referentie = ref;
  }
  // A request for more volume that the gemeente refuses (only where the omvang is in hours/dagdelen).
  if (t.omvang && (t.omvang.eenheid === '04' || t.omvang.eenheid === '16') && t.origin !== 'wrong' && rng.chance(t.law === 'jeugd' ? 0.06 : 0.045)) {
    const first = t.versions[0]!;
    const last = t.versions[t.versions.length - 1]!;
    const span = Math.min(last.eind, ctx.opts.asOfDay) - first.day;
    if (span < 40 || last.redenWijziging === '13') return;
    const day = addWorkdays(first.day + Math.floor(span * rng.uniform(0.2, 0.8)), 0);
    const state = stateOn(t, day);
    if (!state || state.redenWijziging === '13' || state.eind < day) return;
    const ref = `VOW-${t.nummer}-X`;
    ctx.out.push(message(t, '317', day, {
      verzoek: { referentie: ref, reden: rng.chance(0.5) ? '1' : '2', ongewijzigd: [], nieuw: [],
        teWijzigen: [{ nummer: t.nummer, ingang: state.ingang, eind: state.eind, omvang: { ...t.omvang, volume: t.omvang.volume + rng.int(1, 3) } }] },
    }));
    const answer = addWorkdays(day, answerDelay(rng, day, t.law));
    if (answer <= ctx.opts.asOfDay) ctx.out.push(message(t, '319', answer, { antwoord: { referentie: ref, antwoord: '1', reden: refusalReason(rng, t.law, '317') } }));
  }
}

/** Adds the request traffic; returns the new messages (unnumbered) and sets ReferentieAanbieder on versions. */
export function requestMessages(ledger: LedgerResult, persons: readonly Person[], opts: ResolvedOptions): DemoMessage[] {
  const ctx: Ctx = { opts, persons, out: [] };
  const byId = ledger.toewijzingen;
  for (const t of byId) {
    if (t.origin === 'intake' || t.origin === 'overstap' || t.origin === 'neverStarted') verzoekOmToewijzing(t, ctx);
    else if (t.origin === 'wijzigingsverzoek' && t.replaces !== undefined) wijzigingProductwissel(t, byId[t.replaces]!, ctx);
  }
  for (const t of byId) if (t.origin !== 'wrong') wijzigingVerlenging(t, ctx);
  return ctx.out;
}
