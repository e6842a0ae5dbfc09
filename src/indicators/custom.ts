import { CompiledQuery } from 'kysely';
import { z } from 'zod';
import { sql, type Db } from '../db/index.js';
import { periodsBetween, type PeriodType } from '../model/periods.js';
import { CATALOGUE } from './catalogue.js';
import { compileIndicator, DefinitionError, validateDefinition } from './compiler.js';
import { cellsFromRows, extentOf, recomputeGemeente, type ComputedCell, type Row } from './compute.js';
import { DIMENSIONS, type IndicatorDefinition } from './definition.js';
import { FACTS } from './facts.js';

/**
 * Own indicators: a gemeente defines an indicator from the catalogue's building blocks (facts,
 * boundaries, counts, filters, population), checked by the same compiler, computed by the same
 * engine after every import, with preview before saving. Ids start with "eigen_"; a change is a
 * new version.
 */
const scalar = z.union([z.string().max(100), z.number(), z.boolean()]);
const condition: z.ZodType<unknown> = z.lazy(() => z.union([
  z.object({ field: z.string(), in: z.array(scalar).min(1).max(50) }).strict(),
  z.object({ field: z.string(), notIn: z.array(scalar).min(1).max(50) }).strict(),
  z.object({ field: z.string(), op: z.enum(['=', '<>', '<', '<=', '>', '>=']), value: scalar }).strict(),
  z.object({ field: z.string(), isNull: z.boolean() }).strict(),
  z.object({ field: z.string(), op: z.enum(['<', '<=', '>', '>=']), relativeTo: z.enum(['p_start', 'p_end', 'field']), months: z.number().int().min(-240).max(240).optional(), days: z.number().int().min(-3650).max(3650).optional(), otherField: z.string().optional() }).strict(),
  z.object({ anyOf: z.array(condition).min(1).max(10) }).strict(),
]));
const age = z.tuple([z.number().int().min(0).max(120), z.number().int().min(0).max(120)]);
const measure = z.object({
  fact: z.enum(Object.keys(FACTS) as [string, ...string[]]),
  boundary: z.enum(['active', 'active_at_start', 'active_at_end', 'started', 'ended', 'event', 'in_year', 'year_to_date', 'per_period']),
  date: z.string().optional(),
  count: z.union([z.enum(['persons', 'records', 'households']), z.object({ sum: z.string() }).strict(), z.object({ median: z.string() }).strict(), z.object({ sumOverDays: z.string() }).strict()]),
  where: z.array(condition).max(20).optional(),
  age: age.optional(),
  latestPerPerson: z.boolean().optional(),
  latestWhere: z.array(condition).max(20).optional(),
}).strict();

export const ownIndicatorSchema = z.object({
  id: z.string().regex(/^eigen_[a-z0-9_]{3,40}$/, 'Een eigen indicator heeft een id die begint met "eigen_", met daarna 3 tot 40 kleine letters, cijfers of _.'),
  name: z.string().trim().min(3).max(120),
  description: z.string().trim().min(3).max(1000),
  definition: z.object({ numerator: z.string().trim().min(3).max(500), denominator: z.string().trim().min(3).max(500) }),
  unit: z.string().trim().min(1).max(20),
  polarity: z.enum(['up', 'down', 'context']),
  group: z.enum(['population', 'how_much', 'how_well', 'better_off']),
  factor: z.number().positive().max(1_000_000),
  periodTypes: z.array(z.enum(['year', 'halfyear', 'quarter', 'month'])).min(1),
  breakdowns: z.array(z.enum(DIMENSIONS)).max(DIMENSIONS.length),
  numerator: measure,
  denominator: z.union([measure, z.object({ population: z.object({ age: age.optional() }).strict() }).strict()]),
  valueRule: z.enum(['ratio', 'complement', 'statistic']).optional(),
  numeratorKind: z.enum(['count', 'amount', 'statistic']).optional(),
  followUpDays: z.number().int().min(0).max(730).optional(),
}).strict();
export type OwnIndicatorInput = z.infer<typeof ownIndicatorSchema>;

export class OwnIndicatorError extends Error {
  constructor(readonly problems: string[]) { super(problems.join(' ')); }
}

/** Checks user input; returns a full definition or throws OwnIndicatorError with Dutch problems. */
export function toDefinition(input: unknown, version = 1): IndicatorDefinition {
  const parsed = ownIndicatorSchema.safeParse(input);
  if (!parsed.success) throw new OwnIndicatorError(parsed.error.issues.map((i) => `${i.path.join('.') || 'definitie'}: ${i.message}`));
  const x = parsed.data;
  if (CATALOGUE.some((d) => d.id === x.id)) throw new OwnIndicatorError([`id: "${x.id}" is al een indicator uit de catalogus.`]);
  const d: IndicatorDefinition = {
    ...x, version, definition: { ...x.definition, factor: x.factor },
    source: [...new Set([x.numerator.fact, ...('fact' in x.denominator ? [x.denominator.fact] : [])].map((f) => FACTS[f]!.source))].join('; '),
    periodBoundary: 'Zoals gekozen bij teller en noemer.',
    numerator: x.numerator as IndicatorDefinition['numerator'],
    denominator: x.denominator as IndicatorDefinition['denominator'],
    own: true,
  } as IndicatorDefinition;
  try { validateDefinition(d); } catch (e) {
    if (e instanceof DefinitionError) throw new OwnIndicatorError([e.message]);
    throw e;
  }
  return d;
}

const caches = new WeakMap<Db, Map<string, { defs: IndicatorDefinition[]; until: number }>>();

/** The gemeente's current own indicators (latest version, not archived). */
export async function ownIndicators(db: Db, gemeente: string): Promise<IndicatorDefinition[]> {
  const cache = caches.get(db) ?? caches.set(db, new Map()).get(db)!;
  const hit = cache.get(gemeente);
  if (hit && hit.until > Date.now()) return hit.defs;
  const rows = await sql<{ indicator_id: string; version: number; definition: unknown; archived: boolean }>`
    select distinct on (indicator_id) indicator_id, version, definition, archived from own_indicator
     where gemeente_code = ${gemeente} order by indicator_id, version desc`.execute(db);
  const defs = rows.rows.filter((r) => !r.archived).map((r) => toDefinition(r.definition, r.version));
  cache.set(gemeente, { defs, until: Date.now() + 10_000 });
  return defs;
}

/** Catalogue plus the gemeente's own indicators. */
export async function definitionsFor(db: Db, gemeente: string): Promise<IndicatorDefinition[]> {
  return [...CATALOGUE, ...(await ownIndicators(db, gemeente))];
}

const CATALOGUE_BY_ID = new Map(CATALOGUE.map((d) => [d.id, d]));

export async function findDefinition(db: Db, gemeente: string, id: string): Promise<IndicatorDefinition | undefined> {
  // Own ids start with "eigen_", so a catalogue id never needs the gemeente's own definitions.
  return CATALOGUE_BY_ID.get(id) ?? (await ownIndicators(db, gemeente)).find((d) => d.id === id);
}

/** Saves a new version when the definition changed; recomputes that indicator at once. */
export async function saveOwnIndicator(db: Db, gemeente: string, input: unknown, username: string): Promise<{ definition: IndicatorDefinition; changed: boolean }> {
  const candidate = toDefinition(input);
  const last = (await sql<{ version: number; definition: unknown }>`
    select version, definition from own_indicator where gemeente_code = ${gemeente} and indicator_id = ${candidate.id} order by version desc limit 1`.execute(db)).rows[0];
  const clean = ownIndicatorSchema.parse(input);
  if (last && canonical(last.definition) === canonical(clean)) return { definition: toDefinition(clean, last.version), changed: false };
  const version = (last?.version ?? 0) + 1;
  await sql`insert into own_indicator (gemeente_code, indicator_id, version, definition, created_by) values (${gemeente}, ${candidate.id}, ${version}, ${JSON.stringify(clean)}::jsonb, ${username})`.execute(db);
  caches.get(db)?.delete(gemeente);
  const d = toDefinition(clean, version);
  await recomputeGemeente(db, gemeente, null, { definitions: [d], analyze: false });
  return { definition: d, changed: true };
}

/** JSON with sorted keys (jsonb does not keep key order). */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

export async function archiveOwnIndicator(db: Db, gemeente: string, id: string): Promise<boolean> {
  const r = await sql`update own_indicator set archived = true where gemeente_code = ${gemeente} and indicator_id = ${id}`.execute(db);
  caches.get(db)?.delete(gemeente);
  return Number(r.numAffectedRows ?? 0) > 0;
}

/**
 * Preview before saving: the definition computed for the most recent periods of one type (gemeente
 * total and breakdowns), without storing anything. Disclosure is applied by the caller.
 */
export async function previewOwnIndicator(db: Db, gemeente: string, input: unknown, periodType: PeriodType = 'year', count = 4): Promise<{ definition: IndicatorDefinition; cells: ComputedCell[]; missing: string[] }> {
  const d = toDefinition(input);
  const extent = await extentOf(db, gemeente, d);
  if (!extent.first || !extent.last) return { definition: d, cells: [], missing: extent.missing };
  const periods = periodsBetween(periodType, extent.first, extent.last).slice(-count);
  if (!periods.length) return { definition: d, cells: [], missing: [] };
  const q = compileIndicator(d, gemeente, periods);
  const res = await db.executeQuery<Row>(CompiledQuery.raw(q.text, q.params));
  return { definition: d, cells: cellsFromRows(d, gemeente, periods, res.rows, extent.dataUntil!), missing: [] };
}
