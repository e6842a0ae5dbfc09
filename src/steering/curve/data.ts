import type { Db } from '../../db/index.js';
import { mayReadConceptFrameworks, seesUnsuppressed, type Scope } from '../../auth/index.js';
import { definitionsFor, readResults, type IndicatorDefinition } from '../../indicators/index.js';
import { periodTypeFor } from '../../indicators/overview.js';
import { readStates, stateOf } from '../../indicators/results.js';
import { readTargets } from '../../indicators/targets.js';
import { frameworkScores, scoreIndicator, type FrameworkScores, type ScoreInput } from './scores.js';
import { isStale, type NoteState } from './rules.js';

/**
 * Gathers what the scores and the stale-notes list need from the database: which version of a
 * framework counts (the adopted one, else the newest concept — concepts only for roles that may
 * read them), its indicators, their disclosed gemeente values (readResults with the caller's
 * profile, so a raadslid's scores use the same suppressed figures the raadslid sees), notes and
 * targets. The rules themselves are pure (scores.ts, rules.ts).
 */

export interface FrameworkChoice { frameworkId: string; title: string; version: number; status: 'vastgesteld' | 'concept'; adoptedOn: string | null }

/** Per framework of the gemeente, the version that counts for steering. */
export async function steeringFrameworks(db: Db, scope: Scope): Promise<FrameworkChoice[]> {
  const rows = await db.selectFrom('framework_version').select(['framework_id', 'version', 'status', 'title', 'adopted_on'])
    .where('gemeente_code', '=', scope.gemeenteCode).where('status', 'in', mayReadConceptFrameworks(scope) ? ['vastgesteld', 'concept'] : ['vastgesteld'])
    .orderBy('framework_id').orderBy('version', 'desc').execute();
  const chosen = new Map<string, FrameworkChoice>();
  for (const r of rows) {
    const prev = chosen.get(r.framework_id);
    // The adopted version wins; else the newest concept (rows come newest first).
    if (prev && (prev.status === 'vastgesteld' || r.status !== 'vastgesteld')) continue;
    chosen.set(r.framework_id, { frameworkId: r.framework_id, title: r.title, version: r.version, status: r.status as 'vastgesteld' | 'concept', adoptedOn: r.adopted_on });
  }
  return [...chosen.values()].sort((a, b) => (a.status === b.status ? a.title.localeCompare(b.title, 'nl') : a.status === 'vastgesteld' ? -1 : 1));
}

async function frameworkIndicatorIds(db: Db, scope: Scope, frameworkId: string, version: number): Promise<string[]> {
  const rows = await db.selectFrom('framework_indicator').select(['indicator_id', 'node_id', 'position'])
    .where('gemeente_code', '=', scope.gemeenteCode).where('framework_id', '=', frameworkId).where('version', '=', version)
    .orderBy('position').orderBy('indicator_id').execute();
  return [...new Set(rows.map((r) => r.indicator_id))];
}

/** Score inputs of the given indicators: values as the caller may see them, notes, targets. */
export async function scoreInputs(db: Db, scope: Scope, indicatorIds: readonly string[]): Promise<ScoreInput[]> {
  if (indicatorIds.length === 0) return [];
  const defs = new Map((await definitionsFor(db, scope.gemeenteCode)).map((d) => [d.id, d]));
  const states = await readStates(db, scope.gemeenteCode);
  const profile = seesUnsuppressed(scope) ? 'none' : 'default';
  const targets = (await readTargets(db, scope.gemeenteCode, null)).filter((t) => t.area === null && t.target !== null);
  const notes = await db.selectFrom('indicator_note').select(['indicator_id', 'period_type', 'period'])
    .where('gemeente_code', '=', scope.gemeenteCode).where('area_code', 'is', null).where('indicator_id', 'in', [...indicatorIds]).execute();
  return Promise.all(indicatorIds.map(async (id): Promise<ScoreInput> => {
    const d: IndicatorDefinition | undefined = defs.get(id);
    if (!d) return { indicatorId: id, name: id, polarity: 'context', unit: '', periodType: 'year', values: [], notePeriods: [], targetYears: [] };
    const periodType = periodTypeFor(d, 'year');
    const rows = stateOf(states, d).status === 'no_data' ? [] : await readResults(db, d, { gemeente: scope.gemeenteCode, periodType, by: null, profile });
    return {
      indicatorId: id, name: d.name, polarity: d.polarity, unit: d.unit, periodType,
      values: rows.map((r) => ({ period: r.period, value: r.value })),
      notePeriods: notes.filter((n) => n.indicator_id === id && n.period_type === periodType).map((n) => n.period),
      targetYears: targets.filter((t) => t.indicatorId === id).map((t) => t.year),
    };
  }));
}

/** Scores of one framework, or null when it does not exist for the caller (or only as a concept the caller may not read). */
export async function frameworkScoreData(db: Db, scope: Scope, frameworkId: string, today: string): Promise<{ framework: FrameworkChoice; scores: FrameworkScores; today: string } | null> {
  const framework = (await steeringFrameworks(db, scope)).find((f) => f.frameworkId === frameworkId);
  if (!framework) return null;
  const ids = await frameworkIndicatorIds(db, scope, framework.frameworkId, framework.version);
  return { framework, scores: frameworkScores(await scoreInputs(db, scope, ids), today), today };
}

export interface StaleNote {
  indicatorId: string; name: string; periodType: string; latestPeriod: string; newestNotePeriod: string | null;
  state: Extract<NoteState, 'missing' | 'outdated'>; frameworks: { frameworkId: string; title: string }[];
}

/**
 * Indicators of adopted frameworks whose turn-the-curve note is missing or behind the figures
 * (rules.ts noteState). Only adopted frameworks: a concept is not yet policy to account for.
 */
export async function staleNotes(db: Db, scope: Scope, today: string): Promise<{ adoptedFrameworks: number; stale: StaleNote[] }> {
  const adopted = (await steeringFrameworks(db, scope)).filter((f) => f.status === 'vastgesteld');
  const owners = new Map<string, { frameworkId: string; title: string }[]>();
  for (const f of adopted) {
    for (const id of await frameworkIndicatorIds(db, scope, f.frameworkId, f.version)) {
      (owners.get(id) ?? owners.set(id, []).get(id)!).push({ frameworkId: f.frameworkId, title: f.title });
    }
  }
  const inputs = await scoreInputs(db, scope, [...owners.keys()]);
  const out: StaleNote[] = [];
  for (const i of inputs) {
    const s = scoreIndicator(i, today);
    if (!isStale(s.noteState) || s.latestPeriod === null) continue;
    out.push({
      indicatorId: i.indicatorId, name: i.name, periodType: i.periodType, latestPeriod: s.latestPeriod,
      newestNotePeriod: [...i.notePeriods].sort().at(-1) ?? null, state: s.noteState as 'missing' | 'outdated', frameworks: owners.get(i.indicatorId) ?? [],
    });
  }
  return { adoptedFrameworks: adopted.length, stale: out.sort((a, b) => a.name.localeCompare(b.name, 'nl')) };
}

export interface GoalChoice { frameworkId: string; frameworkTitle: string; nodeId: string; title: string; kind: string }

/** Goals (every node) of the version that counts per framework, to link actions to. */
export async function steeringGoals(db: Db, scope: Scope): Promise<GoalChoice[]> {
  const frameworks = await steeringFrameworks(db, scope);
  if (frameworks.length === 0) return [];
  const out: GoalChoice[] = [];
  for (const f of frameworks) {
    const nodes = await db.selectFrom('framework_node').select(['node_id', 'title', 'kind', 'position'])
      .where('gemeente_code', '=', scope.gemeenteCode).where('framework_id', '=', f.frameworkId).where('version', '=', f.version)
      .orderBy('position').orderBy('title').execute();
    for (const n of nodes) out.push({ frameworkId: f.frameworkId, frameworkTitle: f.title, nodeId: n.node_id, title: n.title, kind: n.kind });
  }
  return out;
}
