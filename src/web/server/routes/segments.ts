import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { audit, mayEditSteering, seesUnsuppressed, type SessionInfo } from '../../../auth/index.js';
import type { Db } from '../../../db/index.js';
import type { DisclosureProfile } from '../../../indicators/disclosure.js';
import { parsePeriod } from '../../../model/periods.js';
import {
  BASISVOORWAARDEN, COUNT_ITEMS, FLOW_FROM, FLOW_TO, readDraagkracht, readFlows, readPyramid, readSegmentConfig, readStapeling, SegmentConfigError, SEGMENTS, updateSegmentConfig,
} from '../../../steering/segments/index.js';
import { badRequest, forbidden } from '../errors.js';
import { clientIp, requireSession, type ApiEnv } from './context.js';
import { exportFileName, exportFormat, sendTable, type ExportTable } from '../table-export.js';

/**
 * The pyramid (80/15/5), flows between segments, draagkracht and stapeling (issue 5). Every
 * figure is disclosed with the caller's profile (only an analist sees unsuppressed figures; raad
 * and everyone else get rounded, suppressed figures). The configuration is set by beleid and
 * beheerder, audited, and recomputes the segment figures at once. Exports hold exactly the
 * figures the page shows for the same parameters.
 */

const profileOf = (s: SessionInfo): DisclosureProfile => (seesUnsuppressed(s.scope) ? 'none' : 'default');

const PERIOD_TYPE = z.enum(['year', 'halfyear', 'quarter']);
const query = z.object({
  periodType: PERIOD_TYPE.default('year'),
  period: z.string().max(10).optional(),
  area: z.string().regex(/^[0-9A-Za-z_-]{1,30}$/).optional(),
});

function parseQuery(c: Context<ApiEnv>) {
  const q = query.safeParse(c.req.query());
  if (!q.success) throw badRequest('Ongeldige vraag. Gebruik periodType=year|halfyear|quarter, period=2024 (of 2024-H1, 2024-Q1) en area=GM… of een wijkcode.');
  if (q.data.period) {
    const p = parsePeriod(q.data.period);
    if (!p || p.type !== q.data.periodType) throw badRequest(`"${q.data.period}" is geen periode van de soort ${q.data.periodType} (bijvoorbeeld 2024, 2024-H1 of 2024-Q1).`);
  }
  return { periodType: q.data.periodType, period: q.data.period ?? null, area: q.data.area ?? null };
}

const configBody = z.object({
  minLaws: z.number().int().min(1).max(4),
  residential: z.boolean(),
  zrmMonths: z.number().int().min(1).max(60),
  zrmMaxScore: z.number().int().min(1).max(4),
  target: z.object({ zelfredzaam: z.number().min(0).max(100), licht: z.number().min(0).max(100), kwetsbaar: z.number().min(0).max(100) }),
});

type Part = 'pyramid' | 'flows' | 'draagkracht' | 'stapeling';
type Table = ExportTable;

async function buildTable(db: Db, part: Part, gemeente: string, q: ReturnType<typeof parseQuery>, profile: DisclosureProfile): Promise<Table> {
  if (part === 'pyramid') {
    const p = await readPyramid(db, { gemeente, ...q, profile });
    return {
      columns: ['period', 'area', 'areaName', 'segment', 'persons', 'share', 'target', 'inhabitants', 'status', 'suppressed'],
      rows: p.rows.flatMap((r) => SEGMENTS.map((s) => [r.period, r.area, r.areaName, s, r.segments[s].persons, r.segments[s].share, r.segments[s].target, r.inhabitants, r.status, r.segments[s].suppressed])),
    };
  }
  if (part === 'flows') {
    const { table: t } = await readFlows(db, { gemeente, periodType: q.periodType, to: q.period, area: q.area, profile });
    const rows: Table['rows'] = [];
    if (t) {
      for (const c of t.cells) rows.push([t.from, t.to, t.area, t.areaName, c.from, c.to, c.persons, c.suppressed]);
      for (const f of FLOW_FROM) rows.push([t.from, t.to, t.area, t.areaName, f, 'totaal', t.fromTotals[f].persons, t.fromTotals[f].suppressed]);
      for (const x of FLOW_TO) rows.push([t.from, t.to, t.area, t.areaName, 'totaal', x, t.toTotals[x].persons, t.toTotals[x].suppressed]);
      rows.push([t.from, t.to, t.area, t.areaName, 'totaal', 'totaal', t.total.persons, t.total.suppressed]);
    }
    return { columns: ['fromPeriod', 'toPeriod', 'area', 'areaName', 'fromSegment', 'toSegment', 'persons', 'suppressed'], rows };
  }
  if (part === 'draagkracht') {
    const d = await readDraagkracht(db, { gemeente, ...q, profile });
    const rows: Table['rows'] = [];
    for (const r of d.rows) {
      rows.push([d.period, d.area, r.segment, 'personen', '', r.persons.persons, null, r.persons.suppressed]);
      for (const b of ['sterk', 'gelijk', 'zwak'] as const) rows.push([d.period, d.area, r.segment, 'balans', b, r.balance[b].persons, null, r.balance[b].suppressed]);
      for (const b of BASISVOORWAARDEN) rows.push([d.period, d.area, r.segment, 'basisvoorwaarde_niet_op_orde', b, r.basis[b].persons, r.basis[b].share, r.basis[b].suppressed]);
      rows.push([d.period, d.area, r.segment, 'gemiddeld_sterke_domeinen', '', null, r.meanStrong, r.meanStrong === null]);
      rows.push([d.period, d.area, r.segment, 'gemiddeld_zwakke_domeinen', '', null, r.meanWeak, r.meanWeak === null]);
    }
    return { columns: ['period', 'area', 'segment', 'measure', 'item', 'persons', 'value', 'suppressed'], rows };
  }
  const s = await readStapeling(db, { gemeente, area: q.area, profile });
  const rows: Table['rows'] = [];
  for (const r of s.rows) {
    rows.push([r.period, s.area, 'totaal', '', r.total.persons, r.total.suppressed]);
    for (const c of COUNT_ITEMS) rows.push([r.period, s.area, 'aantal_voorzieningen', c, r.counts[c].persons, r.counts[c].suppressed]);
    for (const c of r.combos) rows.push([r.period, s.area, 'combinatie_wetten', c.combo, c.households.persons, c.households.suppressed]);
  }
  return { columns: ['period', 'area', 'kind', 'item', 'households', 'suppressed'], rows };
}

const PART_NAMES: Record<Part, string> = { pyramid: 'Piramide: inwoners per groep', flows: 'Bewegingen tussen groepen', draagkracht: 'Draagkracht en draaglast (ZRM)', stapeling: 'Stapeling: huishoudens met meer voorzieningen' };

export function registerSegmentRoutes(app: Hono<ApiEnv>, db: Db) {
  app.get('/api/segments/pyramid', async (c) => {
    const s = requireSession(c);
    const q = parseQuery(c);
    const body = await readPyramid(db, { gemeente: s.scope.gemeenteCode, ...q, profile: profileOf(s) });
    return c.json({ ...body, suppressionProfile: profileOf(s) });
  });

  app.get('/api/segments/flows', async (c) => {
    const s = requireSession(c);
    const q = parseQuery(c);
    const body = await readFlows(db, { gemeente: s.scope.gemeenteCode, periodType: q.periodType, to: q.period, area: q.area, profile: profileOf(s) });
    return c.json({ ...body, suppressionProfile: profileOf(s) });
  });

  app.get('/api/segments/draagkracht', async (c) => {
    const s = requireSession(c);
    const q = parseQuery(c);
    const body = await readDraagkracht(db, { gemeente: s.scope.gemeenteCode, ...q, profile: profileOf(s) });
    return c.json({ ...body, suppressionProfile: profileOf(s) });
  });

  app.get('/api/segments/stapeling', async (c) => {
    const s = requireSession(c);
    const q = parseQuery(c);
    const body = await readStapeling(db, { gemeente: s.scope.gemeenteCode, area: q.area, profile: profileOf(s) });
    return c.json({ ...body, suppressionProfile: profileOf(s) });
  });

  app.get('/api/segments/config', async (c) => {
    const s = requireSession(c);
    return c.json({ ...(await readSegmentConfig(db, s.scope.gemeenteCode)), mayEdit: mayEditSteering(s.scope) });
  });

  app.put('/api/segments/config', async (c) => {
    const s = requireSession(c);
    if (!mayEditSteering(s.scope)) throw forbidden('Alleen beleidsadviseurs en beheerders kunnen de grenzen en streefwaarden van de piramide aanpassen.');
    const parsed = configBody.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) throw badRequest('Stuur { minLaws (1-4), residential (true/false), zrmMonths (1-60), zrmMaxScore (1-4), target: { zelfredzaam, licht, kwetsbaar } } met streefwaarden die samen 100 zijn.');
    let change;
    try {
      change = await updateSegmentConfig(db, s.scope.gemeenteCode, parsed.data, s.scope.username);
    } catch (e) {
      if (e instanceof SegmentConfigError) throw badRequest(e.message);
      throw e;
    }
    await audit(db, { gemeenteCode: s.scope.gemeenteCode, userId: s.scope.userId, username: s.scope.username, action: 'segment_config', object: 'segment_config', details: { before: change.before, after: change.after, recomputed: change.rulesChanged }, ip: clientIp(c) });
    return c.json({ ...(await readSegmentConfig(db, s.scope.gemeenteCode)), mayEdit: true, recomputed: change.rulesChanged });
  });

  app.get('/api/segments/export', async (c) => {
    const s = requireSession(c);
    const part = c.req.query('part');
    if (part !== 'pyramid' && part !== 'flows' && part !== 'draagkracht' && part !== 'stapeling') throw badRequest('Kies part=pyramid, flows, draagkracht of stapeling.');
    const format = exportFormat(c);
    const q = parseQuery(c);
    const profile = profileOf(s);
    const t = await buildTable(db, part, s.scope.gemeenteCode, q, profile);
    await audit(db, { gemeenteCode: s.scope.gemeenteCode, userId: s.scope.userId, username: s.scope.username, action: 'segment_export', object: part, details: { format, ...q, rows: t.rows.length, profile }, ip: clientIp(c) });
    return sendTable(c, t, {
      name: exportFileName(['piramide', part, q.periodType, q.period, q.area]), format, meta: [
        ['Onderdeel', PART_NAMES[part]], ['Gemeente', s.gemeenteName], ['Periode', `${q.periodType}${q.period ? `, ${q.period}` : ''}`], ['Gebied', q.area ?? 'hele gemeente'],
        ['Regels', 'Zie docs/segments.md: zelfredzaam = geen voorziening; kwetsbaar = voorzieningen uit meer wetten, verblijf, of een lage ZRM-score op een basisvoorwaarde; licht = de rest.'],
        ['Privacy', profile === 'none' ? 'Onafgeronde aantallen (rol analist). Niet verder verspreiden.' : 'Aantallen afgerond op 5; aantallen onder 10 en aantallen waaruit die terug te rekenen zijn, zijn weggelaten (suppressed = true).'],
        ['Geëxporteerd', `${new Date().toISOString()} door ${s.scope.username}`],
      ],
    });
  });
}
