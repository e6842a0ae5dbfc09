// API calls for own indicators (issue 4): building blocks, preview, save. Same transport as api.ts
// (session cookie, CSRF token on state-changing calls, Dutch error messages from the server).
import { apiRequest, type DataStatus, type Indicator, type PeriodType } from './api.js';

export type FieldType = 'text' | 'number' | 'date' | 'boolean';
export type BoundaryId = 'active' | 'active_at_start' | 'active_at_end' | 'started' | 'ended' | 'event' | 'in_year' | 'year_to_date' | 'per_period';

export interface FactBlock {
  id: string;
  label: string;
  source: string;
  /** Whether the fact has persons (then persons, households, age and person breakdowns work). */
  person: boolean;
  /** The fact's own event date, used when the boundary is "event" and no other date is chosen. */
  defaultDate: string | null;
  fields: Array<{ name: string; type: FieldType; label: string }>;
  dims: string[];
  boundaries: BoundaryId[];
}

export interface BuildingBlocks {
  facts: FactBlock[];
  boundaries: Array<{ id: BoundaryId; label: string }>;
  aggregates: Array<{ id: 'persons' | 'records' | 'households' | 'sum' | 'median'; label: string; needsPerson: boolean; field?: FieldType }>;
  operators: Array<{ id: string; label: string }>;
  populationDims: string[];
  dimensions: Array<{ id: string; label: string }>;
  periodTypes: Array<{ id: PeriodType; label: string }>;
  groups: Array<{ id: string; label: string }>;
  polarities: Array<{ id: string; label: string }>;
  mayDefine: boolean;
}

type Scalar = string | number | boolean;
export type Condition =
  | { field: string; in: Scalar[] }
  | { field: string; notIn: Scalar[] }
  | { field: string; op: string; value: Scalar }
  | { field: string; isNull: boolean }
  | Record<string, unknown>;

export type Count = 'persons' | 'records' | 'households' | { sum: string } | { median: string } | { sumOverDays: string };

export interface MeasureInput {
  fact: string;
  boundary: BoundaryId;
  date?: string;
  count: Count;
  where?: Condition[];
  age?: [number, number];
  latestPerPerson?: boolean;
  latestWhere?: Condition[];
}

/** An own indicator as the server takes it (PUT /api/own-indicators/:id, preview). */
export interface OwnIndicatorInput {
  id: string;
  name: string;
  description: string;
  definition: { numerator: string; denominator: string };
  unit: string;
  polarity: string;
  group: string;
  factor: number;
  periodTypes: PeriodType[];
  breakdowns: string[];
  numerator: MeasureInput;
  denominator: MeasureInput | { population: { age?: [number, number] } };
  valueRule?: string;
  numeratorKind?: string;
  followUpDays?: number;
}

export interface PreviewRow {
  period: string;
  periodType: PeriodType;
  breakdown: Record<string, string>;
  area: string | null;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  status: DataStatus;
  suppressed: boolean;
}

export interface Preview {
  indicator: Indicator;
  suppressionProfile: string;
  missing: string[];
  rows: PreviewRow[];
}

export const ownApi = {
  buildingBlocks(signal?: AbortSignal): Promise<BuildingBlocks> {
    return apiRequest<BuildingBlocks>('/api/own-indicators/building-blocks', { signal });
  },

  get(id: string, signal?: AbortSignal): Promise<{ indicator: Indicator; input: OwnIndicatorInput }> {
    return apiRequest(`/api/own-indicators/${encodeURIComponent(id)}`, { signal });
  },

  preview(input: OwnIndicatorInput, periodType: PeriodType): Promise<Preview> {
    return apiRequest<Preview>(`/api/own-indicators/preview?periodType=${encodeURIComponent(periodType)}`, { method: 'POST', body: input });
  },

  save(input: OwnIndicatorInput): Promise<{ indicator: Indicator; changed: boolean }> {
    return apiRequest(`/api/own-indicators/${encodeURIComponent(input.id)}`, { method: 'PUT', body: input });
  },
};
