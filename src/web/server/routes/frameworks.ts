import type { Hono } from 'hono';
import { audit, mayEditSteering, type SessionInfo } from '../../../auth/index.js';
import type { Db } from '../../../db/index.js';
import { definitionsFor } from '../../../indicators/index.js';
import {
  addNode, adoptVersion, buildStatusView, createFramework, defaultVersion, discardConcept, FrameworkError, listFrameworks, newVersion,
  readFramework, readFrameworkHistory, readVersion, removeNode, setNodeBudget, setNodeIndicators, templateSummaries, updateNode, updateTexts, withdrawVersion,
} from '../../../steering/framework/index.js';
import { ApiError, badRequest, forbidden } from '../errors.js';
import { clientIp, requireSession, type ApiContext, type ApiEnv } from './context.js';
import { exportFileName, exportFormat, sendTable, type ExportTable } from '../table-export.js';
import type { StatusView } from '../../../steering/framework/view.js';

/**
 * Beleidskader API (issue 5). Everyone logged in reads (the raad only adopted versions, enforced in
 * the data layer); only beleid and beheerder write (mayEditSteering), checked here on every write and
 * again in the data layer. Every write is one transaction with its history (steering_history + audit).
 */

const EDIT_TEXT = 'Alleen beleidsadviseurs en beheerders kunnen een beleidskader wijzigen.';

function requireEditor(c: ApiContext): SessionInfo {
  const s = requireSession(c);
  if (!mayEditSteering(s.scope)) throw forbidden(EDIT_TEXT);
  return s;
}

/** Maps the data layer's errors to API errors (same Dutch message). */
async function run<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof FrameworkError) {
      const status = ({ not_found: 404, invalid: 400, conflict: 409, forbidden: 403 } as const)[e.kind];
      throw new ApiError(status, e.kind === 'invalid' ? 'bad_request' : e.kind, e.message);
    }
    throw e;
  }
}

const versionParam = (c: ApiContext) => {
  const v = c.req.param('v') ?? '';
  if (!/^\d{1,5}$/.test(v)) throw badRequest('Het versienummer moet een heel getal zijn.');
  return Number(v);
};
/** `area`: a wijk code (the data layer checks it belongs to the gemeente); absent = the whole gemeente. */
const areaParam = (c: ApiContext): string | null => {
  const a = c.req.query('area');
  if (!a) return null;
  if (!/^[0-9A-Za-z_-]{1,30}$/.test(a)) throw badRequest('Onbekende wijk: gebruik de wijkcode, bijvoorbeeld WK900101.');
  return a;
};
const body = async (c: ApiContext) => c.req.json().catch(() => { throw badRequest('Stuur JSON.'); });

export function registerFrameworkRoutes(app: Hono<ApiEnv>, db: Db) {
  app.get('/api/frameworks', async (c) => {
    const s = requireSession(c);
    return c.json({ frameworks: await listFrameworks(db, s.scope), mayEdit: mayEditSteering(s.scope) });
  });

  app.get('/api/frameworks/templates', async (c) => {
    const s = requireSession(c);
    const g = s.scope.gemeenteCode;
    const indicators = (await definitionsFor(db, g)).map((d) => ({ id: d.id, name: d.name, unit: d.unit, polarity: d.polarity, group: d.group, own: d.id.startsWith('eigen_') }));
    const taakvelden = (await db.selectFrom('budget_line').select('taakveld').distinct().where('gemeente_code', '=', g).orderBy('taakveld').execute()).map((r) => r.taakveld);
    return c.json({ templates: templateSummaries(), indicators, taakvelden, mayEdit: mayEditSteering(s.scope) });
  });

  app.post('/api/frameworks', async (c) => {
    const s = requireEditor(c);
    const input = await body(c);
    return c.json(await run(() => createFramework(db, s.scope, input)), 201);
  });

  app.get('/api/frameworks/:id', async (c) => {
    const s = requireSession(c);
    return c.json({ ...(await run(() => readFramework(db, s.scope, c.req.param('id')))), mayEdit: mayEditSteering(s.scope) });
  });

  app.get('/api/frameworks/:id/versions/:v', async (c) => {
    const s = requireSession(c);
    return c.json({ ...(await run(() => readVersion(db, s.scope, c.req.param('id'), versionParam(c)))), mayEdit: mayEditSteering(s.scope) });
  });

  app.put('/api/frameworks/:id/versions/:v', async (c) => {
    const s = requireEditor(c);
    const input = await body(c);
    await run(() => updateTexts(db, s.scope, c.req.param('id'), versionParam(c), input));
    return c.json(await run(() => readVersion(db, s.scope, c.req.param('id'), versionParam(c))));
  });

  app.delete('/api/frameworks/:id/versions/:v', async (c) => {
    const s = requireEditor(c);
    return c.json(await run(() => discardConcept(db, s.scope, c.req.param('id'), versionParam(c))));
  });

  app.post('/api/frameworks/:id/versions/:v/nodes', async (c) => {
    const s = requireEditor(c);
    const input = await body(c);
    return c.json(await run(() => addNode(db, s.scope, c.req.param('id'), versionParam(c), input)), 201);
  });

  /** A write to one node of a concept version: the editor's role, the JSON body, the data layer's answer. */
  const nodeEdit = (edit: typeof updateNode | typeof setNodeIndicators | typeof setNodeBudget) => async (c: ApiContext) => {
    const s = requireEditor(c);
    const input = await body(c);
    await run(() => edit(db, s.scope, c.req.param('id')!, versionParam(c), c.req.param('node')!, input));
    return c.json({ ok: true });
  };
  app.put('/api/frameworks/:id/versions/:v/nodes/:node', nodeEdit(updateNode));

  app.delete('/api/frameworks/:id/versions/:v/nodes/:node', async (c) => {
    const s = requireEditor(c);
    return c.json(await run(() => removeNode(db, s.scope, c.req.param('id'), versionParam(c), c.req.param('node'))));
  });

  app.put('/api/frameworks/:id/versions/:v/nodes/:node/indicators', nodeEdit(setNodeIndicators));

  app.put('/api/frameworks/:id/versions/:v/nodes/:node/budget', nodeEdit(setNodeBudget));

  app.post('/api/frameworks/:id/versions/:v/adopt', async (c) => {
    const s = requireEditor(c);
    const input = await body(c);
    await run(() => adoptVersion(db, s.scope, c.req.param('id'), versionParam(c), input));
    return c.json(await run(() => readFramework(db, s.scope, c.req.param('id'))));
  });

  app.post('/api/frameworks/:id/versions/:v/withdraw', async (c) => {
    const s = requireEditor(c);
    const input = await c.req.json().catch(() => ({}));
    await run(() => withdrawVersion(db, s.scope, c.req.param('id'), versionParam(c), input));
    return c.json(await run(() => readFramework(db, s.scope, c.req.param('id'))));
  });

  app.post('/api/frameworks/:id/new-version', async (c) => {
    const s = requireEditor(c);
    return c.json(await run(() => newVersion(db, s.scope, c.req.param('id'))), 201);
  });

  /** The status view the query asks for: version (default: the adopted one), year and wijk. */
  async function statusView(c: ApiContext, s: SessionInfo) {
    const id = c.req.param('id')!;
    const vq = c.req.query('version');
    const yq = c.req.query('year');
    if (vq && !/^\d{1,5}$/.test(vq)) throw badRequest('Het versienummer moet een heel getal zijn.');
    if (yq && !/^(19|20|21)\d{2}$/.test(yq)) throw badRequest('Het jaar moet een jaartal zijn, bijvoorbeeld 2025.');
    const area = areaParam(c);
    const version = vq ? Number(vq) : await run(() => defaultVersion(db, s.scope, id));
    return { id, version, view: await run(() => buildStatusView(db, s.scope, id, version, { year: yq ? Number(yq) : null, area })) };
  }

  app.get('/api/frameworks/:id/status', async (c) => {
    const s = requireSession(c);
    const { view } = await statusView(c, s);
    c.header('Cache-Control', 'private, no-store');
    return c.json({ ...view, mayEdit: mayEditSteering(s.scope) });
  });

  // The status table exactly as "Hoe staan we ervoor" shows it: one row per goal and indicator.
  app.get('/api/frameworks/:id/status/export', async (c) => {
    const s = requireSession(c);
    const format = exportFormat(c);
    const { id, version, view } = await statusView(c, s);
    const t = statusTable(view);
    await audit(db, { gemeenteCode: s.scope.gemeenteCode, userId: s.scope.userId, username: s.scope.username, action: 'steering_export', object: `framework_status:${id}/${version}`, details: { format, rows: t.rows.length, profile: view.suppressionProfile }, ip: clientIp(c) });
    return sendTable(c, t, {
      name: exportFileName(['beleidskader', 'stand', `v${version}`, view.year ? String(view.year) : null, view.area?.code]), format, meta: [
        ['Beleidskader', `${view.framework.title} (versie ${version}, ${view.framework.status})`], ['Gemeente', s.gemeenteName], ['Gebied', view.area ? `wijk ${view.area.name}` : 'hele gemeente'],
        ['Jaar', view.year ? String(view.year) : 'laatste jaar met cijfers'],
        ['Regels', 'Zie docs/beleidskader.md: op koers = doel gehaald; aandacht = binnen de marge (standaard 10 % van het doel); niet op koers = verder van het doel. Een doel krijgt de slechtste beoordeelde stand eronder.'],
        ['Privacy', view.suppressionProfile === 'none' ? 'Onafgeronde cijfers (rol analist). Niet verder verspreiden.' : 'Kleine aantallen zijn weggelaten (suppressed = true); dan is de stand "geen gegevens".'],
        ['Geëxporteerd', `${new Date().toISOString()} door ${s.scope.username}`],
      ],
    });
  });

  app.get('/api/frameworks/:id/history', async (c) => {
    const s = requireSession(c);
    return c.json({ history: await run(() => readFrameworkHistory(db, s.scope, c.req.param('id'))) });
  });
}

/** One row per goal and per indicator under it, in tree order (a goal without indicators gets one row). */
export function statusTable(view: StatusView): ExportTable {
  const columns = ['niveau', 'soort', 'doel', 'stand_doel', 'indicator', 'naam', 'vraag', 'periode', 'waarde', 'eenheid', 'streefwaarde', 'stand', 'suppressed', 'toelichting'];
  const rows: ExportTable['rows'] = [];
  for (const n of view.nodes) {
    if (n.indicators.length === 0) rows.push([n.depth, n.kind, n.title, n.label, null, null, null, null, null, null, null, null, null, n.explanation]);
    for (const i of n.indicators) {
      rows.push([n.depth, n.kind, n.title, n.label, i.indicatorId, i.name, i.measureKind, i.period, i.suppressed ? null : i.value, i.unit, i.target, i.label, i.suppressed, i.explanation]);
    }
  }
  return { columns, rows };
}
