import crypto from 'node:crypto';
import type { Db } from '../db/index.js';

export interface AuditEntry {
  gemeenteCode: string | null;
  userId?: string | null;
  username?: string | null;
  action: 'login' | 'login_failed' | 'logout' | 'read_person_level' | 'import' | 'user_added' | 'quarantine_status' | 'quarantine_reimport' | 'finding_status' | 'indicator_targets' | 'indicator_export' | 'own_indicator_saved' | 'own_indicator_archived' | 'peer_list' | 'steering_change' | 'segment_config' | 'segment_export' | 'steering_export';
  object?: string | null;
  details?: Record<string, unknown>;
  ip?: string | null;
}

/** Appends to the audit log. Never pass a BSN or other direct identifier in details. */
export async function audit(db: Db, e: AuditEntry): Promise<void> {
  await db.insertInto('audit_log').values({
    audit_id: crypto.randomUUID(), gemeente_code: e.gemeenteCode, user_id: e.userId ?? null, username: e.username ?? null,
    action: e.action, object: e.object ?? null, details: JSON.stringify(e.details ?? {}), ip: e.ip ?? null,
  }).execute();
}
