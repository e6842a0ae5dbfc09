/**
 * Tabular sources: CSV (`,` or `;`) and XLSX exports of the gemeente's own systems, loaded in a
 * documented Koers format (docs/formats.md) through a mapping, streamed and written in batches.
 * This file is the module's public surface.
 */
import { TABULAR_SOURCE_LIST } from './sources.js';
import type { TabularSource } from './types.js';

export type { TargetColumn, TabularSource, ColumnMapping, Mapping, PreviewRow, TabularImportResult } from './types.js';
export type { ImportTabularArgs, ImportTabularDeps, TabularFile } from './import.js';

/** Every tabular source with its Koers format, in the order files should be imported. */
export const TABULAR_SOURCES: readonly TabularSource[] = TABULAR_SOURCE_LIST;

export { mappingSchema, defaultMapping } from './mapping.js';
export { readHeaders, previewRows, importTabular, normaliseGemeente } from './import.js';
export { findSource, SOURCE_ALIASES } from './sources.js';
export { detectSource } from './detect.js';
