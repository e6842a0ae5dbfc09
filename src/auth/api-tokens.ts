import crypto from 'node:crypto';
import type { Db } from '../db/index.js';

/**
 * API tokens for automated feeds (`Authorization: Bearer koers_…`). A token belongs to one
 * gemeente and has the scope 'import'. Only its SHA-256 is stored: the token is shown once when
 * it is made and can not be recovered, only revoked and replaced.
 */
export const TOKEN_PREFIX = 'koers_';
const TOKEN_RE = /^koers_[A-Za-z0-9_-]{43}$/;

export interface ApiTokenInfo {
  tokenId: string;
  gemeenteCode: string;
  name: string;
  scope: 'import';
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export class TokenError extends Error {
  override name = 'TokenError';
}

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Makes a token for a gemeente; returns the token itself (the only time it exists outside the caller). */
export async function createApiToken(db: Db, o: { gemeenteCode: string; name: string; createdBy?: string | null }): Promise<{ token: string; info: ApiTokenInfo }> {
  const name = o.name.trim();
  if (!name || name.length > 100 || /[\u0000-\u001f]/.test(name)) throw new TokenError('The token name must be 1 to 100 printable characters.');
  const g = await db.selectFrom('gemeente').select('gemeente_code').where('gemeente_code', '=', o.gemeenteCode).executeTakeFirst();
  if (!g) throw new TokenError(`Gemeente ${o.gemeenteCode} is not registered (koers gemeenten add ${o.gemeenteCode} "<name>").`);
  const token = TOKEN_PREFIX + crypto.randomBytes(32).toString('base64url');
  const tokenId = crypto.randomUUID();
  const row = await db.insertInto('api_token').values({ gemeente_code: o.gemeenteCode, token_id: tokenId, name, token_sha256: sha256(token), created_by: o.createdBy ?? null })
    .returning(['created_at']).executeTakeFirstOrThrow();
  return { token, info: { tokenId, gemeenteCode: o.gemeenteCode, name, scope: 'import', createdBy: o.createdBy ?? null, createdAt: iso(row.created_at)!, lastUsedAt: null, revokedAt: null } };
}

export async function listApiTokens(db: Db, gemeenteCode?: string): Promise<ApiTokenInfo[]> {
  let q = db.selectFrom('api_token').select(['token_id', 'gemeente_code', 'name', 'scope', 'created_by', 'created_at', 'last_used_at', 'revoked_at']);
  if (gemeenteCode) q = q.where('gemeente_code', '=', gemeenteCode);
  const rows = await q.orderBy('gemeente_code').orderBy('created_at').execute();
  return rows.map((r) => ({ tokenId: r.token_id, gemeenteCode: r.gemeente_code, name: r.name, scope: r.scope, createdBy: r.created_by, createdAt: iso(r.created_at)!, lastUsedAt: iso(r.last_used_at), revokedAt: iso(r.revoked_at) }));
}

/** Revokes a token by id (or by name within a gemeente). Returns how many were revoked. */
export async function revokeApiToken(db: Db, idOrName: string, gemeenteCode?: string): Promise<number> {
  const isId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrName);
  let q = db.updateTable('api_token').set({ revoked_at: new Date() }).where('revoked_at', 'is', null);
  q = isId ? q.where('token_id', '=', idOrName) : q.where('name', '=', idOrName);
  if (gemeenteCode) q = q.where('gemeente_code', '=', gemeenteCode);
  if (!isId && !gemeenteCode) throw new TokenError('Give the token id, or the name together with --gemeente.');
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** The token's owner when it is valid and not revoked; records its use. */
export async function verifyApiToken(db: Db, token: string): Promise<{ tokenId: string; gemeenteCode: string; name: string; scope: 'import' } | null> {
  if (!TOKEN_RE.test(token)) return null;
  const row = await db.updateTable('api_token').set({ last_used_at: new Date() })
    .where('token_sha256', '=', sha256(token)).where('revoked_at', 'is', null)
    .returning(['token_id', 'gemeente_code', 'name', 'scope']).executeTakeFirst();
  return row ? { tokenId: row.token_id, gemeenteCode: row.gemeente_code, name: row.name, scope: row.scope } : null;
}
