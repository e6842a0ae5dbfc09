import type { Hono } from 'hono';
import { z } from 'zod';
import { audit, mayEditSteering, type SessionInfo } from '../../../auth/index.js';
import type { Db } from '../../../db/index.js';
import { definitionsFor, findDefinition, type IndicatorDefinition } from '../../../indicators/index.js';
import { parsePeriod, type PeriodType } from '../../../model/periods.js';
import { isIsoDate } from '../../../model/dates.js';
import {
  actionHistory, actionOwners, ACTION_STATUSES, buildCurve, createAction, CurveError, frameworkScoreData, listActions, NOTE_FIELD_LABELS, NOTE_FIELD_MAX, NOTE_FIELDS,
  noteHistory, readAction, readNote, readNotes, saveNote, staleNotes, steeringFrameworks, steeringGoals, todayInNl, updateAction, type ActionInput, type LinkInput, type NoteText,
} from '../../../steering/curve/index.js';
import { ApiError, badRequest, forbidden, notFound } from '../errors.js';
import { clientIp, isUuid, requireSession, type ApiEnv } from './context.js';
import { exportFileName, exportFormat, sendTable } from '../table-export.js';

/**
 * Turn the curve and actions (issue 5): notes per indicator × period (× wijk) with their history,
 * the turn-the-curve view, actions with links and history, scores per beleidskader and the list of
 * stale notes. Every logged-in role of the gemeente reads (figures disclosed as everywhere: only an
 * analist sees unsuppressed values); beleid and beheerder write (mayEditSteering). The gemeente
 * always comes from the session.
 */

const EDIT_TEXT = 'Alleen beleidsadviseurs en beheerders kunnen notities en acties schrijven of aanpassen.';
function requireEditor(s: SessionInfo) {
  if (!mayEditSteering(s.scope)) throw forbidden(EDIT_TEXT);
}

function fromCurveError(e: unknown): never {
  if (e instanceof CurveError) throw new ApiError(e.kind === 'bad_request' ? 400 : e.kind === 'not_found' ? 404 : 409, e.kind, e.message);
  throw e;
}

async function requireIndicator(db: Db, gemeente: string, id: string): Promise<IndicatorDefinition> {
  const d = await findDefinition(db, gemeente, id);
  if (!d) throw notFound(`Indicator "${id}" bestaat niet.`);
  return d;
}

const PERIOD_TYPES = ['year', 'halfyear', 'quarter', 'month'] as const;
const PERIOD_TYPE_NL: Record<string, string> = { year: 'jaar', halfyear: 'halfjaar', quarter: 'kwartaal', month: 'maand' };

/** Checks periodType, period and area against the indicator and the gemeente's wijken. */
async function noteKey(db: Db, s: SessionInfo, d: IndicatorDefinition, raw: { periodType?: unknown; period?: unknown; area?: unknown }, periodRequired: boolean) {
  const periodType = (raw.periodType ?? 'year') as string;
  if (!PERIOD_TYPES.includes(periodType as PeriodType)) throw badRequest('Kies een periode-soort: year, halfyear, quarter of month.');
  if (!d.periodTypes.includes(periodType as PeriodType)) throw badRequest(`Indicator ${d.id} heeft geen cijfers per ${PERIOD_TYPE_NL[periodType]}. Wel per: ${d.periodTypes.map((t) => PERIOD_TYPE_NL[t]).join(', ')}.`);
  let period: string | null = null;
  if (raw.period !== undefined && raw.period !== null && raw.period !== '') {
    const p = typeof raw.period === 'string' ? parsePeriod(raw.period) : null;
    if (!p) throw badRequest(`"${String(raw.period)}" is geen periode (bijvoorbeeld 2024, 2024-H1, 2024-Q1 of 2024-03).`);
    if (p.type !== periodType) throw badRequest(`Periode ${p.key} past niet bij de periode-soort ${PERIOD_TYPE_NL[periodType]}.`);
    period = p.key;
  } else if (periodRequired) throw badRequest('Geef de periode van de notitie, bijvoorbeeld 2024 of 2024-Q1.');
  let area: string | null = null;
  let areaName: string | null = null;
  if (raw.area !== undefined && raw.area !== null && raw.area !== '') {
    if (typeof raw.area !== 'string') throw badRequest('De wijk moet een wijkcode zijn.');
    if (!d.breakdowns.includes('wijk')) throw badRequest(`Indicator ${d.id} heeft geen cijfers per wijk, dus ook geen notities per wijk.`);
    const w = await db.selectFrom('area').select(['area_code', 'name']).where('gemeente_code', '=', s.scope.gemeenteCode).where('level', '=', 'wijk').where('area_code', '=', raw.area).executeTakeFirst();
    if (!w) throw badRequest(`Wijk "${raw.area}" bestaat niet in deze gemeente.`);
    area = w.area_code;
    areaName = w.name;
  }
  return { periodType: periodType as PeriodType, period, area, areaName };
}

const noteText = (field: (typeof NOTE_FIELDS)[number]) =>
  z.string({ error: `${NOTE_FIELD_LABELS[field]} moet tekst zijn.` }).max(NOTE_FIELD_MAX[field], { error: `${NOTE_FIELD_LABELS[field]} mag hoogstens ${NOTE_FIELD_MAX[field]} tekens hebben.` }).optional();
const noteBody = z.object({
  periodType: z.string().optional(), period: z.string({ error: 'Geef de periode van de notitie, bijvoorbeeld 2024 of 2024-Q1.' }), area: z.string().nullable().optional(),
  story: noteText('story'), helps: noteText('helps'), hurts: noteText('hurts'), partners: noteText('partners'), whatWorks: noteText('whatWorks'), actionPlan: noteText('actionPlan'),
  expectedWrittenAt: z.iso.datetime({ offset: true, error: 'expectedWrittenAt moet een tijdstip zijn (ISO 8601).' }).nullable().optional(),
});

const firstMessage = (e: z.ZodError, fallback: string) => {
  const issue = e.issues[0];
  if (!issue) return fallback;
  // zod's own English text for a wrong type of the whole body is not helpful to a user.
  return issue.path.length === 0 ? fallback : issue.message;
};

const date = (label: string) => z.string({ error: `${label} moet een datum zijn (JJJJ-MM-DD).` }).refine(isIsoDate, { error: `${label} is geen geldige datum. Gebruik JJJJ-MM-DD, bijvoorbeeld 2026-03-31.` }).nullable();
const link = z.union([
  z.object({ frameworkId: z.string().refine(isUuid, { error: 'Onbekend beleidskader.' }), nodeId: z.string().refine(isUuid, { error: 'Onbekend doel.' }) }).strict(),
  z.object({ indicatorId: z.string().min(1).max(80) }).strict(),
], { error: 'Een koppeling is een doel ({ frameworkId, nodeId }) of een indicator ({ indicatorId }).' });
const actionFields = {
  title: z.string({ error: 'Geef de actie een titel.' }).trim().min(1, { error: 'Geef de actie een titel.' }).max(300, { error: 'De titel mag hoogstens 300 tekens hebben.' }),
  description: z.string({ error: 'De beschrijving moet tekst zijn.' }).max(4000, { error: 'De beschrijving mag hoogstens 4000 tekens hebben.' }),
  owner: z.string({ error: 'Vul een eigenaar in: wie is verantwoordelijk voor deze actie?' }).trim().min(1, { error: 'Vul een eigenaar in: wie is verantwoordelijk voor deze actie?' }).max(200, { error: 'De eigenaar mag hoogstens 200 tekens hebben.' }),
  status: z.enum(ACTION_STATUSES, { error: 'Kies een status: gepland, bezig, afgerond of gestopt.' }),
  startDate: date('De startdatum'),
  dueDate: date('De streefdatum'),
  doneOn: date('De datum klaar'),
  links: z.array(link).max(50, { error: 'Koppel een actie aan hoogstens 50 doelen en indicatoren.' }),
};
const createBody = z.object({
  ...actionFields, description: actionFields.description.optional(), status: actionFields.status.optional(),
  startDate: actionFields.startDate.optional(), dueDate: actionFields.dueDate.optional(), doneOn: actionFields.doneOn.optional(), links: actionFields.links.optional(),
});
const patchBody = z.object({
  title: actionFields.title.optional(), description: actionFields.description.optional(), owner: actionFields.owner.optional(), status: actionFields.status.optional(),
  startDate: actionFields.startDate.optional(), dueDate: actionFields.dueDate.optional(), doneOn: actionFields.doneOn.optional(), links: actionFields.links.optional(),
  expectedUpdatedAt: z.iso.datetime({ offset: true, error: 'expectedUpdatedAt moet een tijdstip zijn (ISO 8601).' }).optional(),
});
const listQuery = z.object({
  status: z.enum(ACTION_STATUSES, { error: 'Filter status: gepland, bezig, afgerond of gestopt.' }).optional(),
  owner: z.string().max(200).optional(), indicator: z.string().max(80).optional(),
  framework: z.string().refine(isUuid, { error: 'Onbekend beleidskader.' }).optional(), node: z.string().refine(isUuid, { error: 'Onbekend doel.' }).optional(),
  overdue: z.enum(['true', 'false'], { error: 'overdue is true of false.' }).optional(),
});

async function indicatorNames(db: Db, gemeente: string) {
  return new Map((await definitionsFor(db, gemeente)).map((d) => [d.id, d.name]));
}

/** Indicators linked to an action must exist for the gemeente (catalogue or own). */
function checkIndicatorLinks(links: LinkInput[] | undefined, names: Map<string, string>) {
  for (const l of links ?? []) if (l.indicatorId && !names.has(l.indicatorId)) throw badRequest(`Indicator "${l.indicatorId}" bestaat niet.`);
}

export function registerSteeringCurveRoutes(app: Hono<ApiEnv>, db: Db) {
  // ---- turn the curve and notes
  app.get('/api/indicators/:id/curve', async (c) => {
    const s = requireSession(c);
    const d = await requireIndicator(db, s.scope.gemeenteCode, c.req.param('id'));
    const key = await noteKey(db, s, d, c.req.query(), false);
    const view = await buildCurve(db, s.scope, d, key);
    return c.json({ ...view, mayEdit: mayEditSteering(s.scope) });
  });

  app.get('/api/indicators/:id/notes', async (c) => {
    const s = requireSession(c);
    const d = await requireIndicator(db, s.scope.gemeenteCode, c.req.param('id'));
    const q = c.req.query();
    const key = await noteKey(db, s, d, q, false);
    const notes = await readNotes(db, s.scope, { indicatorId: d.id, periodType: q.periodType ? key.periodType : undefined, period: key.period ?? undefined, area: key.area });
    return c.json({ indicator: d.id, notes, mayEdit: mayEditSteering(s.scope) });
  });

  app.put('/api/indicators/:id/notes', async (c) => {
    const s = requireSession(c);
    requireEditor(s);
    const d = await requireIndicator(db, s.scope.gemeenteCode, c.req.param('id'));
    const parsed = noteBody.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) throw badRequest(firstMessage(parsed.error, 'Stuur { periodType, period, area, story, helps, hurts, partners, whatWorks, actionPlan }.'));
    const key = await noteKey(db, s, d, parsed.data, true);
    const text = Object.fromEntries(NOTE_FIELDS.map((f) => [f, (parsed.data[f] ?? '').trim()])) as NoteText;
    const saved = await saveNote(db, s.scope, { indicatorId: d.id, periodType: key.periodType, period: key.period!, area: key.area }, text, parsed.data.expectedWrittenAt).catch(fromCurveError);
    return c.json({ note: saved.note, change: saved.change, mayEdit: true }, saved.change === 'created' ? 201 : 200);
  });

  app.get('/api/indicators/:id/notes/history', async (c) => {
    const s = requireSession(c);
    const d = await requireIndicator(db, s.scope.gemeenteCode, c.req.param('id'));
    const key = await noteKey(db, s, d, c.req.query(), true);
    const note = await readNote(db, s.scope, { indicatorId: d.id, periodType: key.periodType, period: key.period!, area: key.area });
    return c.json({ indicator: d.id, periodType: key.periodType, period: key.period, area: key.area, history: note ? await noteHistory(db, s.scope, note.noteId) : [] });
  });

  // ---- actions
  app.get('/api/actions', async (c) => {
    const s = requireSession(c);
    const q = listQuery.safeParse(c.req.query());
    if (!q.success) throw badRequest(firstMessage(q.error, 'Ongeldig filter.'));
    const today = todayInNl();
    const actions = await listActions(db, s.scope, {
      status: q.data.status, owner: q.data.owner || undefined, indicatorId: q.data.indicator || undefined, frameworkId: q.data.framework, nodeId: q.data.node, overdue: q.data.overdue === 'true',
    }, today, await indicatorNames(db, s.scope.gemeenteCode));
    return c.json({ today, actions, owners: await actionOwners(db, s.scope), mayEdit: mayEditSteering(s.scope) });
  });

  // The action list as the page shows it for the same filters.
  app.get('/api/actions/export', async (c) => {
    const s = requireSession(c);
    const format = exportFormat(c);
    const { format: _f, ...filters } = c.req.query();
    const q = listQuery.safeParse(filters);
    if (!q.success) throw badRequest(firstMessage(q.error, 'Ongeldig filter.'));
    const today = todayInNl();
    const actions = await listActions(db, s.scope, {
      status: q.data.status, owner: q.data.owner || undefined, indicatorId: q.data.indicator || undefined, frameworkId: q.data.framework, nodeId: q.data.node, overdue: q.data.overdue === 'true',
    }, today, await indicatorNames(db, s.scope.gemeenteCode));
    const rows = actions.map((a) => [a.title, a.owner, a.status, a.startDate, a.dueDate, a.doneOn, a.overdue, a.overdue ? a.daysOverdue : null, a.links.map((l) => l.label).join(' | '), a.description, a.updatedBy, a.updatedAt]);
    await audit(db, { gemeenteCode: s.scope.gemeenteCode, userId: s.scope.userId, username: s.scope.username, action: 'steering_export', object: 'actions', details: { format, rows: rows.length }, ip: clientIp(c) });
    return sendTable(c, { columns: ['titel', 'eigenaar', 'status', 'start', 'deadline', 'afgerond_op', 'te_laat', 'dagen_te_laat', 'gekoppeld_aan', 'omschrijving', 'gewijzigd_door', 'gewijzigd_op'], rows }, {
      name: exportFileName(['acties', today]), format, meta: [
        ['Onderdeel', 'Acties'], ['Gemeente', s.gemeenteName], ['Peildatum', `${today} (te laat = deadline verstreken en status gepland of bezig)`],
        ['Geëxporteerd', `${new Date().toISOString()} door ${s.scope.username}`],
      ],
    });
  });

  app.post('/api/actions', async (c) => {
    const s = requireSession(c);
    requireEditor(s);
    const parsed = createBody.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) throw badRequest(firstMessage(parsed.error, 'Stuur { title, owner, status, startDate, dueDate, description, links }.'));
    const names = await indicatorNames(db, s.scope.gemeenteCode);
    checkIndicatorLinks(parsed.data.links as LinkInput[] | undefined, names);
    const input: ActionInput = {
      title: parsed.data.title, description: parsed.data.description ?? '', owner: parsed.data.owner, status: parsed.data.status ?? 'gepland',
      startDate: parsed.data.startDate ?? null, dueDate: parsed.data.dueDate ?? null, doneOn: parsed.data.doneOn ?? null, links: (parsed.data.links ?? []) as LinkInput[],
    };
    const today = todayInNl();
    const id = await createAction(db, s.scope, input, today, names).catch(fromCurveError);
    return c.json({ action: await readAction(db, s.scope, id, today, names), mayEdit: true }, 201);
  });

  const actionId = (raw: string) => {
    if (!isUuid(raw)) throw notFound('Deze actie bestaat niet (meer).');
    return raw;
  };

  app.get('/api/actions/:id', async (c) => {
    const s = requireSession(c);
    const action = await readAction(db, s.scope, actionId(c.req.param('id')), todayInNl(), await indicatorNames(db, s.scope.gemeenteCode));
    if (!action) throw notFound('Deze actie bestaat niet (meer).');
    return c.json({ action, mayEdit: mayEditSteering(s.scope) });
  });

  app.patch('/api/actions/:id', async (c) => {
    const s = requireSession(c);
    requireEditor(s);
    const id = actionId(c.req.param('id'));
    const parsed = patchBody.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) throw badRequest(firstMessage(parsed.error, 'Stuur de velden die veranderen: { title, owner, status, startDate, dueDate, doneOn, description, links }.'));
    const names = await indicatorNames(db, s.scope.gemeenteCode);
    const { expectedUpdatedAt, ...patch } = parsed.data;
    checkIndicatorLinks(patch.links as LinkInput[] | undefined, names);
    const today = todayInNl();
    const change = await updateAction(db, s.scope, id, patch as Partial<ActionInput>, today, names, expectedUpdatedAt).catch(fromCurveError);
    return c.json({ action: await readAction(db, s.scope, id, today, names), change, mayEdit: true });
  });

  app.get('/api/actions/:id/history', async (c) => {
    const s = requireSession(c);
    const id = actionId(c.req.param('id'));
    const exists = await db.selectFrom('steering_action').select('action_id').where('gemeente_code', '=', s.scope.gemeenteCode).where('action_id', '=', id).executeTakeFirst();
    if (!exists) throw notFound('Deze actie bestaat niet (meer).');
    return c.json({ actionId: id, history: await actionHistory(db, s.scope, id) });
  });

  // ---- scores and the Sturen overview
  app.get('/api/steering/frameworks', async (c) => {
    const s = requireSession(c);
    return c.json({ frameworks: await steeringFrameworks(db, s.scope) });
  });

  app.get('/api/steering/goals', async (c) => {
    const s = requireSession(c);
    return c.json({ goals: await steeringGoals(db, s.scope) });
  });

  app.get('/api/frameworks/:id/scores', async (c) => {
    const s = requireSession(c);
    const id = c.req.param('id');
    const data = isUuid(id) ? await frameworkScoreData(db, s.scope, id, todayInNl()) : null;
    if (!data) throw notFound('Dit beleidskader bestaat niet, of is nog niet vastgesteld.');
    return c.json({ ...data, suppressionProfile: s.scope.role === 'analist' ? 'none' : 'default' });
  });

  app.get('/api/steering/stale-notes', async (c) => {
    const s = requireSession(c);
    const today = todayInNl();
    return c.json({ today, ...(await staleNotes(db, s.scope, today)) });
  });
}
