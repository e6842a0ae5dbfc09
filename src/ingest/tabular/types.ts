/** Public types of the tabular import (see index.ts and docs/formats.md). */

export interface TargetColumn {
  name: string;
  type: 'text' | 'integer' | 'decimal' | 'date' | 'code' | 'bsn' | 'boolean';
  required: boolean;
  /** Dutch, for the mapping screen and docs/formats.md. */
  description: string;
  /** For type 'code': allowed code → Dutch label. */
  codes?: Record<string, string>;
  /** For numbers: the smallest and largest allowed value. */
  min?: number;
  max?: number;
  /** For text: a regular expression the (normalised) value must match, and how to say it in Dutch. */
  pattern?: string;
  patternHint?: string;
  /** Other header names the default mapping recognises for this column (e.g. a CBS StatLine export's "Regio's"). */
  aliases?: string[];
}

export interface TabularSource {
  id: string;
  /** Dutch */
  label: string;
  /** Dutch */
  description: string;
  columns: TargetColumn[];
  /** Records are about persons (BSN or the gemeente's own client number). */
  personLevel: boolean;
}

export type ColumnMapping = { column: string; map?: Record<string, string>; dateFormat?: string } | { constant: string };

export interface Mapping {
  source: string;
  sheet?: string;
  delimiter?: ',' | ';';
  /** 1-based, default 1 */
  headerRow?: number;
  /** default 'YYYY-MM-DD'; e.g. 'DD-MM-YYYY', 'D-M-YYYY', 'YYYYMMDD' */
  dateFormat?: string;
  /** target column → source column or constant */
  columns: Record<string, ColumnMapping>;
}

export interface PreviewRow {
  line: number;
  values: Record<string, string | number | boolean | null>;
  errors: { field: string; reason: string }[];
}

export interface TabularImportResult {
  importId: string;
  source: string;
  gemeente: string;
  rows: number;
  accepted: number;
  quarantined: number;
  seconds: number;
  fileError: { location: string | null; reason: string } | null;
  /**
   * The tables whose figures the import may have changed: the source's own, and for the persons it
   * wrote (new, or a changed birth year, sex, wijk or household) the other sources' tables holding
   * their rows (ingest/person-changes.ts). Null when the file was refused.
   * The refresh after an import recomputes only the indicators that read them.
   */
  touched: string[] | null;
  /**
   * No figure before this date can have changed (the earliest date in the written rows, new and
   * replaced values, and of a stored person's new address; '9999-12-31' when nothing was written);
   * null: any period (a source's own delete, or a person change person-changes.ts says reaches every period).
   */
  touchedFrom: string | null;
}
