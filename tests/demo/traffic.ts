/**
 * A minimal reading of the demo message traffic, the way an importer would see it (messages
 * only, keyed by law + ToewijzingNummer), used by the demo tests to check rates and consistency.
 * Counting rules follow shared/docs/domain.md §4: start = first 305 Begindatum, a stop with
 * reden 20 is not an end, RedenWijziging 13 means the toewijzing never existed.
 */
import type { DemoMessage, DemoModel, Law } from '../../src/demo/index.js';

export interface TrafficToewijzing {
  law: Law;
  nummer: number;
  personId: number;
  bsn: string;
  aanbieder: string;
  categorie?: string;
  removed: boolean;
  /** Latest state by Toewijzingsdatum + Toewijzingstijd. */
  ingang: string;
  eind: string;
  stamp: string;
}

export interface TrafficTrajectory {
  toewijzing: TrafficToewijzing;
  /** First Begindatum (ISO). */
  start: string;
  /** Definitive Einddatum (ISO) or null when still running. */
  end: string | null;
  endReason: string | null;
}

export interface Traffic {
  toewijzingen: Map<string, TrafficToewijzing>;
  trajectories: TrafficTrajectory[];
  problems: string[];
}

export function key(law: Law, nummer: number): string {
  return `${law}:${nummer}`;
}

export function readTraffic(model: DemoModel, categorieOf: (m: DemoMessage, agb: string) => string | undefined = () => undefined): Traffic {
  const problems: string[] = [];
  const toewijzingen = new Map<string, TrafficToewijzing>();
  const starts = new Map<string, { begin: string; status: string; dag: string }[]>();
  const stops = new Map<string, { begin: string; eind: string; reden: string; dag: string }[]>();
  const iso = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);

  for (const m of model.messages) {
    const person = model.persons[m.personId];
    if (!person) {
      problems.push(`${m.path}: unknown person`);
      continue;
    }
    if (m.toegewezen) {
      for (const t of m.toegewezen) {
        const k = key(m.law, t.nummer);
        const stamp = `${iso(t.toewijzingsdatum)}T${t.toewijzingstijd}`;
        const prev = toewijzingen.get(k);
        if (prev && (prev.personId !== m.personId || prev.aanbieder !== m.ontvanger)) problems.push(`${m.path}: toewijzing ${k} changes person or aanbieder`);
        if (prev && prev.stamp > stamp) continue;
        const categorie = t.categorie ?? categorieOf(m, m.ontvanger);
        const rec: TrafficToewijzing = {
          law: m.law, nummer: t.nummer, personId: m.personId, bsn: person.bsn, aanbieder: m.ontvanger,
          removed: t.redenWijziging === '13' || (prev?.removed ?? false), ingang: iso(t.ingang), eind: iso(t.eind), stamp,
        };
        if (categorie) rec.categorie = categorie;
        toewijzingen.set(k, rec);
      }
    }
    for (const s of m.starts ?? []) {
      const k = key(m.law, s.nummer);
      const list = starts.get(k) ?? [];
      list.push({ begin: iso(s.begin), status: s.status, dag: iso(m.dagtekening) });
      starts.set(k, list);
    }
    for (const s of m.stops ?? []) {
      const k = key(m.law, s.nummer);
      const list = stops.get(k) ?? [];
      list.push({ begin: iso(s.begin), eind: iso(s.eind), reden: s.reden, dag: iso(m.dagtekening) });
      stops.set(k, list);
    }
  }

  const trajectories: TrafficTrajectory[] = [];
  for (const [k, t] of toewijzingen) {
    if (t.removed) continue;
    const st = starts.get(k) ?? [];
    const deleted = new Set(st.filter((s) => s.status === '3').map((s) => s.begin));
    const begins = st.filter((s) => s.status === '1' && !deleted.has(s.begin)).map((s) => s.begin).sort();
    if (begins.length === 0) continue;
    const definitive = (stops.get(k) ?? []).filter((s) => s.reden !== '20').sort((a, b) => (a.eind < b.eind ? -1 : 1));
    const last = definitive[definitive.length - 1];
    trajectories.push({ toewijzing: t, start: begins[0] as string, end: last ? last.eind : null, endReason: last ? last.reden : null });
  }
  return { toewijzingen, trajectories, problems };
}

export function isActive(tr: TrafficTrajectory, date: string): boolean {
  return tr.start <= date && (tr.end === null || tr.end >= date);
}

export function ageOnIso(birthIso: string, date: string): number {
  const [by, bm, bd] = birthIso.split('-').map(Number) as [number, number, number];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
