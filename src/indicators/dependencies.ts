/**
 * Which definitions can change when given tables change: a tabular import (ZRM scores, benefits,
 * toegang cases, …) need not recompute the indicators over message traffic, which cannot see it.
 *
 * What a definition reads is taken from what it runs, not from a hand-kept list: its statement
 * (compiled for one period of each of its period types, every fact view inlined) and the extent
 * queries of its facts, followed down to base tables through the catalog (db/catalog.ts).
 */
import { readRelationCatalog, type Db, type RelationCatalog } from '../db/index.js';
import { periodsBetween } from '../model/periods.js';
import { CATALOGUE } from './catalogue.js';
import { compileIndicator, measuresOf } from './compiler.js';
import { ownIndicators } from './custom.js';
import type { IndicatorDefinition } from './definition.js';
import { FACTS } from './facts.js';

/** The base tables a definition reads. */
export function tablesRead(d: IndicatorDefinition, catalog: RelationCatalog): Set<string> {
  const periods = d.periodTypes.flatMap((t) => periodsBetween(t, '2025-01-01', '2025-01-01'));
  return catalog.baseTables([compileIndicator(d, '0000', periods).text, ...measuresOf(d).map((m) => FACTS[m.fact]!.extent)].join('\n'));
}

/** Of the given definitions, those that read any of `tables`; the others give the same figures whatever those tables hold. */
export async function readingAny<D extends IndicatorDefinition>(db: Db, definitions: readonly D[], tables: Iterable<string>): Promise<D[]> {
  const changed = new Set(tables);
  const catalog = await readRelationCatalog(db);
  return definitions.filter((d) => [...tablesRead(d, catalog)].some((t) => changed.has(t)));
}

/** Ids of the gemeente's definitions (the catalogue and its own indicators) that read any of `tables`. */
export async function definitionsReading(db: Db, gemeente: string, tables: Iterable<string>): Promise<string[]> {
  return (await readingAny(db, [...CATALOGUE, ...(await ownIndicators(db, gemeente))], tables)).map((d) => d.id);
}
