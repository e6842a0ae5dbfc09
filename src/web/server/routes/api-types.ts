/**
 * Response shapes of the import API (imports, quarantine, mappings), shared by the server routes
 * and the web app's client (type-only imports; this module has no runtime code).
 */
import type { QuarantineRecordDetail, ReimportResult } from '../../../app/quarantine.js';
import type { Mapping, PreviewRow, TabularSource } from '../../../ingest/tabular/types.js';

export type { Mapping, PreviewRow, TabularSource };
export type { QuarantineField, QuarantineRecordDetail, ReimportResult } from '../../../app/quarantine.js';

export type FileStatus = 'accepted' | 'rejected' | 'duplicate';

/** One file's outcome (the CLI's per-file summary; row counts for tabular files). */
export interface ImportFileResult {
  name: string;
  source: string | null;
  status: FileStatus;
  messageType: string | null;
  gemeente: string | null;
  location: string | null;
  reason: string | null;
  rows?: number;
  quarantined?: number;
}

/** The answer to POST /api/imports. */
export interface ImportSummary {
  importId: string;
  /** The runs of the upload: one for areas, tables and unrecognised files (when there are areas or tables), one for messages. */
  importIds: string[];
  accepted: number;
  rejected: number;
  duplicates: number;
  seconds: number;
  files: ImportFileResult[];
}

export interface ImportRunInfo {
  importId: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** web | api | cli | demo | test */
  via: string;
  username: string | null;
  files: number;
  accepted: number;
  rejected: number;
  duplicates: number;
}

export interface Paged { page: number; pageSize: number; total: number }

export interface ImportList extends Paged { imports: ImportRunInfo[] }

export interface ImportDetail extends Paged {
  import: ImportRunInfo & { quarantineOpen: number };
  files: (ImportFileResult & { seq: number })[];
}

export type QuarantineStatus = 'open' | 'resolved' | 'ignored';

export interface QuarantineRecordInfo {
  id: string;
  importId: string | null;
  fileName: string;
  source: string;
  location: string | null;
  field: string | null;
  reason: string;
  status: QuarantineStatus;
  createdAt: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  /** The import that took in the corrected record (re-imported from quarantine). */
  resolvedImportId: string | null;
  hasRecord: boolean;
}

export interface QuarantineList extends Paged {
  status: QuarantineStatus | 'all';
  source: string | null;
  /** Sources that have entries in this gemeente's quarantine (for the filter). */
  sources: string[];
  counts: Record<QuarantineStatus, number>;
  records: QuarantineRecordInfo[];
}

/** The answer to POST /api/quarantine/{id}/reimport: the outcome and the entry as it is now. */
export type ReimportAnswer = ReimportResult & { record: QuarantineRecordDetail };

export interface QuarantineChange { id: string; status: QuarantineStatus; resolvedAt: string | null; resolvedBy: string | null }

export interface MappingInfo {
  id: string;
  name: string;
  source: string;
  definition: Mapping;
  updatedBy: string | null;
  updatedAt: string;
}

export interface MappingPreview {
  fileName: string;
  source: string;
  headers: string[];
  sheets: string[] | null;
  mapping: Mapping;
  rows: PreviewRow[];
}
