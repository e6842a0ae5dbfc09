// Pure helpers for the mapping editor: the mapping JSON (src/ingest/tabular/types.ts) ↔ form state.
import type { Mapping } from '../../data-api.js';

export type ColumnMapping = Mapping['columns'][string];

/** What a target column comes from, as the editor's select shows it. */
export type ColumnChoice = { kind: 'none' } | { kind: 'column'; column: string } | { kind: 'constant' };

export function choiceOf(m: ColumnMapping | undefined): ColumnChoice {
  if (!m) return { kind: 'none' };
  if ('constant' in m) return { kind: 'constant' };
  return { kind: 'column', column: m.column };
}

export const choiceValue = (c: ColumnChoice): string => (c.kind === 'column' ? `kolom:${c.column}` : c.kind === 'constant' ? 'vast' : '');

/** Applies a select value to one target column, keeping its value map and date format when it stays a column. */
export function withChoice(mapping: Mapping, target: string, value: string): Mapping {
  const columns = { ...mapping.columns };
  const current = columns[target];
  if (value === '') delete columns[target];
  else if (value === 'vast') columns[target] = { constant: current && 'constant' in current ? current.constant : '' };
  else {
    const column = value.replace(/^kolom:/, '');
    const keep = current && 'column' in current ? { map: current.map, dateFormat: current.dateFormat } : {};
    columns[target] = clean({ column, ...keep });
  }
  return { ...mapping, columns };
}

function clean<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as T;
}

export function withConstant(mapping: Mapping, target: string, constant: string): Mapping {
  return { ...mapping, columns: { ...mapping.columns, [target]: { constant } } };
}

export function withColumnOption(mapping: Mapping, target: string, option: { map?: Record<string, string>; dateFormat?: string }): Mapping {
  const current = mapping.columns[target];
  if (!current || !('column' in current)) return mapping;
  const next = { ...current, ...option };
  if (next.map && !Object.keys(next.map).length) delete next.map;
  if (!next.dateFormat) delete next.dateFormat;
  return { ...mapping, columns: { ...mapping.columns, [target]: next } };
}

/** File-wide settings (sheet, delimiter, header row, date format); empty values are left out. */
export function withSettings(mapping: Mapping, settings: Partial<Pick<Mapping, 'sheet' | 'delimiter' | 'headerRow' | 'dateFormat'>>): Mapping {
  const next: Mapping = { ...mapping, ...settings };
  for (const key of ['sheet', 'delimiter', 'headerRow', 'dateFormat'] as const) {
    if (next[key] === undefined || next[key] === '' || (key === 'headerRow' && !Number.isFinite(next.headerRow))) delete next[key];
  }
  return next;
}

/** "bron = koers" per line ↔ a value map. */
export function formatValueMap(map: Record<string, string> | undefined): string {
  return Object.entries(map ?? {}).map(([from, to]) => `${from} = ${to}`).join('\n');
}

export function parseValueMap(text: string): Record<string, string> {
  const map: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const at = line.indexOf('=');
    if (at <= 0) continue;
    const from = line.slice(0, at).trim();
    const to = line.slice(at + 1).trim();
    if (from) map[from] = to;
  }
  return map;
}

/** The header names a mapping uses that are not in the file (after a sample is read). */
export function missingColumns(mapping: Mapping, headers: string[]): string[] {
  const have = new Set(headers.map((h) => h.trim().toLowerCase()));
  return Object.values(mapping.columns)
    .filter((m): m is Extract<ColumnMapping, { column: string }> => 'column' in m)
    .map((m) => m.column)
    .filter((c) => !have.has(c.trim().toLowerCase()));
}
