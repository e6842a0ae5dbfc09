/**
 * From raw care episodes (care.ts) to what the message traffic shows: toewijzingen with their
 * versions (new, verlenging 04, verkorting 05, pgb 08, overstap 09, contract end 03, VOW 12,
 * verwijderd 13, closing after a stop 02/06/14), start events (305, incl. a few corrections with
 * StatusAanlevering 3) and stop events (307, incl. temporary stops with reden 20).
 *
 * Realism rules followed here (iJw/iWmo 3.2): a 305 is never dated before its toewijzing or its
 * Begindatum, a 307 never before its Einddatum nor before the start it closes; after a temporary
 * stop either a new 305 with a new Begindatum or a definitive 307 on the same Begindatum follows;
 * a toewijzing that is extended gets its Einddatum moved before it passes (OP380).
 */
import { AGB_DE_BRUG, AGB_KINDKRACHT, CATEGORIES, END_REASONS, type AanbiederDef, type CategoryDef, type EndKind } from './catalog.js';
import { AANBIEDER_BY_AGB, chooseAanbieder, chooseProduct, type RawEpisode } from './care.js';
import { NEVER, addMonths, addWorkdays, ageOn, dayFromYmd, nextWorkday, previousWorkday } from './dates.js';
import { createRng, type Rng } from './random.js';
import type { Person, ResolvedOptions, StartEvent, StopEvent, Toewijzing, ToewijzingOrigin, ToewijzingVersion } from './types.js';

const CONTRACT_END_DE_BRUG = dayFromYmd(2025, 12, 31);

interface Segment {
  agb: string;
  productIdx: number;
  from: number;
  to: number;
  endKind: EndKind;
  /** How the toewijzing of the previous segment was ended when this one started. */
  via?: 'overstap' | 'wijzigingsverzoek' | 'contract';
}

export interface LedgerResult {
  toewijzingen: Toewijzing[];
  starts: StartEvent[];
  stops: StopEvent[];
}

export class Ledger {
  readonly toewijzingen: Toewijzing[] = [];
  readonly starts: StartEvent[] = [];
  readonly stops: StopEvent[] = [];
  /** Last day of actual delivery per toewijzing id (NEVER if open, -1 if never started). */
  readonly deliveryEnd: number[] = [];

  add(t: Omit<Toewijzing, 'id' | 'nummer'>, deliveryEnd: number): Toewijzing {
    const full: Toewijzing = { ...t, id: this.toewijzingen.length, nummer: 0 };
    this.toewijzingen.push(full);
    this.deliveryEnd.push(deliveryEnd);
    return full;
  }
}

function randomTime(rng: Rng): string {
  const seconds = rng.int(8 * 3600, 17 * 3600 + 1800);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

/** Werkdagen between the event and its 305/307 (OP271/OP272: 5 werkdagen), some late. */
function messageDelay(rng: Rng, lateness: number, kind: 'start' | 'stop'): number {
  const pLate = (kind === 'start' ? 0.1 : 0.17) * lateness;
  const u = rng.next();
  if (u < pLate * 0.35) return kind === 'start' ? rng.int(16, 60) : rng.int(21, 120);
  if (u < pLate) return rng.int(6, kind === 'start' ? 15 : 20);
  return rng.geometric(0.55, 5);
}

class EpisodeBuilder {
  private readonly rng: Rng;
  private readonly cat: CategoryDef;

  constructor(
    private readonly ep: RawEpisode,
    private readonly person: Person,
    private readonly ledger: Ledger,
    private readonly opts: ResolvedOptions,
  ) {
    this.rng = createRng(opts.seed, 'episode', ep.personId, ep.seq);
    this.cat = CATEGORIES[ep.cat] as CategoryDef;
  }

  private aanbieder(agb: string): AanbiederDef {
    return AANBIEDER_BY_AGB.get(agb) as AanbiederDef;
  }

  private allocationEnd(ingang: number): number {
    return addMonths(ingang, this.rng.pick(this.cat.allocationMonths)) - 1;
  }

  /** Creates a toewijzing at aanbieder `agb` for product `productIdx`. */
  private newToewijzing(agb: string, productIdx: number, day: number, ingang: number, eind: number, deliveryEnd: number, origin: ToewijzingOrigin, replaces?: Toewijzing | null): Toewijzing {
    const a = this.aanbieder(agb);
    const product = a.products[productIdx]!;
    const rng = this.rng;
    const t: Omit<Toewijzing, 'id' | 'nummer'> = {
      law: a.law,
      personId: this.ep.personId,
      aanbieder: agb,
      versions: [{ day, time: randomTime(rng), ingang, eind }],
      trajectCategorie: product.categorie,
      origin,
      productIdx,
    };
    if (replaces) t.replaces = replaces.id;
    if (a.toewijzingsvariant === 'specifiek') {
      t.categorie = product.categorie;
      t.productCode = product.code;
      t.omvang = { volume: rng.int(product.volume[0], product.volume[1]), eenheid: product.eenheid, frequentie: product.frequentie };
    } else {
      if (a.toewijzingsvariant === 'aspecifiek') t.categorie = product.categorie;
      const [lo, hi] = a.budgetPerYearCent ?? [100000, 500000];
      t.budgetPerMonthCent = Math.round(rng.int(lo, hi) / 12 / 100) * 100;
    }
    return this.ledger.add(t, deliveryEnd);
  }

  private addVersion(t: Toewijzing, day: number, eind: number, redenWijziging: string, commentaar?: string): void {
    const last = t.versions[t.versions.length - 1] as ToewijzingVersion;
    const d = Math.max(day, last.day);
    const v: ToewijzingVersion = { day: d, time: randomTime(this.rng), ingang: last.ingang, eind: Math.max(eind, last.ingang), redenWijziging };
    if (redenWijziging === '13') v.eind = last.ingang;
    if (commentaar) v.commentaar = commentaar;
    // Same-day changes replace each other: the last one of the day is what the 301 carries.
    if (d === last.day && t.versions.length > 1) t.versions[t.versions.length - 1] = v;
    else t.versions.push(v);
  }

  private currentEnd(t: Toewijzing): number {
    return (t.versions[t.versions.length - 1] as ToewijzingVersion).eind;
  }

  private otherAanbieder(exclude: string, day: number): string | null {
    return chooseAanbieder(this.rng, this.cat, day, exclude);
  }

  build(): void {
    const ep = this.ep;
    const rng = this.rng;
    const law = ep.law;
    let agb = ep.aanbieder;
    let productIdx = ep.productIdx;
    let tDay = ep.toewijzingsdatum;
    let ingang = ep.ingang;
    let begin = ep.begin;
    let end = ep.end;
    const personCut = ep.endKind === 'overlijden' || ep.endKind === 'extern' || (law === 'wmo' && ep.endKind === 'anderDomein');

    if (ep.cancelled) {
      // Toewijzing issued, but the client died, moved away or went to the Wlz before the start.
      if (tDay > end) return;
      const t = this.newToewijzing(agb, productIdx, tDay, ingang, this.allocationEnd(ingang), -1, 'intake');
      const closeDay = addWorkdays(end, rng.int(2, 15));
      if (ep.endKind === 'overlijden') this.addVersion(t, closeDay, Math.max(ingang, end), '02');
      else if (ep.endKind === 'anderDomein') this.addVersion(t, closeDay, Math.max(ingang, end), '06');
      return;
    }

    if (!ep.stock) {
      // A toewijzing sent by mistake (wrong product or aanbieder), removed with RedenWijziging 13.
      if (rng.chance(0.015)) {
        const a = this.aanbieder(agb);
        const otherProduct = chooseProduct(rng, a, a.products[productIdx]!.categorie, productIdx);
        const wrongAgb = otherProduct >= 0 ? agb : this.otherAanbieder(agb, tDay);
        if (wrongAgb) {
          const wrongProduct = otherProduct >= 0 ? otherProduct : chooseProduct(rng, this.aanbieder(wrongAgb), this.cat.code);
          if (wrongProduct >= 0) {
            const wrong = this.newToewijzing(wrongAgb, wrongProduct, tDay, ingang, this.allocationEnd(ingang), -1, 'wrong');
            const removeDay = addWorkdays(tDay, rng.int(1, 8));
            this.addVersion(wrong, removeDay, ingang, '13', 'Toewijzing ten onrechte verstuurd');
            tDay = removeDay;
            if (begin < tDay) begin = tDay;
            // Care that ended before the right toewijzing could go out never starts (as below).
            if (end < begin) return;
          }
        }
      }
      // A toewijzing that never starts; the client often goes to another aanbieder instead.
      if (rng.chance(0.025)) {
        const t = this.newToewijzing(agb, productIdx, tDay, ingang, this.allocationEnd(ingang), -1, 'neverStarted');
        const other = this.otherAanbieder(agb, tDay);
        if (!other || !rng.chance(0.55)) return;
        const switchDay = addWorkdays(tDay, rng.int(10, 30));
        if (rng.chance(0.5)) this.addVersion(t, switchDay, Math.max(ingang, switchDay - 1), '09');
        const shift = switchDay - tDay;
        agb = other;
        productIdx = chooseProduct(rng, this.aanbieder(agb), this.cat.code);
        if (productIdx < 0) return;
        tDay = switchDay;
        ingang = switchDay + rng.int(0, 5);
        begin = ingang + rng.int(this.cat.waitDays[0], this.cat.waitDays[1]);
        if (!personCut && end !== NEVER) end += shift;
        if (end < begin) return;
      }
    }

    const segments = this.segments(agb, productIdx, begin, end, ep.endKind);
    let previous: Toewijzing | null = null;
    for (let i = 0; i < segments.length; i++) {
      const seg = segments[i] as Segment;
      let t: Toewijzing;
      if (i === 0) {
        const allocEnd = this.allocationEnd(ingang);
        t = this.newToewijzing(seg.agb, seg.productIdx, tDay, ingang, allocEnd, seg.to, ep.stock ? 'stock' : 'intake');
      } else {
        const prevSeg = segments[i - 1] as Segment;
        const issue = Math.max(previousWorkday(Math.max(prevSeg.from, seg.from - rng.int(1, 12))), nextWorkday(tDay + 1));
        t = this.newToewijzing(seg.agb, seg.productIdx, issue, seg.from, this.allocationEnd(seg.from), seg.to, seg.via ?? 'intake', previous);
        if (previous) {
          const reden = seg.via === 'overstap' ? '09' : seg.via === 'wijzigingsverzoek' ? '12' : '03';
          const comment = seg.via === 'contract' ? 'Contract aanbieder beeindigd per 1 januari 2026' : undefined;
          this.addVersion(previous, issue, prevSeg.to, reden, comment);
        }
      }
      this.deliver(t, seg);
      previous = t;
    }
  }

  /** Splits the delivery into pieces per toewijzing (overstap 38, VOW 37, contract end De Brug). */
  private segments(agb: string, productIdx: number, begin: number, end: number, endKind: EndKind): Segment[] {
    const rng = this.rng;
    const horizon = this.opts.asOfDay + 365;
    const span = Math.min(end, horizon) - begin;
    let segs: Segment[] = [{ agb, productIdx, from: begin, to: end, endKind }];
    if (span > 75) {
      const x = begin + Math.floor(span * rng.uniform(0.25, 0.7));
      const other = this.cat.overstap > 0 && rng.chance(this.cat.overstap) ? this.otherAanbieder(agb, x) : null;
      const a = this.aanbieder(agb);
      const altProduct = !other && rng.chance(this.cat.productChange) ? chooseProduct(rng, a, this.cat.code, productIdx) : -1;
      if (other || altProduct >= 0) {
        const nextFrom = x + 1 + (other && rng.chance(0.3) ? rng.int(1, 14) : 0);
        const afterContract = (other ?? agb) === AGB_DE_BRUG && nextFrom > CONTRACT_END_DE_BRUG;
        if (nextFrom < Math.min(end, horizon) && !afterContract) {
          const nextAgb = other ?? agb;
          const nextProduct = other ? chooseProduct(rng, this.aanbieder(other), this.cat.code) : altProduct;
          if (nextProduct >= 0) {
            segs = [
              { agb, productIdx, from: begin, to: x, endKind: other ? 'overstap' : 'wijzigingsverzoek' },
              { agb: nextAgb, productIdx: nextProduct, from: nextFrom, to: end, endKind, via: other ? 'overstap' : 'wijzigingsverzoek' },
            ];
          }
        }
      }
    }
    // The gemeente ended the contract with De Brug: running clients move to Kindkracht on 1 January 2026.
    const out: Segment[] = [];
    for (const s of segs) {
      if (s.agb === AGB_DE_BRUG && s.from <= CONTRACT_END_DE_BRUG && s.to > CONTRACT_END_DE_BRUG) {
        const kk = this.aanbieder(AGB_KINDKRACHT);
        const p = chooseProduct(rng, kk, this.cat.code);
        out.push({ ...s, to: CONTRACT_END_DE_BRUG, endKind: 'gemeente' });
        out.push({ agb: AGB_KINDKRACHT, productIdx: p, from: CONTRACT_END_DE_BRUG + 1, to: s.to, endKind: s.endKind, via: 'contract' });
      } else out.push(s);
    }
    return out;
  }

  /** Start, temporary stops, changes to the toewijzing and the final stop of one segment. */
  private deliver(t: Toewijzing, seg: Segment): void {
    const rng = this.rng;
    const a = this.aanbieder(seg.agb);
    const H = this.opts.asOfDay;
    const law = this.ep.law;
    const created = t.versions[0]!.day;
    const months = this.cat.allocationMonths;

    // Verlenging (RedenWijziging 04) before the Einddatum passes, as long as care continues.
    const target = seg.to === NEVER ? H + 30 : seg.to;
    let guard = 0;
    while (this.currentEnd(t) < target && guard++ < 40) {
      const e = this.currentEnd(t);
      const last = t.versions[t.versions.length - 1]!.day;
      let d = previousWorkday(e - rng.int(10, 40));
      if (d <= last) d = nextWorkday(last + 1);
      if (d > e) d = e;
      this.addVersion(t, d, addMonths(e + 1, rng.pick(months)) - 1, '04');
    }

    // Start (305), sometimes first reported with a wrong Begindatum and corrected (StatusAanlevering 3).
    let begin = seg.from;
    let startDag = Math.max(addWorkdays(begin, messageDelay(rng, a.lateness, 'start')), created);
    if (rng.chance(0.005) && (seg.to === NEVER || seg.to - begin > 60)) {
      const wrong = begin + rng.int(5, 20);
      const wrongDag = Math.max(addWorkdays(wrong, rng.int(0, 3)), created);
      this.ledger.starts.push({ toewijzing: t.id, begin: wrong, dagtekening: wrongDag, status: '1' });
      const fix = addWorkdays(wrongDag, rng.int(3, 20));
      this.ledger.starts.push({ toewijzing: t.id, begin: wrong, dagtekening: fix, status: '3' });
      startDag = fix;
    }
    this.ledger.starts.push({ toewijzing: t.id, begin, dagtekening: startDag, status: '1' });
    let lastDag = startDag;

    // Temporary stop (reden 20), e.g. a hospital stay, then a new start or a definitive stop.
    const age = ageOn(begin, this.person.birthY, this.person.birthM, this.person.birthD);
    const to = seg.to === NEVER ? H + 365 : seg.to;
    if (this.cat.tempStop > 0 && (law === 'jeugd' || age >= 65) && to - begin > 60 && rng.chance(this.cat.tempStop)) {
      const d1 = begin + Math.floor((to - begin) * rng.uniform(0.15, 0.8));
      const d2 = d1 + rng.int(10, 70);
      const dag1 = Math.max(addWorkdays(d1, messageDelay(rng, a.lateness, 'stop')), lastDag);
      this.ledger.stops.push({ toewijzing: t.id, begin, eind: d1, reden: END_REASONS[law].tijdelijk, dagtekening: dag1 });
      lastDag = dag1;
      if (d2 <= seg.to) {
        const dag2 = Math.max(addWorkdays(d2, messageDelay(rng, a.lateness, 'start')), lastDag);
        this.ledger.starts.push({ toewijzing: t.id, begin: d2, dagtekening: dag2, status: '1' });
        lastDag = dag2;
        begin = d2;
      }
    }

    if (seg.to === NEVER) return;

    // The gemeente ends the toewijzing itself (pgb 08 or herbeoordeling 05); the aanbieder stops with 36.
    if (seg.endKind === 'gemeente' && seg.via === undefined && !(seg.agb === AGB_DE_BRUG && seg.to === CONTRACT_END_DE_BRUG)) {
      const d = previousWorkday(seg.to - rng.int(14, 35));
      if (d > t.versions[t.versions.length - 1]!.day) this.addVersion(t, d, seg.to, rng.chance(0.5) ? '08' : '05');
    }
    // Herbeoordeling verkorting (05) shortly before a planned end.
    if (seg.endKind === 'volgensPlan' && this.currentEnd(t) > seg.to + 30 && rng.chance(0.25)) {
      const d = previousWorkday(seg.to - rng.int(10, 40));
      if (d > t.versions[t.versions.length - 1]!.day && d > begin) this.addVersion(t, d, seg.to, '05');
    }

    const stopDag = Math.max(addWorkdays(seg.to, messageDelay(rng, a.lateness, 'stop')), lastDag);
    this.ledger.stops.push({ toewijzing: t.id, begin, eind: seg.to, reden: END_REASONS[law][seg.endKind], dagtekening: stopDag });

    // The gemeente closes the toewijzing after the stop (02 overleden, 06 ander domein, 14 correctie).
    if (this.currentEnd(t) > seg.to && seg.endKind !== 'overstap' && seg.endKind !== 'wijzigingsverzoek') {
      const closeDay = addWorkdays(stopDag, rng.int(0, 10));
      if (seg.endKind === 'overlijden' && rng.chance(0.9)) this.addVersion(t, closeDay, seg.to, '02');
      else if (seg.endKind === 'anderDomein' && rng.chance(0.7)) this.addVersion(t, closeDay, seg.to, '06');
      else if (seg.endKind !== 'extern' && seg.endKind !== 'gemeente' && rng.chance(0.3)) this.addVersion(t, closeDay, seg.to, '14');
    }
  }
}

/**
 * The same product at the same aanbieder may only appear again in a 301 when the earlier
 * toewijzing is no longer valid (TR302). When a new one is issued while the earlier is still
 * open (its 307 may not even have arrived), the gemeente shortens the earlier one that same day.
 */
function closeOverlaps(ledger: Ledger): void {
  const groups = new Map<string, Toewijzing[]>();
  for (const t of ledger.toewijzingen) {
    const key = `${t.personId}|${t.aanbieder}|${t.productCode ?? t.categorie ?? '-'}`;
    const list = groups.get(key);
    if (list) list.push(t);
    else groups.set(key, [t]);
  }
  for (const list of groups.values()) {
    if (list.length < 2) continue;
    list.sort((x, y) => x.versions[0]!.day - y.versions[0]!.day || x.id - y.id);
    for (let i = 1; i < list.length; i++) {
      const next = list[i] as Toewijzing;
      const nextDay = next.versions[0]!.day;
      const nextIngang = next.versions[0]!.ingang;
      for (let j = 0; j < i; j++) {
        const prev = list[j] as Toewijzing;
        let stateIdx = -1;
        prev.versions.forEach((v, idx) => {
          if (v.day <= nextDay) stateIdx = idx;
        });
        const state = prev.versions[stateIdx];
        if (!state || state.redenWijziging === '13' || state.eind < nextIngang) continue;
        const eind = Math.max(state.ingang, nextIngang - 1);
        if (eind >= nextIngang) continue;
        const v: ToewijzingVersion = { day: nextDay, time: next.versions[0]!.time, ingang: state.ingang, eind, redenWijziging: '05' };
        if (state.day === nextDay && stateIdx > 0) prev.versions[stateIdx] = v;
        else prev.versions.splice(stateIdx + 1, 0, v);
        // Later changes never extend it beyond the new toewijzing again.
        for (let k = stateIdx + 1; k < prev.versions.length; k++) {
          const later = prev.versions[k] as ToewijzingVersion;
          if (later.eind > eind) later.eind = eind;
        }
      }
    }
  }
}

/** ToewijzingNummers per law in order of first Toewijzingsdatum (unique per law, OP275). */
function numberToewijzingen(ledger: Ledger): void {
  const order = [...ledger.toewijzingen].sort(
    (a, b) => a.versions[0]!.day - b.versions[0]!.day || a.versions[0]!.time.localeCompare(b.versions[0]!.time) || a.id - b.id,
  );
  let wmo = 0;
  let jeugd = 0;
  for (const t of order) t.nummer = t.law === 'wmo' ? 10_000_001 + wmo++ : 20_000_001 + jeugd++;
}

export function buildTrajectories(episodes: RawEpisode[], persons: Person[], opts: ResolvedOptions): LedgerResult {
  const ledger = new Ledger();
  for (const ep of episodes) new EpisodeBuilder(ep, persons[ep.personId] as Person, ledger, opts).build();
  closeOverlaps(ledger);
  numberToewijzingen(ledger);
  return { toewijzingen: ledger.toewijzingen, starts: ledger.starts, stops: ledger.stops };
}
