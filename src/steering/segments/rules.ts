/**
 * The segment and flow rules of the 80/15/5 pyramid as small pure functions (docs/segments.md).
 * The database applies the same rules in SQL (the indicator compiler's person_period CTE and
 * compute.ts); these functions are the specification the unit and property tests check, and the
 * integration tests check the SQL against hand-computed numbers built from them.
 */

/** A gemeente's thresholds and target (segment_config; absent = DEFAULT_SEGMENT_CONFIG). */
export interface SegmentConfig {
  /** kwetsbaar: provisions under at least this many laws in the period. */
  minLaws: number;
  /** kwetsbaar: any residential provision (verblijf, beschermd wonen). */
  residential: boolean;
  /** The latest ZRM within this many months up to the end of the period counts. */
  zrmMonths: number;
  /** kwetsbaar: that ZRM scores at most this on a basisvoorwaarde. */
  zrmMaxScore: number;
  /** The vision's target shares in percent (add up to 100). */
  target: { zelfredzaam: number; licht: number; kwetsbaar: number };
}

/** Today's catalogue rule and the 80/15/5 vision. */
export const DEFAULT_SEGMENT_CONFIG: SegmentConfig = { minLaws: 2, residential: true, zrmMonths: 12, zrmMaxScore: 2, target: { zelfredzaam: 80, licht: 15, kwetsbaar: 5 } };

export type Segment = 'zelfredzaam' | 'licht' | 'kwetsbaar';
export type FlowFrom = Segment | 'instroom';
export type FlowTo = Segment | 'vertrokken' | 'overleden';
export const SEGMENTS: readonly Segment[] = ['zelfredzaam', 'licht', 'kwetsbaar'];
export const FLOW_FROM: readonly FlowFrom[] = ['instroom', 'zelfredzaam', 'licht', 'kwetsbaar'];
export const FLOW_TO: readonly FlowTo[] = ['zelfredzaam', 'licht', 'kwetsbaar', 'vertrokken', 'overleden'];

/** The basisvoorwaarden of the ZRM (werk/dagbesteding = the better of werk_opleiding and tijdsbesteding). */
export const BASISVOORWAARDEN = ['werk', 'huisvesting', 'financien', 'sociaal_netwerk'] as const;
export type Basisvoorwaarde = (typeof BASISVOORWAARDEN)[number];

export type Law = 'wmo' | 'jeugd' | 'pwet' | 'schuldhulp';
export interface Provision { law: Law; start: string; end: string | null; residential?: boolean }
/** One ZRM assessment: its date and scores per domain (domain names as in zrm_assessment). */
export interface ZrmAssessment { date: string; scores: Record<string, number> }

const overlaps = (p: Provision, from: string, to: string) => p.start <= to && (p.end === null || p.end >= from);

function monthsBefore(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const ny = Math.floor(total / 12), nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The latest assessment within `months` before `end` (inclusive of end, exclusive of the start). */
export function latestZrm(assessments: readonly ZrmAssessment[], end: string, months: number): ZrmAssessment | null {
  const from = monthsBefore(end, months);
  return assessments.filter((a) => a.date <= end && a.date > from).sort((a, b) => (a.date < b.date ? 1 : -1))[0] ?? null;
}

/** Which basisvoorwaarden are not in order (score at or below maxScore) in an assessment. */
export function weakBasisvoorwaarden(a: ZrmAssessment, maxScore: number): Basisvoorwaarde[] {
  const s = a.scores;
  const low = (v: number | undefined) => v !== undefined && v <= maxScore;
  const werk = Math.max(s.werk_opleiding ?? 0, s.tijdsbesteding ?? 0);
  const out: Basisvoorwaarde[] = [];
  if (werk >= 1 && werk <= maxScore) out.push('werk');
  if (low(s.huisvesting)) out.push('huisvesting');
  if (low(s.financien)) out.push('financien');
  if (low(s.sociaal_netwerk)) out.push('sociaal_netwerk');
  return out;
}

/** Strong (4-5) and weak (1-2) domains of an assessment, and the balance. */
export function draagkracht(a: ZrmAssessment): { strong: number; weak: number; balance: 'sterk' | 'gelijk' | 'zwak' } {
  const scores = Object.values(a.scores);
  const strong = scores.filter((v) => v >= 4).length, weak = scores.filter((v) => v <= 2).length;
  return { strong, weak, balance: strong > weak ? 'sterk' : strong < weak ? 'zwak' : 'gelijk' };
}

/**
 * The segment of a person in the period [from, to]: zelfredzaam without an active provision;
 * kwetsbaar with provisions under ≥ minLaws laws, a residential provision, or a basisvoorwaarde at
 * or below zrmMaxScore in the latest ZRM within zrmMonths up to `to`; else licht.
 */
export function segmentOf(provisions: readonly Provision[], zrm: readonly ZrmAssessment[], from: string, to: string, c: SegmentConfig = DEFAULT_SEGMENT_CONFIG): Segment {
  const active = provisions.filter((p) => overlaps(p, from, to));
  if (!active.length) return 'zelfredzaam';
  const laws = new Set(active.map((p) => p.law)).size;
  if (laws >= c.minLaws) return 'kwetsbaar';
  if (c.residential && active.some((p) => p.residential)) return 'kwetsbaar';
  const z = latestZrm(zrm, to, c.zrmMonths);
  if (z && weakBasisvoorwaarden(z, c.zrmMaxScore).length) return 'kwetsbaar';
  return 'licht';
}

/** What a flow needs to know about a person besides provisions and ZRM. */
export interface PersonFacts {
  provisions: readonly Provision[];
  zrm?: readonly ZrmAssessment[];
  /** First day of the birth month (birth year and month are all Koers keeps). */
  born?: string | null;
  /** Residences: from a date, in a wijk (null = outside the gemeente or postcode unknown). The first one counts from always. */
  residences?: readonly { from: string; wijk: string | null }[];
  /** Provision ends with a reason: overlijden (death) or verhuizing (moved to another gemeente). */
  ends?: readonly { date: string; reason: 'overlijden' | 'verhuizing' }[];
}

export interface PeriodRange { start: string; end: string }

/** The wijk on a date (null = outside/unknown; undefined = no residence known at all). */
export function wijkOn(residences: PersonFacts['residences'], date: string): string | null | undefined {
  if (!residences?.length) return undefined;
  const sorted = [...residences].sort((a, b) => (a.from < b.from ? -1 : 1));
  let current = sorted[0]!;
  for (const r of sorted) if (r.from <= date) current = r;
  return current.wijk;
}

/**
 * A person's flow from P1 to the next period P2, and the wijk it is counted in: only persons with
 * a provision in P1 or P2 take part (others are zelfredzaam in both and are not known by person).
 *  - from: the segment in P1, or instroom when the person was not yet born at the end of P1 or
 *    lived outside the gemeente then (an address outside the gemeente's postcodes).
 *  - to: the segment in P2; without a provision in P2: overleden when a provision ended because of
 *    death between the start of P1 and the end of P2, vertrokken when the address at the end of P2
 *    is outside the gemeente or a provision ended because of a move to another gemeente; else
 *    zelfredzaam.
 *  - wijk: of the end of P2, for vertrokken and overleden of the end of P1.
 */
export function flowOf(p: PersonFacts, p1: PeriodRange, p2: PeriodRange, c: SegmentConfig = DEFAULT_SEGMENT_CONFIG): { from: FlowFrom; to: FlowTo; wijk: string | null } | null {
  const zrm = p.zrm ?? [];
  const s1 = segmentOf(p.provisions, zrm, p1.start, p1.end, c);
  const s2 = segmentOf(p.provisions, zrm, p2.start, p2.end, c);
  if (s1 === 'zelfredzaam' && s2 === 'zelfredzaam') return null;
  const w1 = wijkOn(p.residences, p1.end), w2 = wijkOn(p.residences, p2.end);
  let from: FlowFrom = s1;
  if (s1 === 'zelfredzaam' && ((p.born && p.born > p1.end) || w1 === null)) from = 'instroom';
  let to: FlowTo = s2;
  if (s2 === 'zelfredzaam') {
    const ended = (reason: string) => (p.ends ?? []).some((e) => e.reason === reason && e.date >= p1.start && e.date <= p2.end);
    if (ended('overlijden')) to = 'overleden';
    else if (w2 === null || ended('verhuizing')) to = 'vertrokken';
  }
  const wijk = to === 'vertrokken' || to === 'overleden' ? w1 : w2;
  return { from, to, wijk: wijk ?? null };
}

/** The flow matrix of a set of persons (gemeente level): from → to → persons. */
export function flowMatrix(persons: readonly PersonFacts[], p1: PeriodRange, p2: PeriodRange, c: SegmentConfig = DEFAULT_SEGMENT_CONFIG): Map<string, number> {
  const m = new Map<string, number>();
  for (const p of persons) {
    const f = flowOf(p, p1, p2, c);
    if (f) m.set(`${f.from}>${f.to}`, (m.get(`${f.from}>${f.to}`) ?? 0) + 1);
  }
  return m;
}

/** Lighter / heavier / the same: the direction of a flow (instroom and leaving have none). */
export function direction(from: FlowFrom, to: FlowTo): 'lichter' | 'zwaarder' | 'gelijk' | null {
  const rank: Record<string, number> = { zelfredzaam: 0, licht: 1, kwetsbaar: 2 };
  if (!(from in rank) || !(to in rank)) return null;
  return rank[to]! < rank[from]! ? 'lichter' : rank[to]! > rank[from]! ? 'zwaarder' : 'gelijk';
}

/** Stapeling: the bucket of a household's number of provisions, and its combination of laws. */
export function stapelingOf(provisions: readonly Provision[], from: string, to: string): { count: '1' | '2' | '3' | '4+'; combo: string } | null {
  const active = provisions.filter((p) => overlaps(p, from, to));
  if (!active.length) return null;
  const n = active.length;
  return { count: n >= 4 ? '4+' : (String(n) as '1' | '2' | '3'), combo: [...new Set(active.map((p) => p.law))].sort().join('+') };
}
