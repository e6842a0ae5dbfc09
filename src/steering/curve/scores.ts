/**
 * Engagement and performance scores of a beleidskader (issue 5), as pure functions over the inputs
 * that data.ts gathers. Definitions (also in docs/ARCHITECTURE.md, "Sturen: turn the curve"):
 *
 * Each distinct indicator of the framework (framework_indicator of the adopted version, else of
 * the latest concept) is judged on the period type it is steered on (year when it has it), with
 * the values the caller may see (disclosed: a suppressed value counts as no value).
 *
 * Engagement — four components per indicator, each a yes/no:
 * - currentData: the latest published value is for a period that ended at most one year before
 *   today (or has not ended yet);
 * - currentNote: there is a gemeente-wide turn-the-curve note for that latest period (rules.ts,
 *   noteState = current);
 * - forecast: a forecast "als we niets doen" can be made (at least 3 published values,
 *   indicators/forecast.ts);
 * - target: a streefwaarde for the whole gemeente is set for the current calendar year.
 * Per component the share of indicators that meet it; the total is the mean of the four shares
 * (= met components / (4 × indicators)). Null when the framework has no indicators.
 *
 * Performance — of the indicators with a direction (polarity up or down; context indicators have
 * no good direction and are left out) and a published value for both the latest period and the
 * period before it, the share whose latest value is better than the previous one (compared at one
 * decimal, as the monitor does: "same" is not better). We chose the previous period rather than
 * the forecast: it is what a raadslid sees in the chart and needs no model to explain. Null when
 * no indicator can be judged.
 */
import { forecastOfRows } from '../../indicators/forecast.js';
import { compareValues } from '../../indicators/overview.js';
import type { Polarity } from '../../indicators/definition.js';
import { parsePeriod } from '../../model/periods.js';
import { noteState, type NoteState } from './rules.js';

export interface ScoreInput {
  indicatorId: string;
  name: string;
  polarity: Polarity;
  unit: string;
  periodType: string;
  /** Gemeente values of periodType (any order); value null = suppressed or not computable. */
  values: readonly { period: string; value: number | null }[];
  /** Periods (of periodType) with a gemeente-wide note. */
  notePeriods: readonly string[];
  /** Years with a gemeente-wide streefwaarde (target not null). */
  targetYears: readonly number[];
}

export interface IndicatorScore {
  indicatorId: string;
  name: string;
  unit: string;
  polarity: Polarity;
  periodType: string;
  latestPeriod: string | null;
  latestValue: number | null;
  previousPeriod: string | null;
  previousValue: number | null;
  currentData: boolean;
  currentNote: boolean;
  noteState: NoteState;
  forecast: boolean;
  target: boolean;
  /** better/worse/same against the polarity; null when not judged. */
  direction: 'better' | 'worse' | 'same' | null;
  /** Why not judged: 'no_direction' (context indicator) or 'too_few_values'; null when judged. */
  notJudged: 'no_direction' | 'too_few_values' | null;
}

export interface Share { count: number; of: number; share: number | null }
export interface FrameworkScores {
  indicators: IndicatorScore[];
  engagement: { currentData: Share; currentNote: Share; forecast: Share; target: Share; total: number | null };
  performance: { better: number; judged: number; noDirection: number; tooFewValues: number; share: number | null };
}

const share = (count: number, of: number): Share => ({ count, of, share: of === 0 ? null : count / of });

/** One year before `today` (YYYY-MM-DD); 29 February becomes 28 February… as a string compare, 02-29 > 02-28, which is what we want. */
const yearBefore = (today: string) => `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;

export function scoreIndicator(i: ScoreInput, today: string): IndicatorScore {
  const sorted = [...i.values].sort((a, b) => a.period.localeCompare(b.period));
  const latestIdx = sorted.findLastIndex((r) => r.value !== null);
  const latest = latestIdx >= 0 ? sorted[latestIdx]! : null;
  const previous = latestIdx >= 1 ? sorted[latestIdx - 1]! : null;
  const latestEnd = latest ? parsePeriod(latest.period)?.end ?? null : null;
  const currentData = latestEnd !== null && latestEnd >= yearBefore(today);
  const state = noteState(latest?.period ?? null, i.notePeriods);
  const year = Number(today.slice(0, 4));
  let direction: IndicatorScore['direction'] = null;
  let notJudged: IndicatorScore['notJudged'] = null;
  if (i.polarity === 'context') notJudged = 'no_direction';
  else {
    const cmp = latest && previous ? compareValues(i.polarity, previous.value, latest.value) : null;
    if (!cmp) notJudged = 'too_few_values';
    else direction = cmp.direction === 'neutral' ? null : cmp.direction;
  }
  return {
    indicatorId: i.indicatorId, name: i.name, unit: i.unit, polarity: i.polarity, periodType: i.periodType,
    latestPeriod: latest?.period ?? null, latestValue: latest?.value ?? null,
    previousPeriod: previous?.period ?? null, previousValue: previous?.value ?? null,
    currentData, currentNote: state === 'current', noteState: state,
    forecast: forecastOfRows(sorted) !== null,
    target: i.targetYears.includes(year),
    direction, notJudged,
  };
}

/** Scores of a framework; indicators listed more than once (under several goals) count once. */
export function frameworkScores(inputs: readonly ScoreInput[], today: string): FrameworkScores {
  const seen = new Set<string>();
  const indicators = inputs.filter((i) => (seen.has(i.indicatorId) ? false : (seen.add(i.indicatorId), true))).map((i) => scoreIndicator(i, today));
  const n = indicators.length;
  const count = (f: (s: IndicatorScore) => boolean) => indicators.filter(f).length;
  const currentData = share(count((s) => s.currentData), n);
  const currentNote = share(count((s) => s.currentNote), n);
  const forecast = share(count((s) => s.forecast), n);
  const target = share(count((s) => s.target), n);
  const total = n === 0 ? null : (currentData.count + currentNote.count + forecast.count + target.count) / (4 * n);
  const judged = count((s) => s.direction !== null);
  const better = count((s) => s.direction === 'better');
  return {
    indicators,
    engagement: { currentData, currentNote, forecast, target, total },
    performance: {
      better, judged, noDirection: count((s) => s.notJudged === 'no_direction'), tooFewValues: count((s) => s.notJudged === 'too_few_values'),
      share: judged === 0 ? null : better / judged,
    },
  };
}
