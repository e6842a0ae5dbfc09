import { sql, type Db } from '../../db/index.js';
import { seesUnsuppressed, type Scope } from '../../auth/index.js';
import { definitionsFor, readResults, type IndicatorDefinition } from '../../indicators/index.js';
import { readTargets } from '../../indicators/targets.js';
import { FrameworkError, readVersion, type FrameworkNode, type VersionDetail } from './repository.js';
import { explainGoal, explainIndicator, rollUp, STATUS_LABELS, statusOfIndicator, type GoalStatus, type GoalSummary, type IndicatorStatus, type StatusCounts } from './status.js';
import type { MeasureKind, NodeKind } from './template.js';

/**
 * "Hoe staan we ervoor": a version's goal tree with a status per indicator and per goal (rules in
 * status.ts), and per goal what it costs (budget_line for its taakvelden) and the actions linked to
 * it (steering_action_link, read only here). Figures come from readResults with the caller's
 * disclosure profile, so the raad gets suppressed figures only and a hidden figure is "geen gegevens".
 */

export interface IndicatorStatusView {
  indicatorId: string; name: string; unit: string; polarity: 'up' | 'down' | 'context'; measureKind: MeasureKind; attentionMargin: number | null;
  period: string | null; value: number | null; suppressed: boolean; dataStatus: 'provisional' | 'final' | null;
  target: number | null; baseline: number | null; status: IndicatorStatus; label: string; explanation: string;
}
export interface BudgetView { taakveld: string; begroting: number | null; realisatie: number | null; verplichting: number | null }
export interface ActionView { actionId: string; title: string; owner: string; status: string; dueDate: string | null }
export interface NodeStatusView {
  nodeId: string; parentId: string | null; kind: NodeKind; title: string; description: string; depth: number;
  status: GoalStatus; label: string; explanation: string; counts: StatusCounts;
  indicators: IndicatorStatusView[]; budget: BudgetView[]; actions: ActionView[];
}
export interface StatusView {
  framework: Omit<VersionDetail, 'nodes'>;
  year: number | null;
  /** The wijk the statuses are for; null = the whole gemeente. */
  area: { code: string; name: string } | null;
  suppressionProfile: 'none' | 'default';
  status: GoalStatus; label: string; explanation: string; counts: StatusCounts;
  nodes: NodeStatusView[];
}

const yearOf = (period: string) => Number(period.slice(0, 4));

/**
 * With `area` (a wijk of the gemeente), every indicator is judged on its value for that wijk,
 * against the wijk's own target when one is set, else the gemeente's target. An indicator the
 * catalogue has no wijk breakdown for is "geen gegevens" there, and says why.
 */
export async function buildStatusView(db: Db, scope: Scope, frameworkId: string, version: number, opts: { year?: number | null; area?: string | null } = {}): Promise<StatusView> {
  const detail = await readVersion(db, scope, frameworkId, version);
  const g = scope.gemeenteCode;
  const area = opts.area
    ? (await db.selectFrom('area').select(['area_code', 'name']).where('gemeente_code', '=', g).where('area_code', '=', opts.area).where('level', '=', 'wijk').executeTakeFirst()) ?? null
    : null;
  if (opts.area && !area) throw new FrameworkError('not_found', `Wijk "${opts.area}" hoort niet bij deze gemeente.`);
  const perWijk = (d: IndicatorDefinition) => d.breakdowns.includes('wijk');
  const profile = seesUnsuppressed(scope) ? 'none' : 'default';
  const defs = new Map((await definitionsFor(db, g)).map((d) => [d.id, d]));
  const targets = await readTargets(db, g, null);
  const gemeenteTarget = (id: string, year: number) => targets.find((t) => t.indicatorId === id && t.year === year && t.area === null) ?? null;
  const targetFor = (id: string, year: number) => (area && targets.find((t) => t.indicatorId === id && t.year === year && t.area === area.area_code)) || gemeenteTarget(id, year);

  // Latest yearly row per indicator (or the asked year), read once per indicator.
  const ids = [...new Set(detail.nodes.flatMap((n) => n.indicators.map((i) => i.indicatorId)))];
  const latest = new Map<string, Awaited<ReturnType<typeof readResults>>[number] | null>();
  // Concurrently: on PostgreSQL the pool reads several tables at once; readResults caches per indicator.
  await Promise.all(ids.map(async (id) => {
    const d = defs.get(id);
    if (!d || (area && !perWijk(d))) { latest.set(id, null); return; }
    const all = await readResults(db, d, { gemeente: g, periodType: 'year', by: area ? 'wijk' : null, profile });
    const rows = area ? all.filter((r) => r.area === area.area_code) : all;
    const pick = opts.year ? rows.find((r) => r.period === String(opts.year)) : rows.filter((r) => r.value !== null || r.suppressed).at(-1);
    latest.set(id, pick ?? null);
  }));
  const years = [...latest.values()].filter((r) => r).map((r) => yearOf(r!.period));
  const viewYear = opts.year ?? (years.length ? Math.max(...years) : null);

  const indicatorView = (n: FrameworkNode['indicators'][number]): IndicatorStatusView => {
    const d: IndicatorDefinition | undefined = defs.get(n.indicatorId);
    const row = latest.get(n.indicatorId) ?? null;
    const year = row ? yearOf(row.period) : viewYear;
    const t = year ? targetFor(n.indicatorId, year) : null;
    const input = { polarity: d?.polarity ?? 'context', value: row?.value ?? null, suppressed: row?.suppressed ?? false, target: t?.target ?? null, attentionMargin: n.attentionMargin };
    const status = d ? statusOfIndicator(input) : 'geen_gegevens';
    return {
      indicatorId: n.indicatorId, name: d?.name ?? `${n.indicatorId} (bestaat niet meer)`, unit: d?.unit ?? '', polarity: d?.polarity ?? 'context',
      measureKind: n.measureKind, attentionMargin: n.attentionMargin, period: row?.period ?? null, value: row?.value ?? null, suppressed: row?.suppressed ?? false,
      dataStatus: row?.status ?? null, target: t?.target ?? null, baseline: t?.baseline ?? null, status, label: STATUS_LABELS[status],
      explanation: !d ? 'Deze indicator bestaat niet meer in de catalogus of bij de eigen indicatoren.'
        : area && !perWijk(d) ? 'Dit cijfer is er niet per wijk; het staat alleen bij de hele gemeente.'
        : explainIndicator({ ...input, unit: d.unit, year }, status),
    };
  };

  // Budget per taakveld for the view year: begroting (the amended one when there is one), realisatie, verplichtingen.
  const taakvelden = [...new Set(detail.nodes.flatMap((n) => n.budget))];
  const budgetYear = viewYear ?? new Date().getUTCFullYear();
  const budget = new Map<string, BudgetView>();
  if (taakvelden.length > 0) {
    const rows = (await sql<{ taakveld: string; kind: string; amount: number }>`
      select taakveld, kind, sum(amount_cents)::float8 / 100 as amount from budget_line
       where gemeente_code = ${g} and year = ${budgetYear} and taakveld in (${sql.join(taakvelden)})
       group by taakveld, kind`.execute(db)).rows;
    for (const tv of taakvelden) {
      const of = (k: string) => { const r = rows.find((x) => x.taakveld === tv && x.kind === k); return r ? Number(r.amount) : null; };
      budget.set(tv, { taakveld: tv, begroting: of('begroting_gewijzigd') ?? of('begroting'), realisatie: of('realisatie'), verplichting: of('verplichting') });
    }
  }

  // Actions linked to a goal of this framework (written by the actions module; read only here).
  const actions = (await sql<{ node_id: string; action_id: string; title: string; owner: string; status: string; due_date: string | null }>`
    select l.node_id, a.action_id, a.title, a.owner, a.status, a.due_date from steering_action_link l
      join steering_action a on a.gemeente_code = l.gemeente_code and a.action_id = l.action_id
     where l.gemeente_code = ${g} and l.framework_id = ${frameworkId} and l.node_id is not null
     order by a.due_date nulls last, a.title`.execute(db)).rows;

  const children = new Map<string | null, FrameworkNode[]>();
  for (const n of detail.nodes) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n]);
  const summaries = new Map<string, GoalSummary>();
  const summarise = (n: FrameworkNode): GoalSummary => {
    const own = n.indicators.map((i) => indicatorView(i).status);
    const s = rollUp(own, (children.get(n.nodeId) ?? []).map(summarise));
    summaries.set(n.nodeId, s);
    return s;
  };
  const top = rollUp([], (children.get(null) ?? []).map(summarise));
  const depth = new Map<string, number>();
  const nodes: NodeStatusView[] = detail.nodes.map((n) => {
    const dp = n.parentId ? (depth.get(n.parentId) ?? 0) + 1 : 0;
    depth.set(n.nodeId, dp);
    const s = summaries.get(n.nodeId)!;
    return {
      nodeId: n.nodeId, parentId: n.parentId, kind: n.kind, title: n.title, description: n.description, depth: dp,
      status: s.status, label: STATUS_LABELS[s.status], explanation: explainGoal(s), counts: s.counts,
      indicators: n.indicators.map(indicatorView), budget: n.budget.map((t) => budget.get(t) ?? { taakveld: t, begroting: null, realisatie: null, verplichting: null }),
      actions: actions.filter((a) => a.node_id === n.nodeId).map((a) => ({ actionId: a.action_id, title: a.title, owner: a.owner, status: a.status, dueDate: a.due_date })),
    };
  });
  const { nodes: _n, ...framework } = detail;
  return { framework, year: viewYear, area: area ? { code: area.area_code, name: area.name } : null, suppressionProfile: profile, status: top.status, label: STATUS_LABELS[top.status], explanation: explainGoal(top), counts: top.counts, nodes };
}
