import type { PeriodType } from '../model/periods.js';

/**
 * The declarative indicator language (DHIS2 style: numerator / denominator × factor). A definition
 * is plain data; compiler.ts turns it into one SQL statement per indicator through a dialect.
 * Presets live in catalogue.ts; own indicators (made by a beleidsadviseur) use the same types.
 */
export type Polarity = 'up' | 'down' | 'context';
export type Group = 'population' | 'how_much' | 'how_well' | 'better_off';

/** Breakdowns, named as in the API (`by=`) and the CLI (`--by`). */
export const DIMENSIONS = ['wijk', 'wet', 'productcategorie', 'aanbieder', 'uitvoeringsvariant', 'leeftijd', 'geslacht', 'huishouden', 'team', 'taakveld'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Dutch labels for the UI and exports. */
export const DIMENSION_LABELS: Record<Dimension, string> = {
  wijk: 'Wijk', wet: 'Wet', productcategorie: 'Productcategorie', aanbieder: 'Aanbieder', uitvoeringsvariant: 'Uitvoeringsvariant',
  leeftijd: 'Leeftijdsgroep', geslacht: 'Geslacht', huishouden: 'Huishoudtype', team: 'Team', taakveld: 'Taakveld',
};

/**
 * Which date places a unit in period P (the DHIS2 "period boundary"):
 * - active: start ≤ last day of P and (no end or end ≥ first day of P)
 * - active_at_start / active_at_end: running on the first / last day of P
 * - started / ended: start / end date in P
 * - event: the fact's event date (or `date`) in P
 * - in_year: the fact's year is the year of P (yearly figures such as surveys, budgets)
 * - year_to_date: the fact's year is the year of P and its month ≤ the last month of P
 * - per_period: the fact is itself computed per period (person and household segments)
 */
export type Boundary = 'active' | 'active_at_start' | 'active_at_end' | 'started' | 'ended' | 'event' | 'in_year' | 'year_to_date' | 'per_period';

type Scalar = string | number | boolean;
/** A filter on a field of the fact. `relativeTo` compares a date field with a period bound ± months. */
export type Condition =
  | { field: string; in: Scalar[] }
  | { field: string; notIn: Scalar[] }
  | { field: string; op: '=' | '<>' | '<' | '<=' | '>' | '>='; value: Scalar }
  | { field: string; isNull: boolean }
  | { field: string; op: '<' | '<=' | '>' | '>='; relativeTo: 'p_start' | 'p_end' | 'field'; months?: number; days?: number; otherField?: string }
  | { anyOf: Condition[] };

/** What is counted: distinct persons, records, households, a sum, a median, or an amount per day × days in P. */
export type Aggregate = 'persons' | 'records' | 'households' | { sum: string } | { median: string } | { sumOverDays: string };

export interface Measure {
  fact: string;
  boundary: Boundary;
  /** The event date for boundary 'event' (default: the fact's own event date). */
  date?: string;
  count: Aggregate;
  where?: Condition[];
  /** Age band (inclusive) at the last day of P. */
  age?: [number, number];
  /** Only the latest record per person in P counts (e.g. the latest assessment), chosen among the records that pass `where`. */
  latestPerPerson?: boolean;
  /**
   * With latestPerPerson: conditions on that latest record, applied after choosing it (a person whose
   * latest assessment fails them does not count, even when an earlier one in P would pass).
   */
  latestWhere?: Condition[];
}

export interface PopulationMeasure {
  population: { age?: [number, number] };
}

export type Denominator = Measure | PopulationMeasure;

/**
 * How the value follows from numerator (N) and denominator (D):
 * ratio = N / D × factor; complement = (D − N) / D × factor (e.g. "no provision");
 * statistic = N itself (a median; D is the number of units it was taken over).
 */
export type ValueRule = 'ratio' | 'complement' | 'statistic';

/** What the numerator holds, for disclosure: counts are rounded; amounts and statistics are not. */
export type NumeratorKind = 'count' | 'amount' | 'statistic';

export interface IndicatorDefinition {
  id: string;
  version: number;
  name: string;
  description: string;
  definition: { numerator: string; denominator: string; factor: number };
  unit: string;
  polarity: Polarity;
  /** Colour band for context indicators with a good range (e.g. utilisation 90–100 %). */
  band?: [number, number];
  group: Group;
  /** Where the data comes from, in plain Dutch; shown with "geen gegevens". */
  source: string;
  periodTypes: PeriodType[];
  breakdowns: Dimension[];
  periodBoundary: string;
  /** Days after the end of P during which later data can still change the value (follow-up window). */
  followUpDays?: number;
  laws?: string[];
  /** 'none' only for figures without persons in them (budgets). */
  disclosure?: 'default' | 'strict' | 'none';
  numerator: Measure;
  denominator: Denominator;
  factor: number;
  valueRule?: ValueRule;
  numeratorKind?: NumeratorKind;
  /** A gemeente's own indicator (custom.ts), not a catalogue preset. */
  own?: boolean;
  /** Version history: what changed in each version (the UI marks a trend break). */
  changes?: { version: number; date: string; text: string }[];
}

export const isPopulation = (d: Denominator): d is PopulationMeasure => 'population' in d;
