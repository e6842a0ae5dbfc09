/**
 * Assembles the message traffic from toewijzingen and start/stop events:
 * - 301 per client x aanbieder x day with every toewijzing that is changed that day plus all that
 *   are still valid on that day (OP087);
 * - 305 / 307 per client x aanbieder x Dagtekening (one StartProduct / StopProduct per event);
 * - nothing dated after asOf (TR135: Dagtekening not in the future).
 * Identificatie is a counter per sender in date order; file paths follow
 * berichten/YYYY/MM/<BERICHT>_<Afzender>_<Identificatie>.xml.
 */
import { GEMEENTE_CODE } from './catalog.js';
import { isoFromDay } from './dates.js';
import { declarationMessages } from './declarations.js';
import { requestMessages } from './requests.js';
import type { LedgerResult } from './trajectories.js';
import type {
  BerichtType,
  DemoMessage,
  Person,
  ResolvedOptions,
  StartProductLine,
  StopProductLine,
  ToegewezenProductSnapshot,
  Toewijzing,
  ToewijzingVersion,
} from './types.js';

const TYPE_ORDER: Record<BerichtType, number> = {
  WMO315: 0, JW315: 0, WMO317: 1, JW317: 1, WMO319: 2, JW319: 2, WMO301: 3, JW301: 3, WMO305: 4, JW305: 4, WMO307: 5, JW307: 5,
  WMO323: 6, JW323: 6, WMO325: 7, JW325: 7,
};

function snapshot(t: Toewijzing, v: ToewijzingVersion, answering: boolean): ToegewezenProductSnapshot {
  const s: ToegewezenProductSnapshot = {
    nummer: t.nummer,
    toewijzingsdatum: v.day,
    toewijzingstijd: v.time,
    ingang: v.ingang,
    eind: v.eind,
  };
  if (t.categorie) s.categorie = t.categorie;
  if (t.productCode) s.code = t.productCode;
  if (v.redenWijziging) s.redenWijziging = v.redenWijziging;
  if (t.omvang) s.omvang = t.omvang;
  if (t.budgetPerMonthCent !== undefined) {
    // Budget for the whole toewijzing period (changes with verlenging or verkorting).
    const months = Math.max(1, Math.round((v.eind - v.ingang + 1) / 30.44));
    s.budgetCent = Math.min(99_999_999, t.budgetPerMonthCent * months);
  }
  if (v.commentaar) s.commentaar = v.commentaar;
  // Only the 301 that answers a 315/317 names its ReferentieAanbieder (not later repeats of the state).
  if (answering && v.referentie) s.referentie = v.referentie;
  return s;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

function toewijzingMessages(toewijzingen: Toewijzing[], lastDay: number): DemoMessage[] {
  const out: DemoMessage[] = [];
  const groups = groupBy(toewijzingen, (t) => `${t.personId}|${t.aanbieder}`);
  for (const list of groups.values()) {
    list.sort((a, b) => a.nummer - b.nummer);
    const days = [...new Set(list.flatMap((t) => t.versions.map((v) => v.day)))].filter((d) => d <= lastDay).sort((a, b) => a - b);
    for (const day of days) {
      const products: ToegewezenProductSnapshot[] = [];
      for (const t of list) {
        if (t.versions[0]!.day > day) continue;
        let changed: ToewijzingVersion | undefined;
        let state: ToewijzingVersion | undefined;
        for (const v of t.versions) {
          if (v.day === day) changed = v;
          else if (v.day < day) state = v;
        }
        if (changed) products.push(snapshot(t, changed, true));
        else if (state && state.redenWijziging !== '13' && state.eind >= day) products.push(snapshot(t, state, false));
      }
      const first = list[0] as Toewijzing;
      const m: DemoMessage = {
        type: first.law === 'wmo' ? 'WMO301' : 'JW301',
        law: first.law,
        afzender: GEMEENTE_CODE,
        ontvanger: first.aanbieder,
        identificatie: '',
        dagtekening: day,
        personId: first.personId,
        path: '',
        toegewezen: products,
      };
      if (first.law === 'jeugd') {
        if (products.some((p) => p.categorie === '48')) m.juridischeStatus = '04';
        else if (products.some((p) => p.categorie === '47')) m.juridischeStatus = '12';
      }
      out.push(m);
    }
  }
  return out;
}

function startStopMessages(ledger: LedgerResult, lastDay: number): DemoMessage[] {
  const out: DemoMessage[] = [];
  const byId = ledger.toewijzingen;
  const starts = groupBy(
    ledger.starts.filter((s) => s.dagtekening <= lastDay),
    (s) => `${byId[s.toewijzing]!.personId}|${byId[s.toewijzing]!.aanbieder}|${s.dagtekening}`,
  );
  for (const list of starts.values()) {
    const t0 = byId[list[0]!.toewijzing] as Toewijzing;
    const lines: StartProductLine[] = list
      .map((s) => {
        const t = byId[s.toewijzing] as Toewijzing;
        const line: StartProductLine = { nummer: t.nummer, toewijzingIngang: t.versions[0]!.ingang, begin: s.begin, status: s.status };
        if (t.categorie) line.categorie = t.categorie;
        if (t.productCode) line.code = t.productCode;
        return line;
      })
      .sort((a, b) => (a.status === b.status ? a.nummer - b.nummer || a.begin - b.begin : a.status === '3' ? -1 : 1));
    out.push({
      type: t0.law === 'wmo' ? 'WMO305' : 'JW305', law: t0.law, afzender: t0.aanbieder, ontvanger: GEMEENTE_CODE,
      identificatie: '', dagtekening: list[0]!.dagtekening, personId: t0.personId, path: '', starts: lines,
    });
  }
  const stops = groupBy(
    ledger.stops.filter((s) => s.dagtekening <= lastDay),
    (s) => `${byId[s.toewijzing]!.personId}|${byId[s.toewijzing]!.aanbieder}|${s.dagtekening}`,
  );
  for (const list of stops.values()) {
    const t0 = byId[list[0]!.toewijzing] as Toewijzing;
    const lines: StopProductLine[] = list
      .map((s) => {
        const t = byId[s.toewijzing] as Toewijzing;
        const line: StopProductLine = { nummer: t.nummer, toewijzingIngang: t.versions[0]!.ingang, begin: s.begin, reden: s.reden, eind: s.eind };
        if (t.categorie) line.categorie = t.categorie;
        if (t.productCode) line.code = t.productCode;
        return line;
      })
      .sort((a, b) => a.nummer - b.nummer || a.eind - b.eind);
    out.push({
      type: t0.law === 'wmo' ? 'WMO307' : 'JW307', law: t0.law, afzender: t0.aanbieder, ontvanger: GEMEENTE_CODE,
      identificatie: '', dagtekening: list[0]!.dagtekening, personId: t0.personId, path: '', stops: lines,
    });
  }
  return out;
}

function firstNummer(m: DemoMessage): number {
  return m.toegewezen?.[0]?.nummer ?? m.starts?.[0]?.nummer ?? m.stops?.[0]?.nummer ?? 0;
}

/** A stable text key for messages that carry no ToewijzingNummer first (requests, answers, declaraties). */
function secondaryKey(m: DemoMessage): string {
  return m.aangevraagd?.[0]?.referentie ?? m.verzoek?.referentie ?? m.antwoord?.referentie ?? m.declaratie?.nummer ?? m.declaratieAntwoord?.nummer ?? '';
}

export function assembleMessages(ledger: LedgerResult, persons: readonly Person[], opts: ResolvedOptions): DemoMessage[] {
  // Requests first: they put the ReferentieAanbieder on the toewijzing versions that answer them.
  const requests = requestMessages(ledger, persons, opts);
  const messages = [...requests, ...toewijzingMessages(ledger.toewijzingen, opts.asOfDay), ...startStopMessages(ledger, opts.asOfDay), ...declarationMessages(ledger, opts)];
  messages.sort(
    (a, b) =>
      a.dagtekening - b.dagtekening ||
      TYPE_ORDER[a.type] - TYPE_ORDER[b.type] ||
      (a.afzender < b.afzender ? -1 : a.afzender > b.afzender ? 1 : 0) ||
      a.personId - b.personId ||
      firstNummer(a) - firstNummer(b) ||
      (secondaryKey(a) < secondaryKey(b) ? -1 : secondaryKey(a) > secondaryKey(b) ? 1 : 0),
  );
  const counters = new Map<string, number>();
  for (const m of messages) {
    const n = (counters.get(m.afzender) ?? 0) + 1;
    counters.set(m.afzender, n);
    m.identificatie = String(n).padStart(12, '0');
    const iso = isoFromDay(m.dagtekening);
    m.path = `berichten/${iso.slice(0, 4)}/${iso.slice(5, 7)}/${m.type}_${m.afzender}_${m.identificatie}.xml`;
  }
  return messages;
}
