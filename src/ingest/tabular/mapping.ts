/**
 * Mappings: how another system's export becomes a Koers-format record without editing the file.
 * Per target column a source column (optionally with a value map and date format) or a constant.
 */
import { z } from 'zod';
import { InputError } from '../errors.js';
import { CBS_MEASURES, findSource, ZRM_WIDE_DOMAINS } from './sources.js';
import type { Mapping, TabularSource, TargetColumn } from './types.js';
import { isEmpty, isValidDateFormat, looseKey, parseValue, rawToText, type RawValue, type Value } from './values.js';

export const DEFAULT_DATE_FORMAT = 'YYYY-MM-DD';

const dateFormat = z.string().refine(isValidDateFormat, { message: 'datumformaat wordt niet begrepen (gebruik bijvoorbeeld JJJJ-MM-DD als YYYY-MM-DD, DD-MM-YYYY, D-M-YYYY of YYYYMMDD)' });

const columnMappingSchema = z.union([
  z.object({ column: z.string().min(1, 'kolomnaam is leeg'), map: z.record(z.string(), z.string()).optional(), dateFormat: dateFormat.optional() }).strict(),
  z.object({ constant: z.string() }).strict(),
]);

export const mappingSchema: z.ZodType<Mapping> = z.object({
  source: z.string().min(1),
  sheet: z.string().min(1).optional(),
  delimiter: z.enum([',', ';']).optional(),
  headerRow: z.number().int().min(1).max(10_000).optional(),
  dateFormat: dateFormat.optional(),
  columns: z.record(z.string(), columnMappingSchema),
}).strict().superRefine((m, ctx) => {
  const source = findSource(m.source);
  if (!source) { ctx.addIssue({ code: 'custom', path: ['source'], message: `onbekende bron "${m.source}"` }); return; }
  for (const name of Object.keys(m.columns)) {
    if (!source.columns.some((c) => c.name === name)) ctx.addIssue({ code: 'custom', path: ['columns', name], message: `bron ${source.id} heeft geen kolom "${name}"` });
  }
});

/** Identity mapping: every target column whose name matches a header (ignoring case, spaces, _ and -). */
export function defaultMapping(sourceId: string, headers: string[]): Mapping {
  const source = findSource(sourceId);
  if (!source) throw new InputError(`onbekende bron "${sourceId}"`);
  const columns: Mapping['columns'] = {};
  for (const c of source.columns) {
    const exact = headers.find((h) => h.trim().toLowerCase() === c.name);
    const loose = exact ?? headers.find((h) => looseKey(h) === looseKey(c.name)) ?? aliasHeader(headers, c.aliases);
    if (loose !== undefined) columns[c.name] = { column: loose };
  }
  return { source: source.id, columns };
}

/** looseKey without brackets, %, apostrophes and commas: "Regio's" = "Regios", "Jongeren met jeugdhulp (%)" = "jongeren met jeugdhulp". */
const aliasKey = (s: string) => looseKey(s).replace(/[()%'’,]/g, '');

/**
 * The header that is one of a column's aliases; also the part after the last "/" of a header, as
 * StatLine writes a subject with its group ("Wmo/Wmo-cliënten per 1 000 inwoners").
 */
function aliasHeader(headers: string[], aliases: string[] | undefined): string | undefined {
  if (!aliases?.length) return undefined;
  const keys = new Set(aliases.map(aliasKey));
  return headers.find((h) => keys.has(aliasKey(h))) ?? headers.find((h) => h.includes('/') && keys.has(aliasKey(h.slice(h.lastIndexOf('/') + 1))));
}

export interface FieldError { field: string; reason: string }

interface CompiledColumn {
  column: TargetColumn;
  index: number;              // -1 for a constant
  constant: string | null;
  map: Map<string, string> | null;
  mapLoose: Map<string, string> | null;
  dateFormat: string;
}

export interface CompiledMapping {
  source: TabularSource;
  columns: CompiledColumn[];
  /** Target columns that are mapped (to a column or a constant). */
  mapped: Set<string>;
  /** Lenient compile (previews): what would refuse the file, per target column. */
  problems: FieldError[];
}

/** Finds a header: exact, then ignoring case and surrounding spaces. -1 = not there, -2 = ambiguous. */
function findHeader(headers: string[], name: string): number {
  const exact = headers.indexOf(name);
  if (exact >= 0) return exact;
  const wanted = name.trim().toLowerCase();
  const hits = headers.flatMap((h, i) => (h.trim().toLowerCase() === wanted ? [i] : []));
  return hits.length === 1 ? hits[0]! : hits.length ? -2 : -1;
}

const list = (names: string[]) => names.map((n) => `"${n}"`).join(', ');

/**
 * Checks a mapping against the file's header and compiles it. Everything that makes the whole
 * file meaningless (unknown source, a mapped column that is not in the file, missing required
 * columns) is an InputError for the file; row problems come later per record.
 */
export function compileMapping(mapping: Mapping, headers: string[], opts: { lenient?: boolean; personGiven?: boolean } = {}): CompiledMapping {
  const parsed = mappingSchema.safeParse(mapping);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(`de koppeling klopt niet: ${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`);
  }
  const source = findSource(mapping.source)!;
  const columns: CompiledColumn[] = [];
  const mapped = new Set<string>();
  const notInFile: string[] = [];
  const problems: FieldError[] = [];
  for (const column of source.columns) {
    const m = mapping.columns[column.name];
    if (!m) continue;
    if ('constant' in m) {
      columns.push({ column, index: -1, constant: m.constant, map: null, mapLoose: null, dateFormat: mapping.dateFormat ?? DEFAULT_DATE_FORMAT });
      mapped.add(column.name);
      continue;
    }
    const index = findHeader(headers, m.column);
    if (index === -1) { notInFile.push(m.column); problems.push({ field: column.name, reason: `kolom "${m.column}" staat niet in het bestand` }); continue; }
    if (index === -2) {
      if (opts.lenient) { problems.push({ field: column.name, reason: `kolom "${m.column}" staat meer dan eens in de kopregel` }); continue; }
      throw new InputError(`de kolom "${m.column}" staat meer dan eens in de kopregel`, 'kopregel');
    }
    const map = m.map ? new Map(Object.entries(m.map).map(([k, v]) => [k.trim(), v])) : null;
    const mapLoose = m.map ? new Map(Object.entries(m.map).map(([k, v]) => [k.trim().toLowerCase(), v])) : null;
    columns.push({ column, index, constant: null, map, mapLoose, dateFormat: m.dateFormat ?? mapping.dateFormat ?? DEFAULT_DATE_FORMAT });
    mapped.add(column.name);
  }
  if (opts.lenient) {
    for (const c of source.columns) if (c.required && !mapped.has(c.name) && !problems.some((p) => p.field === c.name)) problems.push({ field: c.name, reason: 'is verplicht maar niet gekoppeld' });
    return { source, columns, mapped, problems };
  }
  if (notInFile.length) {
    const shown = headers.filter((h) => h.trim()).slice(0, 30);
    throw new InputError(`kolom(men) uit de koppeling staan niet in het bestand: ${list(notInFile)} (gevonden: ${list(shown)}${headers.length > 30 ? ', …' : ''})`, 'kopregel');
  }
  const missing = source.columns.filter((c) => c.required && !mapped.has(c.name)).map((c) => c.name);
  if (missing.length) {
    const oneColumn = headers.length === 1 && /[,;\t]/.test(headers[0]!);
    throw new InputError(`verplichte kolom(men) ontbreken: ${missing.join(', ')}${oneColumn ? ' (de kopregel is één kolom: klopt het scheidingsteken?)' : ''} (verwacht voor ${source.label.toLowerCase()}: ${source.columns.filter((c) => c.required).map((c) => c.name).join(', ')})`, 'kopregel');
  }
  // personGiven: a quarantined record re-imported with its pseudonymised person (see ImportTabularArgs.pseudonymisedPerson).
  if (source.personLevel && !opts.personGiven && !mapped.has('bsn') && !mapped.has('clientnummer')) {
    throw new InputError('een kolom bsn of clientnummer is verplicht (wie de regel betreft)', 'kopregel');
  }
  if ((source.id === 'postcodes' || source.id === 'postcode_ranges') && !mapped.has('wijk') && !mapped.has('buurt')) {
    throw new InputError('een kolom wijk of buurt is verplicht', 'kopregel');
  }
  if (source.id === 'zrm_wide' && !ZRM_WIDE_DOMAINS.some((d) => mapped.has(d))) {
    throw new InputError(`geen enkele domeinkolom gevonden of gekoppeld (verwacht kolommen zoals ${ZRM_WIDE_DOMAINS.slice(0, 4).join(', ')}, …; koppel de kolomnamen van het bestand in de koppeling)`, 'kopregel');
  }
  if (source.id === 'cbs_reference' && !(mapped.has('maat') && mapped.has('waarde')) && !Object.keys(CBS_MEASURES).some((d) => mapped.has(d))) {
    throw new InputError(`geen waarden gevonden: verwacht de kolommen maat en waarde, of een kolom per onderwerp zoals "${CBS_MEASURES.wmo_clients_per_1000!.label}" of ${Object.keys(CBS_MEASURES).slice(0, 3).join(', ')}, …`, 'kopregel');
  }
  return { source, columns, mapped, problems };
}

export interface MappedRecord {
  /** Typed values per target column (null = empty or not mapped, or invalid). */
  values: Record<string, Value>;
  /** The text per target column after the value map, before parsing (for quarantine and preview). */
  texts: Record<string, string | null>;
  errors: FieldError[];
}

/** Applies a compiled mapping to one row of cells. */
export function mapRecord(cm: CompiledMapping, cells: RawValue[]): MappedRecord {
  const values: Record<string, Value> = {};
  const texts: Record<string, string | null> = {};
  const errors: FieldError[] = [];
  for (const c of cm.source.columns) values[c.name] = null;
  for (const c of cm.columns) {
    let raw: RawValue = c.constant !== null ? c.constant : (cells[c.index] ?? null);
    if (c.map && raw !== null && !(raw instanceof Date)) {
      const key = String(raw).trim();
      const hit = c.map.get(key) ?? c.mapLoose!.get(key.toLowerCase());
      if (hit !== undefined) raw = hit;
    }
    texts[c.column.name] = isEmpty(raw) ? null : rawToText(raw);
    const r = parseValue(raw, c.column, c.dateFormat);
    if (!r.ok) { errors.push({ field: c.column.name, reason: r.reason }); values[c.column.name] = null; continue; }
    values[c.column.name] = r.value;
    if (r.value === null && c.column.required) errors.push({ field: c.column.name, reason: 'is verplicht maar leeg' });
  }
  return { values, texts, errors };
}
