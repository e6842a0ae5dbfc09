import crypto from 'node:crypto';
import { z } from 'zod';
import { sql, type Db } from '../../db/index.js';
import { mayEditSteering, mayReadConceptFrameworks, type Scope } from '../../auth/index.js';
import { definitionsFor } from '../../indicators/index.js';
import { recordChange, type HistoryEntry } from '../history.js';
import { findTemplate, type MeasureKind, type NodeKind, type TemplateNode } from './template.js';

/**
 * The beleidskader's data layer (issue 5, tables of migration 0014). Every query is filtered by
 * scope.gemeenteCode; every write runs in one transaction with recordChange, so a change and its
 * history (steering_history + audit_log) land together or not at all.
 *
 * Versioning rules:
 *  - A framework has numbered versions. Only a `concept` is editable; at most one concept exists.
 *  - adopt: concept → vastgesteld with the council's decision date (adopted_on), optional reference,
 *    in_force_from (default: the decision date). The version that was vastgesteld before becomes
 *    vervallen with in_force_to = the day before; at most one version is vastgesteld (also enforced
 *    by a unique index).
 *  - newVersion: a new concept copied from the latest version, nodes keeping their ids (so actions,
 *    notes and history follow a goal over versions). Refused while a concept exists.
 *  - withdraw: vastgesteld → vervallen (the council withdrew it) with in_force_to = the given day.
 *  - discardConcept: removes a concept version (and the framework when it was its only version).
 *    The schema keeps vervallen for versions that were once adopted, so a concept is deleted, not withdrawn.
 * History entity ids: framework = framework id; framework_version = `<framework id>/<version>`;
 * node = `<framework id>/<node id>`, so a framework's whole history is one prefix.
 */

export class FrameworkError extends Error {
  override name = 'FrameworkError';
  constructor(public readonly kind: 'not_found' | 'invalid' | 'conflict' | 'forbidden', message: string) { super(message); }
}
const invalid = (m: string) => new FrameworkError('invalid', m);
const notFound = (m = 'Dit beleidskader bestaat niet (meer).') => new FrameworkError('not_found', m);
const conflict = (m: string) => new FrameworkError('conflict', m);

export type VersionStatus = 'concept' | 'vastgesteld' | 'vervallen';
export interface VersionSummary {
  version: number; status: VersionStatus; title: string; adoptedOn: string | null; decisionRef: string | null;
  inForceFrom: string | null; inForceTo: string | null; templateId: string | null; updatedBy: string; updatedAt: string;
}
export interface FrameworkSummary { frameworkId: string; createdBy: string; createdAt: string; versions: VersionSummary[] }
export interface NodeIndicator { indicatorId: string; measureKind: MeasureKind; attentionMargin: number | null; position: number }
export interface FrameworkNode {
  nodeId: string; parentId: string | null; kind: NodeKind; title: string; description: string; position: number;
  indicators: NodeIndicator[]; budget: string[];
}
export interface VersionDetail extends VersionSummary { frameworkId: string; vision: string; mission: string; principles: string[]; nodes: FrameworkNode[] }

/** Which kinds may sit under which: theme at the top, then effect, doel, programma. */
export const PARENT_KINDS: Record<NodeKind, (NodeKind | null)[]> = {
  theme: [null], effect: ['theme'], doel: ['effect', 'theme'], programma: ['doel', 'effect'],
};
export const KIND_LABELS: Record<NodeKind, string> = { theme: 'thema', effect: 'maatschappelijk effect', doel: 'doel', programma: 'programma' };

// ------------------------------------------------------------------ validation (zod, Dutch messages)

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Geef een datum als JJJJ-MM-DD.').refine((s) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}, 'Dit is geen bestaande datum.');
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'Dit is geen geldige verwijzing.');
const title = (max: number) => z.string().trim().min(1, 'Vul een titel in.').max(max, `De titel mag hoogstens ${max} tekens hebben.`);

export const createSchema = z.object({
  title: title(200).optional(),
  templateId: z.string().max(60).nullable().optional(),
});
export const textsSchema = z.object({
  title: title(200).optional(),
  vision: z.string().max(4000, 'De visie mag hoogstens 4000 tekens hebben.').optional(),
  mission: z.string().max(4000, 'De missie mag hoogstens 4000 tekens hebben.').optional(),
  principles: z.array(z.string().trim().min(1, 'Een leidend principe mag niet leeg zijn.').max(300, 'Een leidend principe mag hoogstens 300 tekens hebben.')).max(20, 'Geef hoogstens 20 leidende principes.').optional(),
});
export const nodeCreateSchema = z.object({
  parentId: uuid.nullable().optional(),
  kind: z.enum(['theme', 'effect', 'doel', 'programma'], { error: 'Kies thema, maatschappelijk effect, doel of programma.' }),
  title: title(300),
  description: z.string().max(4000, 'De toelichting mag hoogstens 4000 tekens hebben.').optional(),
});
export const nodeUpdateSchema = z.object({
  title: title(300).optional(),
  description: z.string().max(4000, 'De toelichting mag hoogstens 4000 tekens hebben.').optional(),
  parentId: uuid.nullable().optional(),
  position: z.number().int('De plaats moet een heel getal zijn.').min(0, 'De plaats kan niet negatief zijn.').max(1000).optional(),
});
export const indicatorsSchema = z.object({
  indicators: z.array(z.object({
    indicatorId: z.string().min(1).max(80),
    measureKind: z.enum(['population', 'how_much', 'how_well', 'better_off'], { error: 'Kies wat de indicator meet: bereik, hoeveel, hoe goed of beter af.' }),
    attentionMargin: z.number().finite().min(0, 'De aandachtsmarge kan niet negatief zijn.').nullable().optional(),
  })).max(40, 'Koppel hoogstens 40 indicatoren aan één doel.'),
});
export const budgetSchema = z.object({
  taakvelden: z.array(z.string().trim().regex(/^\d{1,2}\.\d{1,2}[a-z]?$/, 'Een taakveld schrijf je als 6.1 of 6.71.')).max(30, 'Koppel hoogstens 30 taakvelden aan één doel.'),
});
export const adoptSchema = z.object({
  adoptedOn: isoDate,
  decisionRef: z.string().trim().max(200, 'Het kenmerk van het raadsbesluit mag hoogstens 200 tekens hebben.').nullable().optional(),
  inForceFrom: isoDate.nullable().optional(),
});
export const withdrawSchema = z.object({ on: isoDate.nullable().optional() });

/** Parses input with a schema; the first problem becomes a Dutch FrameworkError. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const r = schema.safeParse(input ?? {});
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = issue?.path.join('.') ?? '';
  const known = issue && !/^(Invalid|Expected)/i.test(issue.message);
  throw invalid(known ? issue!.message : `Ongeldige invoer${field ? ` bij "${field}"` : ''}.`);
}

// ------------------------------------------------------------------ reading

const iso = (d: Date | string) => new Date(d).toISOString();
const principlesOf = (v: unknown): string[] => {
  const p = typeof v === 'string' ? JSON.parse(v) : v;
  return Array.isArray(p) ? p.map(String) : [];
};
/** A version the raad may see: once adopted (vastgesteld now, or vervallen after being in force). */
const publicVersion = (v: { status: string; adopted_on: string | null }) => v.status !== 'concept' && v.adopted_on !== null;

export async function listFrameworks(db: Db, scope: Scope): Promise<FrameworkSummary[]> {
  const [fws, versions] = await Promise.all([
    db.selectFrom('framework').selectAll().where('gemeente_code', '=', scope.gemeenteCode).orderBy('created_at').execute(),
    db.selectFrom('framework_version').selectAll().where('gemeente_code', '=', scope.gemeenteCode).orderBy('version').execute(),
  ]);
  const all = mayReadConceptFrameworks(scope);
  return fws.map((f) => ({
    frameworkId: f.framework_id, createdBy: f.created_by, createdAt: iso(f.created_at),
    versions: versions.filter((v) => v.framework_id === f.framework_id && (all || publicVersion(v))).map(versionSummary),
  })).filter((f) => f.versions.length > 0);
}

type VersionRow = { version: number; status: VersionStatus; title: string; adopted_on: string | null; decision_ref: string | null; in_force_from: string | null; in_force_to: string | null; template_id: string | null; updated_by: string; updated_at: Date | string };
const versionSummary = (v: VersionRow): VersionSummary => ({
  version: Number(v.version), status: v.status, title: v.title, adoptedOn: v.adopted_on, decisionRef: v.decision_ref,
  inForceFrom: v.in_force_from, inForceTo: v.in_force_to, templateId: v.template_id, updatedBy: v.updated_by, updatedAt: iso(v.updated_at),
});

export async function readFramework(db: Db, scope: Scope, frameworkId: string): Promise<FrameworkSummary> {
  if (!uuid.safeParse(frameworkId).success) throw notFound();
  const f = (await listFrameworks(db, scope)).find((x) => x.frameworkId === frameworkId);
  if (!f) throw notFound();
  return f;
}

/** One version with its whole tree (nodes in tree order: parents before children, by position). */
export async function readVersion(db: Db, scope: Scope, frameworkId: string, version: number): Promise<VersionDetail> {
  if (!uuid.safeParse(frameworkId).success || !Number.isInteger(version) || version < 1 || version > 32767) throw notFound('Deze versie bestaat niet.');
  const g = scope.gemeenteCode;
  const v = await db.selectFrom('framework_version').selectAll().where('gemeente_code', '=', g).where('framework_id', '=', frameworkId).where('version', '=', version).executeTakeFirst();
  if (!v) throw notFound('Deze versie bestaat niet.');
  if (!mayReadConceptFrameworks(scope) && !publicVersion(v)) throw new FrameworkError('forbidden', 'De raad ziet alleen vastgestelde beleidskaders. Deze versie is nog een concept.');
  const key = (q: any) => q.where('gemeente_code', '=', g).where('framework_id', '=', frameworkId).where('version', '=', version);
  const [nodes, inds, budget] = await Promise.all([
    key(db.selectFrom('framework_node').selectAll()).orderBy('position').orderBy('title').execute() as Promise<{ node_id: string; parent_id: string | null; kind: NodeKind; title: string; description: string; position: number }[]>,
    key(db.selectFrom('framework_indicator').selectAll()).orderBy('position').orderBy('indicator_id').execute() as Promise<{ node_id: string; indicator_id: string; measure_kind: MeasureKind; attention_margin: number | null; position: number }[]>,
    key(db.selectFrom('framework_budget').selectAll()).orderBy('taakveld').execute() as Promise<{ node_id: string; taakveld: string }[]>,
  ]);
  const byParent = new Map<string | null, typeof nodes>();
  for (const n of nodes) byParent.set(n.parent_id, [...(byParent.get(n.parent_id) ?? []), n]);
  const ordered: FrameworkNode[] = [];
  const walk = (parent: string | null) => {
    for (const n of byParent.get(parent) ?? []) {
      ordered.push({
        nodeId: n.node_id, parentId: n.parent_id, kind: n.kind, title: n.title, description: n.description, position: Number(n.position),
        indicators: inds.filter((i) => i.node_id === n.node_id).map((i) => ({ indicatorId: i.indicator_id, measureKind: i.measure_kind, attentionMargin: i.attention_margin === null ? null : Number(i.attention_margin), position: Number(i.position) })),
        budget: budget.filter((b) => b.node_id === n.node_id).map((b) => b.taakveld),
      });
      walk(n.node_id);
    }
  };
  walk(null);
  return { ...versionSummary(v), frameworkId, vision: v.vision, mission: v.mission, principles: principlesOf(v.principles), nodes: ordered };
}

/** The version to show by default: the vastgesteld one; for editors a concept when nothing is adopted; else the latest visible. */
export async function defaultVersion(db: Db, scope: Scope, frameworkId: string): Promise<number> {
  const f = await readFramework(db, scope, frameworkId);
  const adopted = f.versions.find((v) => v.status === 'vastgesteld');
  return (adopted ?? f.versions[f.versions.length - 1]!).version;
}

// ------------------------------------------------------------------ writing

function requireEditor(scope: Scope) {
  if (!mayEditSteering(scope)) throw new FrameworkError('forbidden', 'Alleen beleidsadviseurs en beheerders kunnen een beleidskader wijzigen.');
}

type Trx = Parameters<Parameters<ReturnType<Db['transaction']>['execute']>[0]>[0];

/** Locks a version row for the rest of the transaction and returns it. */
async function lockVersion(trx: Trx, scope: Scope, frameworkId: string, version: number) {
  if (!uuid.safeParse(frameworkId).success || !Number.isInteger(version)) throw notFound('Deze versie bestaat niet.');
  const v = await trx.selectFrom('framework_version').selectAll().where('gemeente_code', '=', scope.gemeenteCode)
    .where('framework_id', '=', frameworkId).where('version', '=', version).forUpdate().executeTakeFirst();
  if (!v) throw notFound('Deze versie bestaat niet.');
  return v;
}
async function lockConcept(trx: Trx, scope: Scope, frameworkId: string, version: number) {
  const v = await lockVersion(trx, scope, frameworkId, version);
  if (v.status !== 'concept') throw conflict(`Versie ${version} is ${v.status} en kan niet meer worden gewijzigd. Maak een nieuwe versie om iets te veranderen.`);
  return v;
}

async function insertTemplateNodes(trx: Trx, g: string, frameworkId: string, version: number, nodes: TemplateNode[], parentId: string | null) {
  let position = 0;
  for (const n of nodes) {
    const nodeId = crypto.randomUUID();
    await trx.insertInto('framework_node').values({ gemeente_code: g, framework_id: frameworkId, version, node_id: nodeId, parent_id: parentId, kind: n.kind, title: n.title, description: n.description ?? '', position: position++ }).execute();
    let ip = 0;
    for (const i of n.indicators ?? []) {
      await trx.insertInto('framework_indicator').values({ gemeente_code: g, framework_id: frameworkId, version, node_id: nodeId, indicator_id: i.id, measure_kind: i.kind, attention_margin: null, position: ip++ }).execute();
    }
    for (const t of n.budget ?? []) await trx.insertInto('framework_budget').values({ gemeente_code: g, framework_id: frameworkId, version, node_id: nodeId, taakveld: t }).execute();
    await insertTemplateNodes(trx, g, frameworkId, version, n.children ?? [], nodeId);
  }
}

/** A new framework with version 1 as concept: empty, or filled from a template. */
export async function createFramework(db: Db, scope: Scope, input: unknown): Promise<{ frameworkId: string; version: number }> {
  requireEditor(scope);
  const data = parseInput(createSchema, input);
  const template = data.templateId ? findTemplate(data.templateId) : undefined;
  if (data.templateId && !template) throw invalid(`Sjabloon "${data.templateId}" bestaat niet.`);
  const frameworkTitle = data.title ?? template?.title;
  if (!frameworkTitle) throw invalid('Vul een titel in.');
  const g = scope.gemeenteCode;
  const frameworkId = crypto.randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('framework').values({ gemeente_code: g, framework_id: frameworkId, created_by: scope.username }).execute();
    await trx.insertInto('framework_version').values({
      gemeente_code: g, framework_id: frameworkId, version: 1, title: frameworkTitle, vision: template?.vision ?? '', mission: template?.mission ?? '',
      principles: JSON.stringify(template?.principles ?? []), template_id: template?.id ?? null, updated_by: scope.username,
    }).execute();
    if (template) await insertTemplateNodes(trx, g, frameworkId, 1, template.nodes, null);
    await recordChange(trx, scope, { entity: 'framework', entityId: frameworkId, change: 'created', after: { title: frameworkTitle, templateId: template?.id ?? null } });
  });
  return { frameworkId, version: 1 };
}

async function touch(trx: Trx, scope: Scope, frameworkId: string, version: number) {
  await trx.updateTable('framework_version').set({ updated_by: scope.username, updated_at: new Date() })
    .where('gemeente_code', '=', scope.gemeenteCode).where('framework_id', '=', frameworkId).where('version', '=', version).execute();
}

export async function updateTexts(db: Db, scope: Scope, frameworkId: string, version: number, input: unknown): Promise<void> {
  requireEditor(scope);
  const data = parseInput(textsSchema, input);
  await db.transaction().execute(async (trx) => {
    const v = await lockConcept(trx, scope, frameworkId, version);
    const before = { title: v.title, vision: v.vision, mission: v.mission, principles: principlesOf(v.principles) };
    const after = { title: data.title ?? before.title, vision: data.vision ?? before.vision, mission: data.mission ?? before.mission, principles: data.principles ?? before.principles };
    if (JSON.stringify(before) === JSON.stringify(after)) return;
    await trx.updateTable('framework_version').set({ title: after.title, vision: after.vision, mission: after.mission, principles: JSON.stringify(after.principles), updated_by: scope.username, updated_at: new Date() })
      .where('gemeente_code', '=', scope.gemeenteCode).where('framework_id', '=', frameworkId).where('version', '=', version).execute();
    await recordChange(trx, scope, { entity: 'framework_version', entityId: `${frameworkId}/${version}`, change: 'changed', before, after });
  });
}

async function nodesOf(trx: Trx, scope: Scope, frameworkId: string, version: number) {
  return trx.selectFrom('framework_node').select(['node_id', 'parent_id', 'kind', 'title', 'description', 'position'])
    .where('gemeente_code', '=', scope.gemeenteCode).where('framework_id', '=', frameworkId).where('version', '=', version).execute();
}
function checkParent(nodes: { node_id: string; kind: NodeKind }[], kind: NodeKind, parentId: string | null) {
  const parent = parentId ? nodes.find((n) => n.node_id === parentId) : null;
  if (parentId && !parent) throw invalid('Het bovenliggende doel bestaat niet in deze versie.');
  const allowed = PARENT_KINDS[kind];
  if (!allowed.includes(parent ? parent.kind : null)) {
    const where = allowed.map((k) => (k === null ? 'bovenaan' : `onder een ${KIND_LABELS[k]}`)).join(' of ');
    throw invalid(`Een ${KIND_LABELS[kind]} hoort ${where}.`);
  }
}
/** Renumbers the siblings under parentId, with `moved` at index `at` (end when null). */
async function renumber(trx: Trx, scope: Scope, frameworkId: string, version: number, siblings: { node_id: string; position: number; title: string }[], moved: string | null, at: number | null) {
  const rest = siblings.filter((s) => s.node_id !== moved).sort((a, b) => a.position - b.position || a.title.localeCompare(b.title));
  const order = rest.map((s) => s.node_id);
  if (moved) order.splice(at === null ? order.length : Math.min(at, order.length), 0, moved);
  for (let i = 0; i < order.length; i++) {
    await trx.updateTable('framework_node').set({ position: i }).where('gemeente_code', '=', scope.gemeenteCode).where('framework_id', '=', frameworkId)
      .where('version', '=', version).where('node_id', '=', order[i]!).execute();
  }
}

export async function addNode(db: Db, scope: Scope, frameworkId: string, version: number, input: unknown): Promise<{ nodeId: string }> {
  requireEditor(scope);
  const data = parseInput(nodeCreateSchema, input);
  const nodeId = crypto.randomUUID();
  await db.transaction().execute(async (trx) => {
    await lockConcept(trx, scope, frameworkId, version);
    const nodes = await nodesOf(trx, scope, frameworkId, version);
    if (nodes.length >= 500) throw invalid('Een beleidskader kan hoogstens 500 onderdelen hebben.');
    const parentId = data.parentId ?? null;
    checkParent(nodes, data.kind, parentId);
    const position = nodes.filter((n) => n.parent_id === parentId).reduce((m, n) => Math.max(m, Number(n.position) + 1), 0);
    const row = { kind: data.kind, title: data.title, description: data.description ?? '', parentId };
    await trx.insertInto('framework_node').values({ gemeente_code: scope.gemeenteCode, framework_id: frameworkId, version, node_id: nodeId, parent_id: parentId, kind: data.kind, title: data.title, description: data.description ?? '', position }).execute();
    await touch(trx, scope, frameworkId, version);
    await recordChange(trx, scope, { entity: 'node', entityId: `${frameworkId}/${nodeId}`, change: 'created', after: { version, ...row } });
  });
  return { nodeId };
}

export async function updateNode(db: Db, scope: Scope, frameworkId: string, version: number, nodeId: string, input: unknown): Promise<void> {
  requireEditor(scope);
  const data = parseInput(nodeUpdateSchema, input);
  await db.transaction().execute(async (trx) => {
    await lockConcept(trx, scope, frameworkId, version);
    const nodes = await nodesOf(trx, scope, frameworkId, version);
    const node = nodes.find((n) => n.node_id === nodeId);
    if (!node) throw notFound('Dit onderdeel bestaat niet in deze versie.');
    const parentId = data.parentId === undefined ? node.parent_id : data.parentId;
    if (parentId !== node.parent_id) {
      checkParent(nodes, node.kind, parentId);
      // Not into its own subtree.
      for (let p = parentId; p; p = nodes.find((n) => n.node_id === p)?.parent_id ?? null) {
        if (p === nodeId) throw invalid('Je kunt een onderdeel niet onder zichzelf of een eigen onderdeel hangen.');
      }
    }
    const before = { title: node.title, description: node.description, parentId: node.parent_id, position: Number(node.position) };
    const moved = parentId !== node.parent_id || data.position !== undefined;
    await trx.updateTable('framework_node').set({ title: data.title ?? node.title, description: data.description ?? node.description, parent_id: parentId })
      .where('gemeente_code', '=', scope.gemeenteCode).where('framework_id', '=', frameworkId).where('version', '=', version).where('node_id', '=', nodeId).execute();
    if (moved) {
      const siblings = nodes.filter((n) => n.parent_id === parentId || n.node_id === nodeId).map((n) => ({ node_id: n.node_id, position: Number(n.position), title: n.title }));
      await renumber(trx, scope, frameworkId, version, siblings, nodeId, data.position ?? null);
      if (parentId !== node.parent_id) {
        const old = nodes.filter((n) => n.parent_id === node.parent_id && n.node_id !== nodeId).map((n) => ({ node_id: n.node_id, position: Number(n.position), title: n.title }));
        await renumber(trx, scope, frameworkId, version, old, null, null);
      }
    }
    const afterRow = await trx.selectFrom('framework_node').select(['title', 'description', 'parent_id', 'position']).where('gemeente_code', '=', scope.gemeenteCode)
      .where('framework_id', '=', frameworkId).where('version', '=', version).where('node_id', '=', nodeId).executeTakeFirstOrThrow();
    const after = { title: afterRow.title, description: afterRow.description, parentId: afterRow.parent_id, position: Number(afterRow.position) };
    if (JSON.stringify(before) === JSON.stringify(after)) return;
    await touch(trx, scope, frameworkId, version);
    await recordChange(trx, scope, { entity: 'node', entityId: `${frameworkId}/${nodeId}`, change: 'changed', before: { version, ...before }, after: { version, ...after } });
  });
}

export async function removeNode(db: Db, scope: Scope, frameworkId: string, version: number, nodeId: string): Promise<{ removed: number }> {
  requireEditor(scope);
  return db.transaction().execute(async (trx) => {
    await lockConcept(trx, scope, frameworkId, version);
    const nodes = await nodesOf(trx, scope, frameworkId, version);
    const node = nodes.find((n) => n.node_id === nodeId);
    if (!node) throw notFound('Dit onderdeel bestaat niet in deze versie.');
    const doomed = [nodeId];
    for (let i = 0; i < doomed.length; i++) for (const n of nodes) if (n.parent_id === doomed[i]) doomed.push(n.node_id);
    await trx.deleteFrom('framework_node').where('gemeente_code', '=', scope.gemeenteCode).where('framework_id', '=', frameworkId).where('version', '=', version).where('node_id', 'in', doomed).execute();
    const siblings = nodes.filter((n) => n.parent_id === node.parent_id && n.node_id !== nodeId).map((n) => ({ node_id: n.node_id, position: Number(n.position), title: n.title }));
    await renumber(trx, scope, frameworkId, version, siblings, null, null);
    await touch(trx, scope, frameworkId, version);
    await recordChange(trx, scope, { entity: 'node', entityId: `${frameworkId}/${nodeId}`, change: 'deleted', before: { version, kind: node.kind, title: node.title, parentId: node.parent_id, alsoRemoved: doomed.length - 1 } });
    return { removed: doomed.length };
  });
}

async function requireNode(trx: Trx, scope: Scope, frameworkId: string, version: number, nodeId: string) {
  if (!uuid.safeParse(nodeId).success) throw notFound('Dit onderdeel bestaat niet in deze versie.');
  const n = await trx.selectFrom('framework_node').select(['node_id', 'kind', 'title']).where('gemeente_code', '=', scope.gemeenteCode)
    .where('framework_id', '=', frameworkId).where('version', '=', version).where('node_id', '=', nodeId).executeTakeFirst();
  if (!n) throw notFound('Dit onderdeel bestaat niet in deze versie.');
  return n;
}

/** Replaces the indicators linked to a node (order = position). Catalogue or own indicators only. */
export async function setNodeIndicators(db: Db, scope: Scope, frameworkId: string, version: number, nodeId: string, input: unknown): Promise<void> {
  requireEditor(scope);
  const data = parseInput(indicatorsSchema, input);
  const known = new Set((await definitionsFor(db, scope.gemeenteCode)).map((d) => d.id));
  const seen = new Set<string>();
  for (const i of data.indicators) {
    if (!known.has(i.indicatorId)) throw invalid(`Indicator "${i.indicatorId}" bestaat niet in de catalogus of bij de eigen indicatoren.`);
    if (seen.has(i.indicatorId)) throw invalid(`Indicator "${i.indicatorId}" staat er twee keer in.`);
    seen.add(i.indicatorId);
  }
  await db.transaction().execute(async (trx) => {
    await lockConcept(trx, scope, frameworkId, version);
    await requireNode(trx, scope, frameworkId, version, nodeId);
    const where = (q: any) => q.where('gemeente_code', '=', scope.gemeenteCode).where('framework_id', '=', frameworkId).where('version', '=', version).where('node_id', '=', nodeId);
    const before = (await where(trx.selectFrom('framework_indicator').select(['indicator_id', 'measure_kind', 'attention_margin'])).orderBy('position').execute() as { indicator_id: string; measure_kind: string; attention_margin: number | null }[])
      .map((r) => ({ indicatorId: r.indicator_id, measureKind: r.measure_kind, attentionMargin: r.attention_margin === null ? null : Number(r.attention_margin) }));
    const after = data.indicators.map((i) => ({ indicatorId: i.indicatorId, measureKind: i.measureKind, attentionMargin: i.attentionMargin ?? null }));
    if (JSON.stringify(before) === JSON.stringify(after)) return;
    await where(trx.deleteFrom('framework_indicator')).execute();
    let position = 0;
    for (const i of after) {
      await trx.insertInto('framework_indicator').values({ gemeente_code: scope.gemeenteCode, framework_id: frameworkId, version, node_id: nodeId, indicator_id: i.indicatorId, measure_kind: i.measureKind, attention_margin: i.attentionMargin, position: position++ }).execute();
    }
    await touch(trx, scope, frameworkId, version);
    await recordChange(trx, scope, { entity: 'node', entityId: `${frameworkId}/${nodeId}`, change: 'changed', before: { version, indicators: before }, after: { version, indicators: after } });
  });
}

/** Replaces the budget lines (taakvelden) linked to a node. */
export async function setNodeBudget(db: Db, scope: Scope, frameworkId: string, version: number, nodeId: string, input: unknown): Promise<void> {
  requireEditor(scope);
  const data = parseInput(budgetSchema, input);
  const after = [...new Set(data.taakvelden)].sort();
  await db.transaction().execute(async (trx) => {
    await lockConcept(trx, scope, frameworkId, version);
    await requireNode(trx, scope, frameworkId, version, nodeId);
    const where = (q: any) => q.where('gemeente_code', '=', scope.gemeenteCode).where('framework_id', '=', frameworkId).where('version', '=', version).where('node_id', '=', nodeId);
    const before = (await where(trx.selectFrom('framework_budget').select('taakveld')).orderBy('taakveld').execute() as { taakveld: string }[]).map((r) => r.taakveld);
    if (JSON.stringify(before) === JSON.stringify(after)) return;
    await where(trx.deleteFrom('framework_budget')).execute();
    for (const t of after) await trx.insertInto('framework_budget').values({ gemeente_code: scope.gemeenteCode, framework_id: frameworkId, version, node_id: nodeId, taakveld: t }).execute();
    await touch(trx, scope, frameworkId, version);
    await recordChange(trx, scope, { entity: 'node', entityId: `${frameworkId}/${nodeId}`, change: 'changed', before: { version, budget: before }, after: { version, budget: after } });
  });
}

export const dayBefore = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const today = () => new Date().toISOString().slice(0, 10);

/** concept → vastgesteld; the version that was vastgesteld becomes vervallen the day before this one is in force. */
export async function adoptVersion(db: Db, scope: Scope, frameworkId: string, version: number, input: unknown): Promise<void> {
  requireEditor(scope);
  const data = parseInput(adoptSchema, input);
  const inForceFrom = data.inForceFrom ?? data.adoptedOn;
  await db.transaction().execute(async (trx) => {
    const v = await lockConcept(trx, scope, frameworkId, version);
    const nodes = await nodesOf(trx, scope, frameworkId, version);
    if (nodes.length === 0) throw invalid('Een leeg beleidskader kan niet worden vastgesteld. Voeg eerst thema’s en doelen toe.');
    const prev = await trx.selectFrom('framework_version').selectAll().where('gemeente_code', '=', scope.gemeenteCode).where('framework_id', '=', frameworkId)
      .where('status', '=', 'vastgesteld').forUpdate().executeTakeFirst();
    // In-force periods never overlap: also after a withdrawn (vervallen) version the new one starts later.
    const ended = await trx.selectFrom('framework_version').select(['version', 'in_force_to']).where('gemeente_code', '=', scope.gemeenteCode)
      .where('framework_id', '=', frameworkId).where('status', '=', 'vervallen').where('in_force_to', '>=', inForceFrom).orderBy('in_force_to', 'desc').executeTakeFirst();
    if (ended) throw invalid(`Versie ${ended.version} gold tot en met ${ended.in_force_to}. De nieuwe versie moet daarna ingaan.`);
    if (prev) {
      if (prev.in_force_from && inForceFrom <= prev.in_force_from) {
        throw invalid(`Versie ${prev.version} geldt vanaf ${prev.in_force_from}. De nieuwe versie moet later ingaan.`);
      }
      const to = dayBefore(inForceFrom);
      await trx.updateTable('framework_version').set({ status: 'vervallen', in_force_to: to, updated_by: scope.username, updated_at: new Date() })
        .where('gemeente_code', '=', scope.gemeenteCode).where('framework_id', '=', frameworkId).where('version', '=', prev.version).execute();
      await recordChange(trx, scope, { entity: 'framework_version', entityId: `${frameworkId}/${prev.version}`, change: 'withdrawn', before: { status: 'vastgesteld', inForceTo: prev.in_force_to }, after: { status: 'vervallen', inForceTo: to, replacedBy: version } });
    }
    await trx.updateTable('framework_version').set({ status: 'vastgesteld', adopted_on: data.adoptedOn, decision_ref: data.decisionRef || null, in_force_from: inForceFrom, in_force_to: null, updated_by: scope.username, updated_at: new Date() })
      .where('gemeente_code', '=', scope.gemeenteCode).where('framework_id', '=', frameworkId).where('version', '=', version).execute();
    await recordChange(trx, scope, { entity: 'framework_version', entityId: `${frameworkId}/${version}`, change: 'adopted', before: { status: v.status }, after: { status: 'vastgesteld', adoptedOn: data.adoptedOn, decisionRef: data.decisionRef || null, inForceFrom } });
  });
}

/** A new concept version copied from the latest version (same node ids). */
export async function newVersion(db: Db, scope: Scope, frameworkId: string): Promise<{ version: number }> {
  requireEditor(scope);
  if (!uuid.safeParse(frameworkId).success) throw notFound();
  const g = scope.gemeenteCode;
  return db.transaction().execute(async (trx) => {
    const f = await trx.selectFrom('framework').select('framework_id').where('gemeente_code', '=', g).where('framework_id', '=', frameworkId).forUpdate().executeTakeFirst();
    if (!f) throw notFound();
    const versions = await trx.selectFrom('framework_version').selectAll().where('gemeente_code', '=', g).where('framework_id', '=', frameworkId).orderBy('version', 'desc').execute();
    const concept = versions.find((v) => v.status === 'concept');
    if (concept) throw conflict(`Er is al een conceptversie (versie ${concept.version}). Werk daarin verder.`);
    const src = versions[0]!;
    const version = Number(src.version) + 1;
    await trx.insertInto('framework_version').values({
      gemeente_code: g, framework_id: frameworkId, version, title: src.title, vision: src.vision, mission: src.mission,
      principles: JSON.stringify(principlesOf(src.principles)), template_id: src.template_id, updated_by: scope.username,
    }).execute();
    await sql`insert into framework_node (gemeente_code, framework_id, version, node_id, parent_id, kind, title, description, position)
      select gemeente_code, framework_id, ${version}, node_id, parent_id, kind, title, description, position from framework_node
       where gemeente_code = ${g} and framework_id = ${frameworkId} and version = ${src.version}`.execute(trx);
    await sql`insert into framework_indicator (gemeente_code, framework_id, version, node_id, indicator_id, measure_kind, attention_margin, position)
      select gemeente_code, framework_id, ${version}, node_id, indicator_id, measure_kind, attention_margin, position from framework_indicator
       where gemeente_code = ${g} and framework_id = ${frameworkId} and version = ${src.version}`.execute(trx);
    await sql`insert into framework_budget (gemeente_code, framework_id, version, node_id, taakveld)
      select gemeente_code, framework_id, ${version}, node_id, taakveld from framework_budget
       where gemeente_code = ${g} and framework_id = ${frameworkId} and version = ${src.version}`.execute(trx);
    await recordChange(trx, scope, { entity: 'framework_version', entityId: `${frameworkId}/${version}`, change: 'new_version', after: { version, copiedFrom: Number(src.version) } });
    return { version };
  });
}

/** vastgesteld → vervallen: the council withdrew the framework; in force until `on` (default today). */
export async function withdrawVersion(db: Db, scope: Scope, frameworkId: string, version: number, input: unknown): Promise<void> {
  requireEditor(scope);
  const data = parseInput(withdrawSchema, input);
  await db.transaction().execute(async (trx) => {
    const v = await lockVersion(trx, scope, frameworkId, version);
    if (v.status === 'concept') throw conflict('Een concept is nog niet vastgesteld en kan dus niet worden ingetrokken. Verwijder het concept als je het niet meer nodig hebt.');
    if (v.status === 'vervallen') throw conflict(`Versie ${version} is al vervallen.`);
    const on = data.on ?? today();
    if (v.in_force_from && on < v.in_force_from) throw invalid(`Versie ${version} geldt pas vanaf ${v.in_force_from}. Kies een einddatum op of na die dag.`);
    await trx.updateTable('framework_version').set({ status: 'vervallen', in_force_to: on, updated_by: scope.username, updated_at: new Date() })
      .where('gemeente_code', '=', scope.gemeenteCode).where('framework_id', '=', frameworkId).where('version', '=', version).execute();
    await recordChange(trx, scope, { entity: 'framework_version', entityId: `${frameworkId}/${version}`, change: 'withdrawn', before: { status: 'vastgesteld' }, after: { status: 'vervallen', inForceTo: on } });
  });
}

/** Removes a concept version; a framework without any version left is removed as well. */
export async function discardConcept(db: Db, scope: Scope, frameworkId: string, version: number): Promise<{ frameworkRemoved: boolean }> {
  requireEditor(scope);
  return db.transaction().execute(async (trx) => {
    const v = await lockConcept(trx, scope, frameworkId, version);
    await trx.deleteFrom('framework_version').where('gemeente_code', '=', scope.gemeenteCode).where('framework_id', '=', frameworkId).where('version', '=', version).execute();
    await recordChange(trx, scope, { entity: 'framework_version', entityId: `${frameworkId}/${version}`, change: 'deleted', before: { status: v.status, title: v.title } });
    const left = await trx.selectFrom('framework_version').select('version').where('gemeente_code', '=', scope.gemeenteCode).where('framework_id', '=', frameworkId).execute();
    if (left.length > 0) return { frameworkRemoved: false };
    await trx.deleteFrom('framework').where('gemeente_code', '=', scope.gemeenteCode).where('framework_id', '=', frameworkId).execute();
    await recordChange(trx, scope, { entity: 'framework', entityId: frameworkId, change: 'deleted', before: { title: v.title } });
    return { frameworkRemoved: true };
  });
}

/**
 * The history of a framework, its versions and its nodes, newest first. The raad sees the history of
 * adopted versions only (concept work is the organisation's); it gets the changes that made a version
 * vastgesteld or vervallen, and not the editing of concepts.
 */
export async function readFrameworkHistory(db: Db, scope: Scope, frameworkId: string, limit = 300): Promise<HistoryEntry[]> {
  await readFramework(db, scope, frameworkId); // existence and visibility
  let q = db.selectFrom('steering_history').selectAll().where('gemeente_code', '=', scope.gemeenteCode)
    .where((eb) => eb.or([
      eb.and([eb('entity', '=', 'framework'), eb('entity_id', '=', frameworkId)]),
      eb.and([eb('entity', 'in', ['framework_version', 'node']), eb('entity_id', 'like', `${frameworkId}/%`)]),
    ]));
  if (!mayReadConceptFrameworks(scope)) q = q.where('change', 'in', ['adopted', 'withdrawn']);
  const rows = await q.orderBy('changed_at', 'desc').orderBy('history_id').limit(limit).execute();
  return rows.map((r) => ({
    entity: r.entity, entityId: r.entity_id, change: r.change, changedBy: r.changed_by, changedAt: iso(r.changed_at),
    before: typeof r.before === 'string' ? JSON.parse(r.before) : r.before, after: typeof r.after === 'string' ? JSON.parse(r.after) : r.after,
  }));
}
