import { addDays, type IsoDate } from './dates.js';

/**
 * The trajectory builder: from the message facts of one person (every 301 version and every
 * 305/307 record) to trajectories, following the counting rules in indicators.md / domain.md §4.
 * Pure and order-independent: the result depends only on the set of records, never on the order
 * in which they arrived, and re-adding a record changes nothing.
 */

export interface ToewijzingFact {
  law: string;
  toewijzingNummer: string;
  agbCode: string;
  categoryCode: string | null;
  productCode: string | null;
  toewijzingsdatum: IsoDate;
  toewijzingstijd: string; // HH:MM:SS
  ingangsdatum: IsoDate;
  einddatum: IsoDate | null;
  redenWijziging: string | null;
  dagtekening: IsoDate;
  /** Tie-breaker between versions with equal dates (message identification). */
  messageKey: string;
}

export interface DeliveryFact {
  kind: 'start' | 'stop';
  law: string;
  /** null for a start/stop without ToewijzingNummer (taakgericht, IV096): linked by matchToewijzing. */
  toewijzingNummer: string | null;
  agbCode: string;
  categoryCode: string | null;
  /** Product code as delivered (used to link a start/stop without ToewijzingNummer). */
  productCode?: string | null;
  /** ToewijzingIngangsdatum as delivered (prefers that toewijzing when several fit). */
  toewijzingIngangsdatum?: IsoDate | null;
  /** Identifies the stored record (message id and position), echoed in `links`. */
  recordKey?: string;
  begindatum: IsoDate;
  einddatum: IsoDate | null;
  redenBeeindiging: string | null;
  statusAanlevering: string; // 1 eerste, 2 gewijzigde, 3 verwijderen
  dagtekening: IsoDate;
  messageKey: string;
}

export interface Trajectory {
  law: string;
  categoryCode: string; // '' when unknown (generiek toewijzing without product)
  agbCode: string;
  startDate: IsoDate;
  endDate: IsoDate | null;
  endReason: string | null;
  endSource: '307' | 'toewijzing_einddatum' | null;
  firstToewijzingsdatum: IsoDate | null;
  toewijzingNummers: string[];
}

export interface AllocationWithoutStart {
  law: string;
  toewijzingNummer: string;
  agbCode: string;
  categoryCode: string | null;
  toewijzingsdatum: IsoDate;
  ingangsdatum: IsoDate;
  einddatum: IsoDate | null;
}

/** How a start/stop without ToewijzingNummer was linked to a toewijzing (or why it could not be). */
export interface DeliveryLink {
  recordKey: string;
  kind: 'start' | 'stop';
  law: string;
  agbCode: string;
  begindatum: IsoDate;
  /** The toewijzing it was linked to, or null. */
  toewijzingNummer: string | null;
  /** Dutch reason when it could not be linked. */
  reason: string | null;
}

export const REDEN_WIJZIGING_VERWIJDERD = '13';
/** 01 "administratieve correctie (vervallen)": no longer to be used, but old traffic has it. */
export const REDEN_WIJZIGING_VERVALLEN = '01';
export const REDEN_TIJDELIJK = '20';

/**
 * A toewijzing that counts as never sent (OP087): RedenWijziging 13 (verwijderd), or 01 with
 * einddatum = ingangsdatum (the old way to withdraw). RedenWijziging 14 (administratieve correctie)
 * is an ordinary new version: the latest version wins, whatever it corrects.
 */
export function isRemovedToewijzing(t: Pick<ToewijzingFact, 'redenWijziging' | 'ingangsdatum' | 'einddatum'>): boolean {
  return t.redenWijziging === REDEN_WIJZIGING_VERWIJDERD || (t.redenWijziging === REDEN_WIJZIGING_VERVALLEN && t.einddatum === t.ingangsdatum);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The version of a toewijzing that counts: the latest by toewijzingsdatum+tijd, then dagtekening. */
export function currentToewijzingen(facts: readonly ToewijzingFact[]): Map<string, ToewijzingFact> {
  const byKey = new Map<string, ToewijzingFact>();
  for (const f of facts) {
    const key = `${f.law}|${f.toewijzingNummer}`;
    const prev = byKey.get(key);
    if (!prev || versionOrder(f, prev) > 0) byKey.set(key, f);
  }
  return byKey;
}

function versionOrder(a: ToewijzingFact, b: ToewijzingFact): number {
  return cmp(a.toewijzingsdatum, b.toewijzingsdatum) || cmp(a.toewijzingstijd, b.toewijzingstijd) || cmp(a.dagtekening, b.dagtekening) || cmp(a.messageKey, b.messageKey);
}

function factOrder(a: DeliveryFact, b: DeliveryFact): number {
  return cmp(a.dagtekening, b.dagtekening) || cmp(a.messageKey, b.messageKey) || cmp(a.statusAanlevering, b.statusAanlevering);
}

interface Piece {
  law: string;
  categoryCode: string;
  agbCode: string;
  start: IsoDate;
  end: IsoDate | null;
  endReason: string | null;
  endSource: Trajectory['endSource'];
  temporary: boolean; // ended with reden 20 and nothing definitive yet
  toewijzingsdatum: IsoDate | null;
  nummer: string;
}

/**
 * Links a start/stop without ToewijzingNummer (taakgericht, keyed by Product + Begindatum) to one of
 * the person's current, not removed toewijzingen. Koers rule (docs/formats.md):
 * - same law and aanbieder (AGB), same Categorie (both empty = a generiek toewijzing), and the
 *   toewijzing's productcode equals the delivered one or the toewijzing has none (aspecifiek);
 * - the toewijzing's period (Ingangsdatum … Einddatum, inclusive; no Einddatum = open) covers the
 *   Begindatum of the delivery (for a stop too: the Begindatum names the delivery it ends);
 * - when several fit: the one whose Ingangsdatum equals the delivered ToewijzingIngangsdatum, then an
 *   exact productcode over a category-only toewijzing, then the latest Ingangsdatum, then the highest
 *   ToewijzingNummer.
 * Depends only on the set of toewijzingen, so the result does not depend on arrival order.
 */
export function matchToewijzing(
  d: Pick<DeliveryFact, 'law' | 'agbCode' | 'categoryCode' | 'productCode' | 'begindatum' | 'toewijzingIngangsdatum'>,
  candidates: Iterable<ToewijzingFact>,
): { toewijzingNummer: string; reason: null } | { toewijzingNummer: null; reason: string } {
  const cat = d.categoryCode ?? null;
  const code = d.productCode ?? null;
  const forProduct = [...candidates].filter((t) => t.law === d.law && t.agbCode === d.agbCode && (t.categoryCode ?? null) === cat
    && (t.productCode === null || t.productCode === code) && !isRemovedToewijzing(t));
  const product = cat === null ? 'zonder product (generiek)' : `voor product ${cat}${code ? `/${code}` : ''}`;
  if (!forProduct.length) return { toewijzingNummer: null, reason: `geen toewijzing van deze aanbieder ${product}` };
  const covering = forProduct.filter((t) => t.ingangsdatum <= d.begindatum && (t.einddatum === null || d.begindatum <= t.einddatum));
  if (!covering.length) return { toewijzingNummer: null, reason: `wel een toewijzing van deze aanbieder ${product}, maar geen die loopt op de begindatum ${d.begindatum}` };
  const wanted = d.toewijzingIngangsdatum ?? null;
  covering.sort((a, b) => Number(b.ingangsdatum === wanted) - Number(a.ingangsdatum === wanted)
    || Number(b.productCode !== null) - Number(a.productCode !== null)
    || cmp(b.ingangsdatum, a.ingangsdatum) || cmp(b.toewijzingNummer, a.toewijzingNummer));
  return { toewijzingNummer: covering[0]!.toewijzingNummer, reason: null };
}

/**
 * Builds the trajectories of one person. `asOf` is the date up to which data is known: a
 * toewijzing whose einddatum lies before it, with no 305 after its last stop, has ended.
 */
export function buildTrajectories(
  toewijzingen: readonly ToewijzingFact[],
  deliveries: readonly DeliveryFact[],
  asOf: IsoDate,
): { trajectories: Trajectory[]; notStarted: AllocationWithoutStart[]; links: DeliveryLink[] } {
  const current = currentToewijzingen(toewijzingen);
  const removed = new Set<string>();
  for (const [key, t] of current) if (isRemovedToewijzing(t)) removed.add(key);

  // A start/stop without ToewijzingNummer is linked to a toewijzing first; unlinked ones make no trajectory.
  const links: DeliveryLink[] = [];
  const linked: (DeliveryFact & { toewijzingNummer: string })[] = [];
  for (const d of deliveries) {
    if (d.toewijzingNummer !== null) { linked.push(d as DeliveryFact & { toewijzingNummer: string }); continue; }
    const m = matchToewijzing(d, current.values());
    links.push({ recordKey: d.recordKey ?? d.messageKey, kind: d.kind, law: d.law, agbCode: d.agbCode, begindatum: d.begindatum, toewijzingNummer: m.toewijzingNummer, reason: m.reason });
    if (m.toewijzingNummer !== null) linked.push({ ...d, toewijzingNummer: m.toewijzingNummer });
  }
  links.sort((a, b) => cmp(a.recordKey, b.recordKey));

  // Latest start and latest stop record per delivery period (law, nummer, begindatum).
  const starts = new Map<string, DeliveryFact & { toewijzingNummer: string }>();
  const stops = new Map<string, DeliveryFact & { toewijzingNummer: string }>();
  for (const d of linked) {
    if (removed.has(`${d.law}|${d.toewijzingNummer}`)) continue;
    const key = `${d.law}|${d.toewijzingNummer}|${d.begindatum}`;
    const map = d.kind === 'start' ? starts : stops;
    const prev = map.get(key);
    if (!prev || factOrder(d, prev) > 0) map.set(key, d);
  }

  const pieces: Piece[] = [];
  const started = new Set<string>();
  for (const key of new Set([...starts.keys(), ...stops.keys()])) {
    const start = starts.get(key);
    const stop = stops.get(key);
    const startLive = start && start.statusAanlevering !== '3' ? start : undefined;
    const stopLive = stop && stop.statusAanlevering !== '3' ? stop : undefined;
    if (!startLive && !stopLive) continue; // the delivery was withdrawn
    if (start && start.statusAanlevering === '3' && (!stopLive || factOrder(stopLive, start) < 0)) continue; // start withdrawn after the stop
    const ref = (startLive ?? stopLive)!;
    const t = current.get(`${ref.law}|${ref.toewijzingNummer}`);
    started.add(`${ref.law}|${ref.toewijzingNummer}`);
    const temporary = stopLive?.redenBeeindiging === REDEN_TIJDELIJK;
    pieces.push({
      law: ref.law,
      categoryCode: t?.categoryCode ?? ref.categoryCode ?? stopLive?.categoryCode ?? '',
      agbCode: t?.agbCode ?? ref.agbCode,
      start: ref.begindatum,
      end: stopLive?.einddatum ?? null,
      endReason: stopLive?.redenBeeindiging ?? null,
      endSource: stopLive ? '307' : null,
      temporary,
      toewijzingsdatum: t?.toewijzingsdatum ?? null,
      nummer: ref.toewijzingNummer,
    });
  }

  const notStarted: AllocationWithoutStart[] = [];
  for (const [key, t] of current) {
    if (removed.has(key) || started.has(key)) continue;
    notStarted.push({ law: t.law, toewijzingNummer: t.toewijzingNummer, agbCode: t.agbCode, categoryCode: t.categoryCode, toewijzingsdatum: t.toewijzingsdatum, ingangsdatum: t.ingangsdatum, einddatum: t.einddatum });
  }
  notStarted.sort((a, b) => cmp(a.law, b.law) || cmp(a.toewijzingNummer, b.toewijzingNummer));

  // Merge per trajectory key: overlapping or adjacent pieces (next start <= previous end + 1 day),
  // and pieces that follow a temporary stop (reden 20) whatever the gap.
  const groups = new Map<string, Piece[]>();
  for (const p of pieces) {
    const key = `${p.law}|${p.categoryCode}|${p.agbCode}`;
    (groups.get(key) ?? groups.set(key, []).get(key)!).push(p);
  }
  const trajectories: Trajectory[] = [];
  for (const group of groups.values()) {
    group.sort((a, b) => cmp(a.start, b.start) || cmp(a.end ?? '9999', b.end ?? '9999') || cmp(a.nummer, b.nummer));
    let cur: (Piece & { nummers: Set<string>; firstToewijzingsdatum: IsoDate | null }) | null = null;
    const flush = () => { if (cur) trajectories.push(finish(cur, current, asOf)); };
    for (const p of group) {
      if (cur && (cur.end === null || cur.temporary || p.start <= addDays(cur.end, 1))) {
        if (cur.end !== null && (p.end === null || p.end >= cur.end)) {
          cur.end = p.end; cur.endReason = p.endReason; cur.endSource = p.endSource; cur.temporary = p.temporary;
        }
        cur.nummers.add(p.nummer);
        if (p.toewijzingsdatum && (!cur.firstToewijzingsdatum || p.toewijzingsdatum < cur.firstToewijzingsdatum)) cur.firstToewijzingsdatum = p.toewijzingsdatum;
      } else {
        flush();
        cur = { ...p, nummers: new Set([p.nummer]), firstToewijzingsdatum: p.toewijzingsdatum };
      }
    }
    flush();
  }
  trajectories.sort((a, b) => cmp(a.law, b.law) || cmp(a.categoryCode, b.categoryCode) || cmp(a.agbCode, b.agbCode) || cmp(a.startDate, b.startDate));
  return { trajectories, notStarted, links };
}

function finish(
  p: Piece & { nummers: Set<string>; firstToewijzingsdatum: IsoDate | null },
  current: Map<string, ToewijzingFact>,
  asOf: IsoDate,
): Trajectory {
  let { end, endReason, endSource } = p;
  if (end === null || p.temporary) {
    // No definitive 307: the trajectory ends when every toewijzing behind it has passed its einddatum.
    let lastEinddatum: IsoDate | null = null;
    let open = false;
    for (const n of p.nummers) {
      const t = current.get(`${p.law}|${n}`);
      if (!t || t.einddatum === null) { open = true; break; }
      if (!lastEinddatum || t.einddatum > lastEinddatum) lastEinddatum = t.einddatum;
    }
    if (!open && lastEinddatum && lastEinddatum < asOf && lastEinddatum >= p.start) {
      end = lastEinddatum; endReason = null; endSource = 'toewijzing_einddatum';
    } else {
      end = null; endReason = null; endSource = null;
    }
  }
  return {
    law: p.law,
    categoryCode: p.categoryCode,
    agbCode: p.agbCode,
    startDate: p.start,
    endDate: end,
    endReason,
    endSource,
    firstToewijzingsdatum: p.firstToewijzingsdatum,
    toewijzingNummers: [...p.nummers].sort(),
  };
}
