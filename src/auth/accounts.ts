import crypto from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Db } from '../db/index.js';
import { audit } from './audit.js';
import { isRole, ROLES, type Role, type Scope } from './roles.js';

const ARGON2 = { algorithm: 2 /* Argon2id (const enum in @node-rs/argon2) */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
export const SESSION_HOURS = 8;

export class AuthError extends Error {
  override name = 'AuthError';
  constructor(public readonly code: 'invalid_credentials' | 'too_many_attempts' | 'unauthenticated' | 'invalid_input', message: string) { super(message); }
}

export async function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export interface NewUser { gemeenteCode: string; username: string; password: string; role: string; displayName?: string; agbCode?: string | null }

export async function addUser(db: Db, u: NewUser): Promise<string> {
  if (!/^[a-z0-9._-]{3,64}$/.test(u.username)) throw new AuthError('invalid_input', 'Gebruikersnaam: 3 tot 64 tekens, kleine letters, cijfers, punt, streepje of liggend streepje.');
  if (!isRole(u.role)) throw new AuthError('invalid_input', `Onbekende rol "${u.role}". Kies uit: ${ROLES.join(', ')}.`);
  if (u.password.length < 10) throw new AuthError('invalid_input', 'Het wachtwoord moet minstens 10 tekens lang zijn.');
  const g = await db.selectFrom('gemeente').select('gemeente_code').where('gemeente_code', '=', u.gemeenteCode).executeTakeFirst();
  if (!g) throw new AuthError('invalid_input', `Gemeente ${u.gemeenteCode} is niet geregistreerd (koers gemeenten add ${u.gemeenteCode} "<naam>").`);
  const userId = crypto.randomUUID();
  await db.insertInto('app_user').values({
    user_id: userId, gemeente_code: u.gemeenteCode, username: u.username, display_name: u.displayName ?? u.username,
    role: u.role as Role, password_hash: await hashPassword(u.password), agb_code: u.agbCode ?? null,
  }).onConflict((oc) => oc.column('username').doUpdateSet({ password_hash: (eb) => eb.ref('excluded.password_hash'), role: (eb) => eb.ref('excluded.role'), display_name: (eb) => eb.ref('excluded.display_name'), gemeente_code: (eb) => eb.ref('excluded.gemeente_code') })).execute();
  await audit(db, { gemeenteCode: u.gemeenteCode, action: 'user_added', object: u.username, details: { role: u.role } });
  return userId;
}

/** Simple in-memory throttle: 5 failed attempts per username+ip within 5 minutes lock that pair for 5 minutes. */
const failures = new Map<string, { count: number; first: number }>();
const WINDOW_MS = 5 * 60_000;

export interface SessionInfo { scope: Scope; displayName: string; gemeenteName: string; csrfToken: string }

export async function login(db: Db, username: string, password: string, ip: string | null): Promise<{ token: string; session: SessionInfo }> {
  const key = `${username.toLowerCase()}|${ip ?? ''}`;
  const f = failures.get(key);
  if (f && f.count >= 5 && Date.now() - f.first < WINDOW_MS) throw new AuthError('too_many_attempts', 'Te veel mislukte pogingen. Probeer het over een paar minuten opnieuw.');
  const user = await db.selectFrom('app_user').innerJoin('gemeente', 'gemeente.gemeente_code', 'app_user.gemeente_code')
    .select(['user_id', 'app_user.gemeente_code', 'username', 'display_name', 'role', 'password_hash', 'disabled', 'gemeente.name as gemeente_name'])
    .where('username', '=', username.toLowerCase()).executeTakeFirst();
  // Verify against a dummy hash when the user does not exist, so timing does not reveal usernames.
  const ok = await verify(user?.password_hash ?? (await dummyHash()), password).catch(() => false);
  if (!user || !ok || user.disabled) {
    const cur = f && Date.now() - f.first < WINDOW_MS ? f : { count: 0, first: Date.now() };
    cur.count++;
    failures.set(key, cur);
    await audit(db, { gemeenteCode: user?.gemeente_code ?? null, userId: user?.user_id ?? null, username, action: 'login_failed', ip });
    throw new AuthError('invalid_credentials', 'Gebruikersnaam of wachtwoord klopt niet.');
  }
  failures.delete(key);
  const token = crypto.randomBytes(32).toString('base64url');
  const csrfToken = crypto.randomBytes(32).toString('base64url');
  await db.insertInto('user_session').values({ session_hash: sha256(token), user_id: user.user_id, csrf_token: csrfToken, expires_at: new Date(Date.now() + SESSION_HOURS * 3600_000) }).execute();
  await audit(db, { gemeenteCode: user.gemeente_code, userId: user.user_id, username: user.username, action: 'login', ip });
  return { token, session: { scope: { userId: user.user_id, username: user.username, role: user.role as Role, gemeenteCode: user.gemeente_code }, displayName: user.display_name, gemeenteName: user.gemeente_name, csrfToken } };
}

/**
 * Sessions are looked up on every API call; a short in-process cache keeps that off the database
 * on busy dashboards. Logout in this process removes the entry at once; a change made by another
 * process (another server instance, the CLI) takes effect within SESSION_CACHE_MS.
 */
const SESSION_CACHE_MS = 10_000;
const sessionCaches = new WeakMap<Db, Map<string, { session: SessionInfo; until: number }>>();
const sessionCacheOf = (db: Db) => sessionCaches.get(db) ?? sessionCaches.set(db, new Map()).get(db)!;

export async function sessionFromToken(db: Db, token: string | undefined): Promise<SessionInfo | null> {
  if (!token || token.length > 200) return null;
  const key = sha256(token);
  const sessionCache = sessionCacheOf(db);
  const hit = sessionCache.get(key);
  if (hit && hit.until > Date.now()) return hit.session;
  sessionCache.delete(key);
  const session = await loadSession(db, key);
  if (session) {
    if (sessionCache.size > 10_000) sessionCache.clear();
    sessionCache.set(key, { session, until: Date.now() + SESSION_CACHE_MS });
  }
  return session;
}

async function loadSession(db: Db, sessionHash: string): Promise<SessionInfo | null> {
  const row = await db.selectFrom('user_session').innerJoin('app_user', 'app_user.user_id', 'user_session.user_id').innerJoin('gemeente', 'gemeente.gemeente_code', 'app_user.gemeente_code')
    .select(['app_user.user_id', 'app_user.username', 'app_user.display_name', 'app_user.role', 'app_user.gemeente_code', 'app_user.disabled', 'gemeente.name as gemeente_name', 'user_session.csrf_token', 'user_session.expires_at'])
    .where('session_hash', '=', sessionHash).executeTakeFirst();
  if (!row || row.disabled || new Date(row.expires_at).getTime() < Date.now()) return null;
  return { scope: { userId: row.user_id, username: row.username, role: row.role as Role, gemeenteCode: row.gemeente_code }, displayName: row.display_name, gemeenteName: row.gemeente_name, csrfToken: row.csrf_token };
}

export async function logout(db: Db, token: string, scope: Scope, ip: string | null): Promise<void> {
  sessionCacheOf(db).delete(sha256(token));
  await db.deleteFrom('user_session').where('session_hash', '=', sha256(token)).execute();
  await audit(db, { gemeenteCode: scope.gemeenteCode, userId: scope.userId, username: scope.username, action: 'logout', ip });
}

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
// A hash of a random string, only to spend the same time on unknown usernames.
let dummy: Promise<string> | null = null;
const dummyHash = () => (dummy ??= hashPassword(crypto.randomBytes(16).toString('hex')));
