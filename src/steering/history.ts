import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, SteeringChange, SteeringEntity } from '../db/schema.js';
import { audit, type Scope } from '../auth/index.js';

/**
 * The one write path for history: every change to a steering object (beleidskader, goal, note,
 * action) records who, when, what changed (before and after) in steering_history and in the audit
 * log, inside the caller's transaction, so a change and its history land together or not at all.
 * Never put a BSN or other personal data in before/after: steering objects are policy, not cases.
 */
export async function recordChange(
  trx: Kysely<Database>,
  scope: Scope,
  change: { entity: SteeringEntity; entityId: string; change: SteeringChange; before?: unknown; after?: unknown },
): Promise<void> {
  await trx.insertInto('steering_history').values({
    gemeente_code: scope.gemeenteCode, history_id: crypto.randomUUID(), entity: change.entity, entity_id: change.entityId,
    change: change.change, changed_by: scope.username,
    before: change.before === undefined ? null : JSON.stringify(change.before),
    after: change.after === undefined ? null : JSON.stringify(change.after),
  }).execute();
  await audit(trx, {
    gemeenteCode: scope.gemeenteCode, userId: scope.userId, username: scope.username, action: 'steering_change',
    object: `${change.entity}:${change.entityId}`, details: { change: change.change },
  });
}

export interface HistoryEntry { entity: SteeringEntity; entityId: string; change: SteeringChange; changedBy: string; changedAt: string; before: unknown; after: unknown }

/** History of one object (or all objects of a kind when entityId is omitted), newest first, own gemeente only. */
export async function readHistory(db: Kysely<Database>, scope: Scope, entity: SteeringEntity, entityId?: string, limit = 200): Promise<HistoryEntry[]> {
  let q = db.selectFrom('steering_history').selectAll().where('gemeente_code', '=', scope.gemeenteCode).where('entity', '=', entity);
  if (entityId) q = q.where('entity_id', '=', entityId);
  const rows = await q.orderBy('changed_at', 'desc').orderBy('history_id').limit(limit).execute();
  return rows.map((r) => ({
    entity: r.entity, entityId: r.entity_id, change: r.change, changedBy: r.changed_by, changedAt: new Date(r.changed_at).toISOString(),
    before: typeof r.before === 'string' ? JSON.parse(r.before) : r.before, after: typeof r.after === 'string' ? JSON.parse(r.after) : r.after,
  }));
}
