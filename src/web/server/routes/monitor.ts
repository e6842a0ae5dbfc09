import crypto from 'node:crypto';
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { audit, seesUnsuppressed, type SessionInfo } from '../../../auth/index.js';
import type { Db } from '../../../db/index.js';
import { definitionsFor, DIMENSIONS, findDefinition, readResults, type IndicatorDefinition } from '../../../indicators/index.js';
import { buildOverview, buildWijkProfile } from '../../../indicators/overview.js';
import { readTargets, replaceTargets } from '../../../indicators/targets.js';
import type { DisclosureProfile } from '../../../indicators/disclosure.js';
import { parsePeriod, type PeriodType } from '../../../model/periods.js';
import { badRequest, forbidden, notFound } from '../errors.js';
import { clientIp, requireSession, type ApiEnv } from './context.js';
import { rowsToCsv, rowsToXlsx } from './export.js';

/**
 * The monitor pages' API (issue 4): the overview in one call, targets and baselines, exports of
 * exactly what an indicator page shows, and the wijk profile. Every figure comes from readResults,
 * so disclosure control applies as for /api/indicators/{id}/values: only an analist sees
 * unrounded, unsuppressed figures.
 */

/** Who may set targets and baselines. */
export const TARGET_EDITORS = new Set(['beleid', 'beheerder']);
export const mayEditTargets = (s: SessionInfo) => TARGET_EDITORS.has(s.scope.role);

const PERIOD_TYPE = z.enum(['year', 'halfyear', 'quarter', 'month']);
const profileOf = (s: SessionInfo): DisclosureProfile => (seesUnsuppressed(s.scope) ? 'none' : 'default');

/** A catalogue preset or one of the gemeente's own indicators. */
async function requireIndicator(db: Db, gemeente: string, id: string): Promise<IndicatorDefinition> {
  const d = await findDefinition(db, gemeente, id);
  if (!d) throw notFound(`Indicator "${id}" bestaat niet.`);
  return d;
}

/** periodType / by / period exactly as the values endpoint checks them. */
const sliceQuery = z.object({ periodType: PERIOD_TYPE.default('year'), by: z.enum(DIMENSIONS).optional(), period: z.string().optional() });
function parseSlice(d: IndicatorDefinition, query: Record<string, string>) {
  const q = sliceQuery.safeParse(query);
  if (!q.success) throw badRequest(`Ongeldige periode-soort of uitsplitsing. Gebruik periodType=year|halfyear|quarter|month en by=${d.breakdowns.join('|') || '(geen)'}.`);
  if (q.data.by && !d.breakdowns.includes(q.data.by)) throw badRequest(`Indicator ${d.id} kan niet uitgesplitst worden naar ${q.data.by}. Wel naar: ${d.breakdowns.join(', ') || 'niets'}.`);
  if (q.data.period && !parsePeriod(q.data.period)) throw badRequest(`"${q.data.period}" is geen periode (bijvoorbeeld 2024, 2024-H1, 2024-Q1 of 2024-03).`);
  return { periodType: q.data.periodType as PeriodType, by: q.data.by ?? null, period: q.data.period ?? null };
}

/**
 * JSON with an ETag: a repeated request for unchanged figures is answered 304. Disclosed figures
 * may be kept in the user's own browser cache (private, revalidated every time); an analist's
 * unsuppressed figures are never stored (no-store, set for all of /api in app.ts).
 */
function cachedJson(c: Context<ApiEnv>, s: SessionInfo, body: unknown) {
  const text = JSON.stringify(body);
  const etag = `W/"${crypto.createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`;
  if (profileOf(s) !== 'none') {
    c.header('Cache-Control', 'private, no-cache');
    c.header('ETag', etag);
    c.header('Vary', 'Cookie');
    const inm = c.req.header('if-none-match');
    if (inm && inm.split(',').map((x) => x.trim()).includes(etag)) return c.body(null, 304);
  }
  c.header('Content-Type', 'application/json; charset=UTF-8');
  return c.body(text, 200);
}

const num = z.number().finite();
const targetEntry = z.object({
  year: z.number().int().min(2000).max(2100),
  area: z.string().min(1).max(40).nullable().optional(),
  target: num.nullable().optional(),
  baseline: num.nullable().optional(),
  note: z.string().max(500).nullable().optional(),
});
const targetsBody = z.object({ targets: z.array(targetEntry).max(500) });

function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'Ongeldige invoer.';
  const line = typeof issue.path[1] === 'number' ? issue.path[1] + 1 : null;
  const where = line ? ` (regel ${line})` : '';
  const field = String(issue.path.at(-1) ?? '');
  const text: Record<string, string> = {
    year: 'Het jaar moet een heel getal tussen 2000 en 2100 zijn',
    target: 'De streefwaarde moet een getal zijn',
    baseline: 'De nulmeting moet een getal zijn',
    note: 'De toelichting mag hoogstens 500 tekens hebben',
    area: 'De wijk moet een wijkcode zijn',
  };
  return `${text[field] ?? 'Stuur { targets: [{ year, area, target, baseline, note }] }'}${where}.`;
}

export function registerMonitorRoutes(app: Hono<ApiEnv>, db: Db) {
  app.get('/api/monitor/overview', async (c) => {
    const s = requireSession(c);
    const q = z.object({ periodType: PERIOD_TYPE.default('year') }).safeParse(c.req.query());
    if (!q.success) throw badRequest('Ongeldige periode-soort. Gebruik periodType=year|halfyear|quarter|month.');
    const body = await buildOverview(db, await definitionsFor(db, s.scope.gemeenteCode), { gemeente: s.scope.gemeenteCode, periodType: q.data.periodType, profile: profileOf(s) });
    return cachedJson(c, s, { ...body, mayEditTargets: mayEditTargets(s) });
  });

  app.get('/api/indicators/:id/targets', async (c) => {
    const s = requireSession(c);
    const d = await requireIndicator(db, s.scope.gemeenteCode, c.req.param('id'));
    const targets = (await readTargets(db, s.scope.gemeenteCode, d.id)).map(({ indicatorId: _i, ...t }) => t);
    return c.json({ indicator: d.id, targets, mayEdit: mayEditTargets(s) });
  });

  app.put('/api/indicators/:id/targets', async (c) => {
    const s = requireSession(c);
    if (!mayEditTargets(s)) throw forbidden('Alleen beleidsadviseurs en beheerders kunnen streefwaarden en nulmetingen vastleggen.');
    const d = await requireIndicator(db, s.scope.gemeenteCode, c.req.param('id'));
    const parsed = targetsBody.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) throw badRequest(describeIssue(parsed.error.issues[0]));
    const entries = parsed.data.targets.map((t) => ({
      year: t.year, area: t.area ?? null, target: t.target ?? null, baseline: t.baseline ?? null, note: t.note?.trim() ? t.note.trim() : null,
    }));
    const seen = new Set<string>();
    const areas = entries.some((t) => t.area)
      ? new Set((await db.selectFrom('area').select('area_code').where('gemeente_code', '=', s.scope.gemeenteCode).where('level', '=', 'wijk').execute()).map((r) => r.area_code))
      : new Set<string>();
    for (const t of entries) {
      const label = `${t.year}${t.area ? ` (${t.area})` : ''}`;
      if (t.target === null && t.baseline === null) throw badRequest(`Vul voor ${label} een streefwaarde of een nulmeting in.`);
      const k = `${t.year}|${t.area ?? ''}`;
      if (seen.has(k)) throw badRequest(`Voor ${label} staat er meer dan één streefwaarde. Geef er één per jaar en wijk.`);
      seen.add(k);
      if (t.area && !d.breakdowns.includes('wijk')) throw badRequest(`Indicator ${d.id} heeft geen cijfers per wijk, dus ook geen streefwaarde per wijk.`);
      if (t.area && !areas.has(t.area)) throw badRequest(`Wijk "${t.area}" bestaat niet in deze gemeente.`);
      if (d.unit === '%') {
        for (const [name, v] of [['streefwaarde', t.target], ['nulmeting', t.baseline]] as const) {
          if (v !== null && (v < 0 || v > 100)) throw badRequest(`De ${name} voor ${label} is een percentage en moet tussen 0 en 100 liggen.`);
        }
      }
    }
    const change = await replaceTargets(db, s.scope.gemeenteCode, d.id, entries, s.scope.username);
    await audit(db, {
      gemeenteCode: s.scope.gemeenteCode, userId: s.scope.userId, username: s.scope.username, action: 'indicator_targets', object: d.id,
      details: { ...change, targets: entries.map((t) => ({ year: t.year, area: t.area, target: t.target, baseline: t.baseline })) }, ip: clientIp(c),
    });
    const targets = (await readTargets(db, s.scope.gemeenteCode, d.id)).map(({ indicatorId: _i, ...t }) => t);
    return c.json({ indicator: d.id, targets, mayEdit: true, ...change });
  });

  app.get('/api/indicators/:id/export', async (c) => {
    const s = requireSession(c);
    const d = await requireIndicator(db, s.scope.gemeenteCode, c.req.param('id'));
    const format = c.req.query('format') ?? 'csv';
    if (format !== 'csv' && format !== 'xlsx') throw badRequest('Kies format=csv of format=xlsx.');
    const query = { ...c.req.query() };
    delete query.format;
    const slice = parseSlice(d, query);
    const profile = profileOf(s);
    const rows = await readResults(db, d, { gemeente: s.scope.gemeenteCode, periodType: slice.periodType, period: slice.period ?? undefined, by: slice.by, profile });
    await audit(db, {
      gemeenteCode: s.scope.gemeenteCode, userId: s.scope.userId, username: s.scope.username, action: 'indicator_export', object: d.id,
      details: { format, ...slice, rows: rows.length, profile }, ip: clientIp(c),
    });
    const name = [d.id, slice.periodType, slice.by, slice.period].filter(Boolean).join('_').replace(/[^A-Za-z0-9_-]/g, '-');
    if (format === 'csv') {
      c.header('Content-Type', 'text/csv; charset=UTF-8');
      c.header('Content-Disposition', `attachment; filename="${name}.csv"`);
      return c.body(rowsToCsv(rows));
    }
    const buf = await rowsToXlsx(rows, { indicator: d, gemeenteName: s.gemeenteName, ...slice, profile, exportedBy: s.scope.username });
    c.header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    c.header('Content-Disposition', `attachment; filename="${name}.xlsx"`);
    return c.body(new Uint8Array(buf));
  });

  app.get('/api/wijken/:code/profile', async (c) => {
    const s = requireSession(c);
    const q = z.object({ periodType: PERIOD_TYPE.default('year'), period: z.string().optional() }).safeParse(c.req.query());
    if (!q.success) throw badRequest('Ongeldige periode-soort. Gebruik periodType=year|halfyear|quarter|month.');
    const period = q.data.period ? parsePeriod(q.data.period) : null;
    if (q.data.period && !period) throw badRequest(`"${q.data.period}" is geen periode (bijvoorbeeld 2024, 2024-H1, 2024-Q1 of 2024-03).`);
    if (period && period.type !== q.data.periodType) throw badRequest(`Periode ${q.data.period} past niet bij periodType=${q.data.periodType}.`);
    const wijk = await db.selectFrom('area').select(['area_code', 'name']).where('gemeente_code', '=', s.scope.gemeenteCode)
      .where('level', '=', 'wijk').where('area_code', '=', c.req.param('code')).executeTakeFirst();
    if (!wijk) throw notFound(`Wijk "${c.req.param('code')}" bestaat niet in deze gemeente.`);
    const body = await buildWijkProfile(db, await definitionsFor(db, s.scope.gemeenteCode), {
      gemeente: s.scope.gemeenteCode, wijk: wijk.area_code, periodType: q.data.periodType, period: period?.key ?? null, profile: profileOf(s),
    });
    return cachedJson(c, s, { wijk: { code: wijk.area_code, name: wijk.name }, gemeente: { code: s.scope.gemeenteCode, name: s.gemeenteName }, ...body });
  });
}
