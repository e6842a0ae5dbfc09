import { sql, type Db } from '../db/index.js';
import type { PeriodType } from '../model/periods.js';
import type { Group, IndicatorDefinition, Polarity } from './definition.js';
import type { DisclosureProfile } from './disclosure.js';
import { generationOf } from './generation.js';
import { readResults, readStates, stateOf, type ResultRow } from './results.js';
import { readTargets, type IndicatorTarget } from './targets.js';

/**
 * Read models for the monitor pages: the overview (every indicator's latest gemeente value with
 * its trend, direction and target) and the wijk profile (every indicator with a wijk breakdown for
 * one wijk beside the gemeente). Both only read stored results through readResults, so disclosure
 * control applies exactly as for GET /api/indicators/{id}/values.
 */

/** The parts of a definition the monitor pages need (no numerator/denominator internals). */
export function summary(d: IndicatorDefinition) {
  return {
    id: d.id, version: d.version, name: d.name, unit: d.unit, polarity: d.polarity, band: d.band ?? null, group: d.group,
    source: d.source, periodTypes: d.periodTypes, breakdowns: d.breakdowns, followUpDays: d.followUpDays ?? null,
  };
}

export interface Point { period: string; value: number | null; numerator: number | null; denominator: number | null; status: 'provisional' | 'final'; suppressed: boolean }
const point = (r: ResultRow): Point => ({ period: r.period, value: r.value, numerator: r.numerator, denominator: r.denominator, status: r.status, suppressed: r.suppressed });

export type Change = 'up' | 'down' | 'same';
/** better/worse against the polarity; neutral for context indicators (no good or bad direction). */
export type Direction = 'better' | 'worse' | 'same' | 'neutral';

/**
 * How `to` compares with `from`, as the user sees it: values equal at one decimal (the precision
 * shown on the pages) are "the same". Null when either value is missing or suppressed.
 */
export function compareValues(polarity: Polarity, from: number | null, to: number | null): { change: Change; direction: Direction } | null {
  if (from === null || to === null) return null;
  const a = Math.round(from * 10), b = Math.round(to * 10);
  const change: Change = b > a ? 'up' : b < a ? 'down' : 'same';
  if (change === 'same') return { change, direction: 'same' };
  if (polarity === 'context') return { change, direction: 'neutral' };
  return { change, direction: (change === 'up') === (polarity === 'up') ? 'better' : 'worse' };
}

/** Whether a value meets its target: up = at least the target, down = at most; context: no judgement. */
export function meetsTarget(polarity: Polarity, value: number | null, target: number | null): boolean | null {
  if (value === null || target === null || polarity === 'context') return null;
  return polarity === 'up' ? value >= target : value <= target;
}

/** The period type to show an indicator in: the one asked for when it has it, else year, else its first. */
export function periodTypeFor(d: IndicatorDefinition, wanted: PeriodType): PeriodType {
  if (d.periodTypes.includes(wanted)) return wanted;
  return d.periodTypes.includes('year') ? 'year' : d.periodTypes[0] ?? 'year';
}

const yearOf = (period: string) => Number(period.slice(0, 4));
type TargetRow = IndicatorTarget & { indicatorId: string };
const targetView = (t: TargetRow | undefined) => (t ? { year: t.year, area: t.area, areaName: t.areaName, target: t.target, baseline: t.baseline, note: t.note } : null);

export const SPARKLINE_POINTS = 8;

export interface OverviewOptions { gemeente: string; periodType: PeriodType; profile: DisclosureProfile }
export type Overview = Awaited<ReturnType<typeof composeOverview>>;

/**
 * The overview is the page every user opens first, and it and the wijk profile read every
 * indicator's table. Built pages are therefore kept per gemeente, what was asked (period type,
 * wijk, period), disclosure profile and set of definitions. One is served as long as nothing it was
 * built from changed:
 * - a recompute or saved targets in this process bump the generation, and the next request builds
 *   it again (a saved or archived own indicator changes the set of definitions, so the key);
 * - a change by another process is found within PAGE_CACHE_MS by one query over the gemeente's
 *   indicator states (every recompute sets computed_at) and targets.
 * Concurrent requests share one build or check.
 */
const PAGE_CACHE_MS = 10_000;
type PageEntry = { body: Promise<unknown>; until: number; generation: number; fingerprint: string | null };
const pages = new WeakMap<Db, Map<string, PageEntry>>();

/**
 * What a page was built from, as far as another process can change it: a digest of every
 * indicator state's computed_at and of every target row (a few dozen and a few hundred rows). Not
 * the latest computed_at alone: two recomputes in other processes can commit in the other order
 * than they started.
 */
async function fingerprint(db: Db, gemeente: string): Promise<string> {
  const r = (await sql<{ states: string | null; targets: string | null }>`select
      (select md5(string_agg(indicator_id || '|' || version || '|' || computed_at::text, ',' order by indicator_id, version)) from indicator_state where gemeente_code = ${gemeente}) as states,
      (select md5(string_agg(t::text, ',' order by t.target_id)) from indicator_target t where t.gemeente_code = ${gemeente}) as targets`.execute(db)).rows[0]!;
  return `${r.states ?? ''}#${r.targets ?? ''}`;
}

function keptPage<T>(db: Db, gemeente: string, key: string, build: () => Promise<T>): Promise<T> {
  const cache = pages.get(db) ?? pages.set(db, new Map()).get(db)!;
  const generation = generationOf(db);
  const hit = cache.get(key);
  if (hit && hit.generation === generation && hit.until > Date.now()) return hit.body as Promise<T>;
  const entry: PageEntry = { body: Promise.resolve(null), until: Date.now() + PAGE_CACHE_MS, generation, fingerprint: null };
  entry.body = (async () => {
    const fp = await fingerprint(db, gemeente);
    entry.fingerprint = fp;
    // Unchanged in the database and in this process: keep what was built.
    if (hit && hit.generation === generation && hit.fingerprint === fp) return hit.body;
    return build();
  })();
  entry.body.catch(() => { if (cache.get(key) === entry) cache.delete(key); });
  if (cache.size > 500) cache.clear();
  cache.set(key, entry);
  return entry.body as Promise<T>;
}

const definitionsKey = (catalogue: readonly IndicatorDefinition[]) => catalogue.map((d) => `${d.id}@${d.version}`).join(',');

export function buildOverview(db: Db, catalogue: readonly IndicatorDefinition[], o: OverviewOptions): Promise<Overview> {
  return keptPage(db, o.gemeente, `overview|${o.gemeente}|${o.periodType}|${o.profile}|${definitionsKey(catalogue)}`, () => composeOverview(db, catalogue, o));
}

/**
 * Builds the overview in advance, as users will first ask for it (year; the figures as every role
 * but an analist sees them, and unsuppressed), so nobody waits for every indicator's table to be
 * read and disclosed. Errors are left to the request that asks for it next.
 */
export async function warmOverview(db: Db, catalogue: readonly IndicatorDefinition[], gemeente: string): Promise<void> {
  for (const profile of ['default', 'none'] as const) {
    await buildOverview(db, catalogue, { gemeente, periodType: 'year', profile }).catch(() => undefined);
  }
}

async function composeOverview(db: Db, catalogue: readonly IndicatorDefinition[], o: OverviewOptions) {
  const [states, targets] = await Promise.all([readStates(db, o.gemeente), readTargets(db, o.gemeente, null)]);
  const items = await Promise.all(catalogue.map(async (d) => {
    const periodType = periodTypeFor(d, o.periodType);
    const state = stateOf(states, d);
    const rows = state.status === 'no_data' ? [] : await readResults(db, d, { gemeente: o.gemeente, periodType, by: null, profile: o.profile });
    const latest = rows.at(-1) ?? null;
    const previous = rows.at(-2) ?? null;
    const cmp = latest && previous ? compareValues(d.polarity, previous.value, latest.value) : null;
    const target = latest ? targets.find((t) => t.indicatorId === d.id && t.area === null && t.year === yearOf(latest.period)) : undefined;
    return {
      indicator: summary(d),
      periodType,
      state,
      latest: latest ? point(latest) : null,
      previous: previous ? point(previous) : null,
      sparkline: rows.slice(-SPARKLINE_POINTS).map((r) => ({ period: r.period, value: r.value, status: r.status })),
      change: cmp?.change ?? null,
      direction: cmp?.direction ?? null,
      target: targetView(target),
      targetMet: latest && target ? meetsTarget(d.polarity, latest.value, target.target) : null,
      computedAt: latest?.computedAt ?? state.computedAt,
    };
  }));
  return { periodType: o.periodType, suppressionProfile: o.profile, indicators: items };
}

export interface ProfileOptions { gemeente: string; wijk: string; periodType: PeriodType; period: string | null; profile: DisclosureProfile }
export type WijkProfile = Awaited<ReturnType<typeof composeWijkProfile>>;

/** Every indicator with a wijk breakdown, for one wijk beside the gemeente total (kept as the overview is). */
export function buildWijkProfile(db: Db, catalogue: readonly IndicatorDefinition[], o: ProfileOptions): Promise<WijkProfile> {
  return keptPage(db, o.gemeente, `wijk|${o.gemeente}|${o.wijk}|${o.periodType}|${o.period ?? ''}|${o.profile}|${definitionsKey(catalogue)}`, () => composeWijkProfile(db, catalogue, o));
}

async function composeWijkProfile(db: Db, catalogue: readonly IndicatorDefinition[], o: ProfileOptions) {
  const [states, targets] = await Promise.all([readStates(db, o.gemeente), readTargets(db, o.gemeente, null)]);
  const withWijk = catalogue.filter((d) => d.breakdowns.includes('wijk') && d.periodTypes.includes(o.periodType));
  const periods = new Set<string>();
  const items = await Promise.all(withWijk.map(async (d) => {
    const state = stateOf(states, d);
    const [totals, wijkRows] = state.status === 'no_data'
      ? [[], []]
      : await Promise.all([
        readResults(db, d, { gemeente: o.gemeente, periodType: o.periodType, by: null, profile: o.profile }),
        readResults(db, d, { gemeente: o.gemeente, periodType: o.periodType, by: 'wijk', profile: o.profile }).then((rows) => rows.filter((r) => r.area === o.wijk)),
      ]);
    for (const r of totals) periods.add(r.period);
    // The period asked for, else the latest one the gemeente has a value for.
    const period = o.period ?? totals.at(-1)?.period ?? null;
    const total = period ? totals.find((r) => r.period === period) ?? null : null;
    const wijk = period ? wijkRows.find((r) => r.period === period) ?? null : null;
    const cmp = wijk && total ? compareValues(d.polarity, total.value, wijk.value) : null;
    const year = period ? yearOf(period) : null;
    const wijkTarget = targets.find((t) => t.indicatorId === d.id && t.year === year && t.area === o.wijk);
    const gemeenteTarget = targets.find((t) => t.indicatorId === d.id && t.year === year && t.area === null);
    return {
      indicator: summary(d),
      state,
      period,
      wijk: wijk ? point(wijk) : null,
      gemeente: total ? point(total) : null,
      /** The wijk against the gemeente: higher/lower/same, and better/worse against the polarity. */
      comparison: cmp ? { change: cmp.change === 'up' ? 'higher' : cmp.change === 'down' ? 'lower' : 'same', direction: cmp.direction } : null,
      trend: (period ? wijkRows.filter((r) => r.period <= period) : wijkRows).slice(-SPARKLINE_POINTS).map((r) => ({ period: r.period, value: r.value, status: r.status })),
      target: targetView(wijkTarget ?? gemeenteTarget),
    };
  }));
  return { periodType: o.periodType, period: o.period, periods: [...periods].sort(), suppressionProfile: o.profile, indicators: items };
}
