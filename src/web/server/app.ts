import fs from 'node:fs';
import path from 'node:path';
import { Hono } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { secureHeaders } from 'hono/secure-headers';
import { bodyLimit } from 'hono/body-limit';
import { serveStatic } from '@hono/node-server/serve-static';
import { z } from 'zod';
import type { Koers } from '../../app/koers.js';
import { audit, AuthError, login, logout, mayReadPersonLevel, ROLE_LABELS, seesUnsuppressed, sessionFromToken, SESSION_HOURS, type SessionInfo } from '../../auth/index.js';
import { compileNumeratorUnits, definitionsFor, describe, DIMENSIONS, findDefinition, readResults, readState } from '../../indicators/index.js';
import { CompiledQuery } from 'kysely';
import { sql } from '../../db/index.js';
import { parsePeriod } from '../../model/periods.js';
import { ApiError, badRequest, forbidden, notFound } from './errors.js';
import { openApiDocument } from './openapi.js';
import { csrfUnlessBearer, withUploadLimits } from './routes/context.js';
import { importRoutes } from './routes/imports.js';
import { mappingRoutes } from './routes/mappings.js';
import { quarantineRoutes } from './routes/quarantine.js';
import { registerQualityRoutes } from './routes/quality.js';
import { registerMonitorRoutes } from './routes/monitor.js';
import { registerPeerRoutes } from './routes/peers.js';
import { registerSegmentRoutes } from './routes/segments.js';
import { registerOwnIndicatorRoutes } from './routes/own-indicators.js';
import { registerSteeringCurveRoutes } from './routes/steering-curve.js';
import { registerFrameworkRoutes } from './routes/frameworks.js';
import { forecastOfRows } from '../../indicators/forecast.js';

import { clientIp, requireSession } from './routes/context.js';

export const SESSION_COOKIE = 'koers_session';

type Env = { Variables: { session: SessionInfo | null; token: string | null } };

export interface AppOptions {
  /** Folder with the built SPA (dist/ui); omitted in API-only tests. */
  uiDir?: string | null;
  demoHint?: { username: string; password: string } | null;
}

export function createApp(koers: Koers, opts: AppOptions = {}) {
  const { db } = koers;
  const app = new Hono<Env>();

  app.use('*', secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:', 'blob:'],
      connectSrc: ["'self'"], fontSrc: ["'self'", 'data:'], objectSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'self'"], formAction: ["'self'"],
    },
    referrerPolicy: 'same-origin',
  }));
  // Origin check for every state-changing request (login included), plus a session-bound token below.
  // API-token requests (Authorization: Bearer) skip the origin check: see routes/context.ts.
  app.use('/api/*', csrfUnlessBearer(csrf()));
  app.use('/api/*', withUploadLimits(bodyLimit({ maxSize: 1024 * 1024, onError: (c) => c.json({ error: { code: 'too_large', message: 'Het verzoek is te groot.' } }, 413) })));
  app.use('/api/*', async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE) ?? null;
    const session = token ? await sessionFromToken(db, token) : null;
    c.set('token', token);
    c.set('session', session);
    if (session && !['GET', 'HEAD', 'OPTIONS'].includes(c.req.method) && c.req.header('x-csrf-token') !== session.csrfToken) {
      throw new ApiError(403, 'csrf', 'De beveiligingscode van dit formulier klopt niet. Herlaad de pagina en probeer het opnieuw.');
    }
    c.header('Cache-Control', 'no-store');
    await next();
  });

  const sessionBody = (s: SessionInfo) => ({
    user: { username: s.scope.username, displayName: s.displayName, role: s.scope.role, roleLabel: ROLE_LABELS[s.scope.role], gemeente: { code: s.scope.gemeenteCode, name: s.gemeenteName } },
    csrfToken: s.csrfToken,
  });

  app.get('/api/health', async (c) => {
    await sql`select 1`.execute(db);
    return c.json({ status: 'ok', database: koers.handle.engine });
  });
  app.get('/api/openapi.json', (c) => c.json(openApiDocument()));

  app.get('/api/auth/demo-hint', (c) => c.json(opts.demoHint
    ? { demo: true, username: opts.demoHint.username, password: opts.demoHint.password, text: 'Dit is een demo met een verzonnen gemeente (Koersdam). Er staan geen echte persoonsgegevens in.' }
    : { demo: false }));

  const loginBody = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) });
  app.post('/api/auth/login', async (c) => {
    const parsed = loginBody.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) throw badRequest('Vul je gebruikersnaam en wachtwoord in.');
    const { token, session } = await login(db, parsed.data.username, parsed.data.password, clientIp(c));
    setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Strict', secure: koers.config.secureCookies, path: '/', maxAge: SESSION_HOURS * 3600 });
    return c.json(sessionBody(session));
  });
  app.get('/api/auth/session', (c) => c.json(sessionBody(requireSession(c))));
  app.post('/api/auth/logout', async (c) => {
    const s = requireSession(c);
    await logout(db, c.get('token')!, s.scope, clientIp(c));
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  });

  app.get('/api/indicators', async (c) => {
    const s = requireSession(c);
    return c.json({ indicators: (await definitionsFor(db, s.scope.gemeenteCode)).map(describe) });
  });

  const valuesQuery = z.object({
    periodType: z.enum(['year', 'halfyear', 'quarter', 'month']).default('year'),
    by: z.enum(DIMENSIONS).optional(),
    period: z.string().optional(),
  });
  app.get('/api/indicators/:id/values', async (c) => {
    const s = requireSession(c);
    const d = await findDefinition(db, s.scope.gemeenteCode, c.req.param('id'));
    if (!d) throw notFound(`Indicator "${c.req.param('id')}" bestaat niet.`);
    const q = valuesQuery.safeParse(c.req.query());
    if (!q.success) throw badRequest(`Ongeldige periode-soort of uitsplitsing. Gebruik periodType=year|halfyear|quarter|month en by=${d.breakdowns.join('|') || '(geen)'}.`);
    if (q.data.by && !d.breakdowns.includes(q.data.by)) throw badRequest(`Indicator ${d.id} kan niet uitgesplitst worden naar ${q.data.by}. Wel naar: ${d.breakdowns.join(', ') || 'niets'}.`);
    if (q.data.period && !parsePeriod(q.data.period)) throw badRequest(`"${q.data.period}" is geen periode (bijvoorbeeld 2024, 2024-H1, 2024-Q1 of 2024-03).`);
    const profile = seesUnsuppressed(s.scope) ? 'none' : 'default';
    const rows = await readResults(db, d, { gemeente: s.scope.gemeenteCode, periodType: q.data.periodType, period: q.data.period, by: q.data.by ?? null, profile });
    const state = await readState(db, d, s.scope.gemeenteCode);
    // "If we do nothing": the trend of the published gemeente values (not for a breakdown or one period).
    const forecast = !q.data.by && !q.data.period ? forecastOfRows(rows) : null;
    return c.json({ indicator: describe(d), suppressionProfile: profile, state, rows, forecast });
  });

  // Person-level drill-down (pseudonymous ids only), for analysts; every call is audited.
  app.get('/api/indicators/:id/persons', async (c) => {
    const s = requireSession(c);
    if (!mayReadPersonLevel(s.scope)) throw forbidden('Alleen analisten mogen gegevens op persoonsniveau zien.');
    const d = await findDefinition(db, s.scope.gemeenteCode, c.req.param('id'));
    if (!d) throw notFound(`Indicator "${c.req.param('id')}" bestaat niet.`);
    const p = parsePeriod(c.req.query('period') ?? '');
    if (!p) throw badRequest('Geef een periode, bijvoorbeeld period=2024-Q1.');
    const q = compileNumeratorUnits(d, s.scope.gemeenteCode, p);
    const rows = await db.executeQuery<Record<string, string>>(CompiledQuery.raw(q.text, q.params));
    await audit(db, { gemeenteCode: s.scope.gemeenteCode, userId: s.scope.userId, username: s.scope.username, action: 'read_person_level', object: `${d.id}/${p.key}`, details: { rows: rows.rows.length }, ip: clientIp(c) });
    return c.json({ indicator: d.id, period: p.key, persons: rows.rows });
  });

  app.get('/api/areas', async (c) => {
    const s = requireSession(c);
    const level = c.req.query('level') ?? 'wijk';
    const rows = await db.selectFrom('area').select(['area_code', 'name', 'geometry']).where('gemeente_code', '=', s.scope.gemeenteCode).where('level', '=', level as 'wijk').orderBy('name').execute();
    return c.json({ type: 'FeatureCollection', features: rows.filter((r) => r.geometry).map((r) => ({ type: 'Feature', properties: { code: r.area_code, name: r.name }, geometry: r.geometry })) });
  });

  registerQualityRoutes(app, db);
  registerMonitorRoutes(app, db);
  registerPeerRoutes(app, db);
  registerSegmentRoutes(app, db);
  registerOwnIndicatorRoutes(app, db);
  registerSteeringCurveRoutes(app, db);
  registerFrameworkRoutes(app, db);

  app.route('/', importRoutes(koers));
  app.route('/', quarantineRoutes(koers));
  app.route('/', mappingRoutes(koers));

  app.all('/api/*', () => { throw notFound('Deze API-route bestaat niet. Zie /api/openapi.json.'); });

  if (opts.uiDir) {
    const uiDir = opts.uiDir;
    app.use('/*', serveStatic({ root: path.relative(process.cwd(), uiDir) || '.' }));
    const indexHtml = () => fs.readFileSync(path.join(uiDir, 'index.html'), 'utf8');
    app.get('*', (c) => c.html(indexHtml()));
  }

  app.onError((err, c) => {
    if (err instanceof ApiError) return c.json({ error: { code: err.code, message: err.message } }, err.status);
    if (err instanceof AuthError) {
      const status = err.code === 'too_many_attempts' ? 429 : err.code === 'invalid_input' ? 400 : 401;
      return c.json({ error: { code: err.code, message: err.message } }, status);
    }
    if ((err as { status?: number }).status === 403) return c.json({ error: { code: 'forbidden', message: 'Verzoek geweigerd (controle op herkomst).' } }, 403);
    console.error('unexpected error:', err);
    return c.json({ error: { code: 'internal', message: 'Er ging iets mis aan onze kant. Probeer het later opnieuw.' } }, 500);
  });
  return app;
}
