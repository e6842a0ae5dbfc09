import crypto from 'node:crypto';
import type { Db } from '../../db/index.js';
import { mayReadConceptFrameworks, type Scope } from '../../auth/index.js';
import { readHistory, recordChange } from '../history.js';
import { CurveError, type HistoryItem } from './notes.js';
import { ACTION_STATUS_LABELS, daysOverdue, diffFields, isOpenStatus, isOverdue, type ActionStatus } from './rules.js';

/**
 * Actions (steering_action, steering_action_link): who does what by when, linked to goals
 * (framework_id + node_id, any version: node ids are stable across versions) and/or indicators.
 * Every create and change goes through recordChange in the same transaction.
 */

export type LinkInput = { frameworkId: string; nodeId: string; indicatorId?: undefined } | { indicatorId: string; frameworkId?: undefined; nodeId?: undefined };
export interface ActionLink { frameworkId: string | null; nodeId: string | null; indicatorId: string | null; label: string }

export interface ActionInput {
  title: string;
  description: string;
  owner: string;
  status: ActionStatus;
  startDate: string | null;
  dueDate: string | null;
  doneOn: string | null;
  links: LinkInput[];
}

export interface Action extends Omit<ActionInput, 'links'> {
  actionId: string;
  links: ActionLink[];
  overdue: boolean;
  daysOverdue: number;
  updatedBy: string;
  updatedAt: string;
}

export const ACTION_FIELD_LABELS: Record<string, string> = {
  title: 'Titel', description: 'Beschrijving', owner: 'Eigenaar', status: 'Status', startDate: 'Startdatum', dueDate: 'Streefdatum', doneOn: 'Datum klaar', links: 'Gekoppeld aan',
};

export interface ActionFilter { actionId?: string; status?: ActionStatus; owner?: string; indicatorId?: string; frameworkId?: string; nodeId?: string; overdue?: boolean }

/**
 * Dutch names for links: indicator names come from the caller (the definitions of the gemeente),
 * goal titles from the framework tree — from the adopted version for roles that may not read
 * concepts (raad, aanbieder), else from the newest version that has the node.
 */
async function linkLabels(db: Db, scope: Scope, links: { framework_id: string | null; node_id: string | null; indicator_id: string | null }[], indicatorNames: Map<string, string>): Promise<Map<string, string>> {
  const nodeIds = [...new Set(links.map((l) => l.node_id).filter((x): x is string => x !== null))];
  const titles = new Map<string, string>();
  if (nodeIds.length > 0) {
    let q = db.selectFrom('framework_node as n')
      .innerJoin('framework_version as v', (j) => j.onRef('v.gemeente_code', '=', 'n.gemeente_code').onRef('v.framework_id', '=', 'n.framework_id').onRef('v.version', '=', 'n.version'))
      .select(['n.framework_id', 'n.node_id', 'n.title', 'n.version', 'v.title as framework_title'])
      .where('n.gemeente_code', '=', scope.gemeenteCode).where('n.node_id', 'in', nodeIds);
    if (!mayReadConceptFrameworks(scope)) q = q.where('v.status', '=', 'vastgesteld');
    for (const r of await q.orderBy('n.version').execute()) titles.set(`${r.framework_id}|${r.node_id}`, `Doel: ${r.title} (${r.framework_title})`);
  }
  const out = new Map<string, string>();
  for (const l of links) {
    const key = `${l.framework_id ?? ''}|${l.node_id ?? ''}|${l.indicator_id ?? ''}`;
    const parts: string[] = [];
    if (l.node_id) parts.push(titles.get(`${l.framework_id}|${l.node_id}`) ?? 'Doel in een beleidskader dat nog niet is vastgesteld');
    if (l.indicator_id) parts.push(`Indicator: ${indicatorNames.get(l.indicator_id) ?? l.indicator_id}`);
    out.set(key, parts.join(' – '));
  }
  return out;
}

const linkKey = (l: { framework_id: string | null; node_id: string | null; indicator_id: string | null }) => `${l.framework_id ?? ''}|${l.node_id ?? ''}|${l.indicator_id ?? ''}`;

/** Actions of the caller's gemeente matching the filter: overdue first, then by due date. */
export async function listActions(db: Db, scope: Scope, f: ActionFilter, today: string, indicatorNames: Map<string, string>): Promise<Action[]> {
  let q = db.selectFrom('steering_action').selectAll().where('gemeente_code', '=', scope.gemeenteCode);
  if (f.actionId) q = q.where('action_id', '=', f.actionId);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.owner) q = q.where('owner', '=', f.owner);
  if (f.overdue) q = q.where('status', 'in', ['gepland', 'bezig']).where('due_date', '<', today);
  if (f.indicatorId || f.frameworkId || f.nodeId) {
    q = q.where('action_id', 'in', (eb) => {
      let s = eb.selectFrom('steering_action_link').select('action_id').where('gemeente_code', '=', scope.gemeenteCode);
      if (f.indicatorId) s = s.where('indicator_id', '=', f.indicatorId);
      if (f.frameworkId) s = s.where('framework_id', '=', f.frameworkId);
      if (f.nodeId) s = s.where('node_id', '=', f.nodeId);
      return s;
    });
  }
  const rows = await q.execute();
  if (rows.length === 0) return [];
  const links = await db.selectFrom('steering_action_link').selectAll().where('gemeente_code', '=', scope.gemeenteCode).where('action_id', 'in', rows.map((r) => r.action_id)).execute();
  const labels = await linkLabels(db, scope, links, indicatorNames);
  const byAction = new Map<string, ActionLink[]>();
  for (const l of links) {
    const list = byAction.get(l.action_id) ?? byAction.set(l.action_id, []).get(l.action_id)!;
    list.push({ frameworkId: l.framework_id, nodeId: l.node_id, indicatorId: l.indicator_id, label: labels.get(linkKey(l)) ?? '' });
  }
  const actions = rows.map((r): Action => {
    const a = { status: r.status, dueDate: r.due_date };
    return {
      actionId: r.action_id, title: r.title, description: r.description, owner: r.owner, status: r.status,
      startDate: r.start_date, dueDate: r.due_date, doneOn: r.done_on,
      links: (byAction.get(r.action_id) ?? []).sort((x, y) => x.label.localeCompare(y.label, 'nl')),
      overdue: isOverdue(a, today), daysOverdue: daysOverdue(a, today), updatedBy: r.updated_by, updatedAt: new Date(r.updated_at).toISOString(),
    };
  });
  const rank = (a: Action) => (a.overdue ? 0 : isOpenStatus(a.status) ? 1 : 2);
  return actions.sort((a, b) => rank(a) - rank(b) || (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') || a.title.localeCompare(b.title, 'nl'));
}

export async function readAction(db: Db, scope: Scope, actionId: string, today: string, indicatorNames: Map<string, string>): Promise<Action | null> {
  return (await listActions(db, scope, { actionId }, today, indicatorNames)).at(0) ?? null;
}

/** Distinct owners of the gemeente's actions, for the filter. */
export async function actionOwners(db: Db, scope: Scope): Promise<string[]> {
  const rows = await db.selectFrom('steering_action').select('owner').distinct().where('gemeente_code', '=', scope.gemeenteCode).orderBy('owner').execute();
  return rows.map((r) => r.owner);
}

/** Checks that every linked goal exists in the caller's gemeente (any version); indicators are checked by the caller. */
async function checkLinks(db: Db, scope: Scope, links: LinkInput[]) {
  const nodes = links.filter((l): l is { frameworkId: string; nodeId: string } => l.nodeId !== undefined);
  for (const l of nodes) {
    const hit = await db.selectFrom('framework_node').select('node_id').where('gemeente_code', '=', scope.gemeenteCode)
      .where('framework_id', '=', l.frameworkId).where('node_id', '=', l.nodeId).limit(1).executeTakeFirst();
    if (!hit) throw new CurveError('bad_request', 'Het gekozen doel bestaat niet in een beleidskader van deze gemeente.');
  }
}

/** Normalises status and done date: closing without a date sets today; reopening clears it. */
function normalise(input: ActionInput, today: string): ActionInput {
  const closed = !isOpenStatus(input.status);
  const doneOn = closed ? input.doneOn ?? today : null;
  if (input.startDate && input.dueDate && input.dueDate < input.startDate) throw new CurveError('bad_request', 'De streefdatum ligt voor de startdatum. Kies een streefdatum op of na de startdatum.');
  if (doneOn && input.startDate && doneOn < input.startDate) throw new CurveError('bad_request', 'De datum klaar ligt voor de startdatum.');
  if (!input.title.trim()) throw new CurveError('bad_request', 'Geef de actie een titel.');
  if (!input.owner.trim()) throw new CurveError('bad_request', 'Vul een eigenaar in: wie is verantwoordelijk voor deze actie?');
  const seen = new Set<string>();
  const links = input.links.filter((l) => {
    const k = `${l.frameworkId ?? ''}|${l.nodeId ?? ''}|${l.indicatorId ?? ''}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
  return { ...input, title: input.title.trim(), owner: input.owner.trim(), description: input.description.trim(), doneOn, links };
}

/** What history keeps of an action: its fields, the status in Dutch and the links by name (readable later, also when renamed). */
async function snapshot(db: Db, scope: Scope, a: ActionInput, indicatorNames: Map<string, string>) {
  const rows = a.links.map((l) => ({ framework_id: l.frameworkId ?? null, node_id: l.nodeId ?? null, indicator_id: l.indicatorId ?? null }));
  const labels = await linkLabels(db, scope, rows, indicatorNames);
  return {
    title: a.title, description: a.description, owner: a.owner, status: ACTION_STATUS_LABELS[a.status], startDate: a.startDate, dueDate: a.dueDate, doneOn: a.doneOn,
    links: rows.map((r) => labels.get(linkKey(r)) ?? '').sort(),
  };
}

export async function createAction(db: Db, scope: Scope, raw: ActionInput, today: string, indicatorNames: Map<string, string>): Promise<string> {
  const input = normalise(raw, today);
  await checkLinks(db, scope, input.links);
  const actionId = crypto.randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('steering_action').values({
      gemeente_code: scope.gemeenteCode, action_id: actionId, title: input.title, description: input.description, owner: input.owner, status: input.status,
      start_date: input.startDate, due_date: input.dueDate, done_on: input.doneOn, updated_by: scope.username,
    }).execute();
    await insertLinks(trx, scope, actionId, input.links);
    await recordChange(trx, scope, { entity: 'action', entityId: actionId, change: 'created', after: await snapshot(trx, scope, input, indicatorNames) });
  });
  return actionId;
}

async function insertLinks(trx: Db, scope: Scope, actionId: string, links: LinkInput[]) {
  if (links.length === 0) return;
  await trx.insertInto('steering_action_link').values(links.map((l) => ({
    gemeente_code: scope.gemeenteCode, action_id: actionId, link_id: crypto.randomUUID(),
    framework_id: l.frameworkId ?? null, node_id: l.nodeId ?? null, indicator_id: l.indicatorId ?? null,
  }))).execute();
}

/**
 * Changes an action: `patch` holds only the fields to change (links replace the whole set).
 * `expectedUpdatedAt` guards against overwriting someone else's change made in between.
 */
export async function updateAction(db: Db, scope: Scope, actionId: string, patch: Partial<ActionInput>, today: string, indicatorNames: Map<string, string>, expectedUpdatedAt?: string): Promise<'changed' | 'unchanged'> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('steering_action').selectAll().where('gemeente_code', '=', scope.gemeenteCode).where('action_id', '=', actionId).forUpdate().executeTakeFirst();
    if (!row) throw new CurveError('not_found', 'Deze actie bestaat niet (meer).');
    if (expectedUpdatedAt !== undefined && new Date(row.updated_at).toISOString() !== new Date(expectedUpdatedAt).toISOString()) {
      throw new CurveError('conflict', `Iemand anders (${row.updated_by}) heeft deze actie intussen aangepast. Laad de pagina opnieuw.`);
    }
    const oldLinks = await trx.selectFrom('steering_action_link').selectAll().where('gemeente_code', '=', scope.gemeenteCode).where('action_id', '=', actionId).execute();
    const before: ActionInput = {
      title: row.title, description: row.description, owner: row.owner, status: row.status, startDate: row.start_date, dueDate: row.due_date, doneOn: row.done_on,
      links: oldLinks.map((l) => (l.node_id ? { frameworkId: l.framework_id!, nodeId: l.node_id } : { indicatorId: l.indicator_id! })),
    };
    // Reopening (back to gepland/bezig) clears the done date unless one is given; closing keeps a given one.
    const merged = { ...before, ...patch };
    if (patch.status && patch.doneOn === undefined && isOpenStatus(before.status) !== isOpenStatus(patch.status)) merged.doneOn = null;
    const after = normalise(merged, today);
    if (patch.links) await checkLinks(trx, scope, after.links);
    const a = await snapshot(trx, scope, before, indicatorNames), b = await snapshot(trx, scope, after, indicatorNames);
    if (JSON.stringify(a) === JSON.stringify(b)) return 'unchanged';
    await trx.updateTable('steering_action').set({
      title: after.title, description: after.description, owner: after.owner, status: after.status, start_date: after.startDate, due_date: after.dueDate,
      done_on: after.doneOn, updated_by: scope.username, updated_at: new Date(),
    }).where('gemeente_code', '=', scope.gemeenteCode).where('action_id', '=', actionId).execute();
    if (patch.links) {
      await trx.deleteFrom('steering_action_link').where('gemeente_code', '=', scope.gemeenteCode).where('action_id', '=', actionId).execute();
      await insertLinks(trx, scope, actionId, after.links);
    }
    await recordChange(trx, scope, { entity: 'action', entityId: actionId, change: 'changed', before: a, after: b });
    return 'changed';
  });
}

/** The history of one action, newest first, with a readable diff per field. */
export async function actionHistory(db: Db, scope: Scope, actionId: string): Promise<HistoryItem[]> {
  const entries = await readHistory(db, scope, 'action', actionId);
  // History keeps goal names as written; a role that may not read concepts (raad, aanbieder) sees only
  // goals of adopted versions by name, like in the action itself.
  let hide = (s: Record<string, unknown> | null) => s;
  if (!mayReadConceptFrameworks(scope)) {
    const adopted = await db.selectFrom('framework_node as n')
      .innerJoin('framework_version as v', (j) => j.onRef('v.gemeente_code', '=', 'n.gemeente_code').onRef('v.framework_id', '=', 'n.framework_id').onRef('v.version', '=', 'n.version'))
      .select(['n.title', 'v.title as framework_title']).where('n.gemeente_code', '=', scope.gemeenteCode).where('v.status', '=', 'vastgesteld').execute();
    const allowed = new Set(adopted.map((r) => `Doel: ${r.title} (${r.framework_title})`));
    const clean = (l: unknown) => (typeof l === 'string' && l.startsWith('Doel: ') && !allowed.has(l) ? 'Doel in een beleidskader dat nog niet is vastgesteld' : l);
    hide = (s) => (s && Array.isArray(s.links) ? { ...s, links: s.links.map(clean) } : s);
  }
  return entries.map((e) => ({
    change: e.change, changedBy: e.changedBy, changedAt: e.changedAt,
    fields: diffFields(hide(e.before as Record<string, unknown> | null), hide(e.after as Record<string, unknown> | null), ACTION_FIELD_LABELS),
  }));
}
