import path from 'node:path';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getConnInfo } from '@hono/node-server/conninfo';
import { mayImport, type SessionInfo } from '../../../auth/index.js';
import type { Db } from '../../../db/index.js';
import { ApiError, forbidden, unauthenticated } from '../errors.js';
import { verifyApiToken } from '../../../auth/api-tokens.js';

/** The variables app.ts sets on every /api request (same shape as its own Env). */
export type ApiEnv = { Variables: { session: SessionInfo | null; token: string | null } };
export type ApiContext = Context<ApiEnv>;

export function clientIp(c: Context): string | null {
  try { return getConnInfo(c).remote.address ?? null; } catch { return null; }
}

export function requireSession(c: ApiContext): SessionInfo {
  const s = c.get('session');
  if (!s) throw unauthenticated();
  return s;
}

const IMPORT_ROLES_TEXT = 'Alleen beheerders en analisten mogen gegevens inlezen en importfouten bekijken.';

/** A logged-in user who may import (beheerder, analist). */
export function requireImporter(c: ApiContext): SessionInfo {
  const s = requireSession(c);
  if (!mayImport(s.scope)) throw forbidden(IMPORT_ROLES_TEXT);
  return s;
}

/**
 * Who is importing: a logged-in user (web, session cookie + CSRF header) or an automated feed
 * with an API token. The gemeente always comes from the session or the token, never from the request.
 */
export interface ImportCaller {
  via: 'web' | 'api';
  gemeenteCode: string;
  userId: string | null;
  username: string;
  tokenId: string | null;
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** True when the request carries `Authorization: Bearer …` (an API token, not a browser session). */
export function hasBearer(c: Context): boolean {
  return BEARER.test(c.req.header('authorization') ?? '');
}

/**
 * The caller of an import endpoint: a bearer token when one is sent (never falling back to the
 * cookie then), else the session. Either way the import policy applies.
 */
export async function requireImportCaller(c: ApiContext, db: Db): Promise<ImportCaller> {
  const m = BEARER.exec(c.req.header('authorization') ?? '');
  if (m) {
    const t = await verifyApiToken(db, m[1]!);
    if (!t) throw new ApiError(401, 'invalid_token', 'Dit API-token is ongeldig of ingetrokken. Vraag de beheerder om een nieuw token (koers tokens add).');
    return { via: 'api', gemeenteCode: t.gemeenteCode, userId: null, username: `token:${t.name}`, tokenId: t.tokenId };
  }
  const s = requireImporter(c);
  return { via: 'web', gemeenteCode: s.scope.gemeenteCode, userId: s.scope.userId, username: s.scope.username, tokenId: null };
}

/** A safe display name for an uploaded file: no folders, no control characters, at most 200 characters. */
export function cleanFileName(name: string, fallback = 'upload'): string {
  const base = path.basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (base || fallback).slice(0, 200);
}

/** `?page=1&pageSize=50` (page size 1–500). */
export function paging(c: Context, defaultSize = 50): { page: number; pageSize: number; offset: number } {
  const int = (v: string | undefined, d: number) => (v && /^\d{1,6}$/.test(v) ? Number(v) : d);
  const page = Math.max(1, int(c.req.query('page'), 1));
  const pageSize = Math.min(500, Math.max(1, int(c.req.query('pageSize'), defaultSize)));
  return { page, pageSize, offset: (page - 1) * pageSize };
}

export const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

/** Uploads may be larger than the 1 MB every other API route accepts. */
export const UPLOAD_LIMITS: { method: string; path: string; maxBytes: number; message: string }[] = [
  { method: 'POST', path: '/api/imports', maxBytes: 200 * 1024 * 1024, message: 'De upload is groter dan 200 MB. Verdeel de bestanden over meer uploads.' },
  { method: 'POST', path: '/api/mappings/preview', maxBytes: 25 * 1024 * 1024, message: 'Het voorbeeldbestand is groter dan 25 MB. Neem een kleiner deel van het bestand.' },
];

/** Wraps the default body limit: upload routes get their own, larger limit instead. */
export function withUploadLimits(defaultLimit: MiddlewareHandler): MiddlewareHandler {
  const large = UPLOAD_LIMITS.map((l) => ({
    ...l,
    handler: bodyLimit({ maxSize: l.maxBytes, onError: (c) => c.json({ error: { code: 'too_large', message: l.message } }, 413) }),
  }));
  return async (c, next) => {
    const path = c.req.path.replace(/\/+$/, '');
    const hit = large.find((l) => l.method === c.req.method && l.path === path);
    return (hit ? hit.handler : defaultLimit)(c, next);
  };
}

/**
 * The origin check is for browsers, whose cookies travel with cross-site requests. A request with
 * `Authorization: Bearer` cannot come from a cross-site form (browsers never add that header to
 * one), and a bearer request is never authenticated by its cookie, so the check is skipped there.
 */
export function csrfUnlessBearer(originCheck: MiddlewareHandler): MiddlewareHandler {
  return async (c, next) => (hasBearer(c) ? next() : originCheck(c, next));
}
