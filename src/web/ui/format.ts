import { ROLE_LABELS } from '../../auth/roles.js';
import { DIMENSION_LABELS } from '../../indicators/definition.js';
// Dutch formatting of numbers, periods, dates and the words we show for codes.
import type { DataStatus, PeriodType, Polarity } from './api.js';

const LOCALE = 'nl-NL';

const integerFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const oneDecimalFormat = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const euroFormat = new Intl.NumberFormat(LOCALE, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
const dateTimeFormat = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'long', timeStyle: 'short' });

/** Shown instead of a value that is too small to publish. */
export const SUPPRESSED_MARK = '.';
export const SUPPRESSED_TEXT = 'te klein om te tonen (privacy)';

/** A count (teller, noemer): whole number with Dutch thousands separators. */
export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return SUPPRESSED_MARK;
  return integerFormat.format(value);
}

function isCurrency(unit: string): boolean {
  return unit === '€' || unit.toLowerCase() === 'eur' || unit.toLowerCase() === 'euro';
}

/** The number only, e.g. "34,5"; rates and percentages with one decimal, euros whole. */
export function formatNumber(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return SUPPRESSED_MARK;
  if (isCurrency(unit)) return euroFormat.format(value);
  if (unit === 'days' && Number.isInteger(value)) return integerFormat.format(value);
  return oneDecimalFormat.format(value);
}

/** Unit in Dutch words, e.g. "per 1 000" → "per 1.000". */
export function unitLabel(unit: string): string {
  const per = /^per\s+([\d\s.]+)$/i.exec(unit.trim());
  if (per?.[1]) {
    const n = Number(per[1].replace(/[\s.]/g, ''));
    if (Number.isFinite(n)) return `per ${integerFormat.format(n)}`;
  }
  switch (unit) {
    case 'days':
      return 'dagen';
    case 'T':
      return 'T-score';
    case '€':
    case 'EUR':
      return 'euro';
    default:
      return unit;
  }
}

/** Number with its unit, e.g. "34,5 per 1.000", "12,3%", "€ 1.234", "45 dagen". */
export function formatValue(value: number | null | undefined, unit: string): string {
  const number = formatNumber(value, unit);
  if (number === SUPPRESSED_MARK) return number;
  if (isCurrency(unit)) return number;
  if (unit === '%') return `${number}%`;
  return `${number} ${unitLabel(unit)}`;
}

export function formatFactor(factor: number): string {
  return integerFormat.format(factor);
}

const MONTHS = [
  'januari', 'februari', 'maart', 'april', 'mei', 'juni',
  'juli', 'augustus', 'september', 'oktober', 'november', 'december',
];

/** A period in words: "2024", "1e kwartaal 2024", "maart 2024", "1e halfjaar 2024". */
export function formatPeriod(period: string): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return `${quarter[2]}e kwartaal ${quarter[1]}`;
  const half = /^(\d{4})-H([12])$/.exec(period);
  if (half) return `${half[2]}e halfjaar ${half[1]}`;
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) {
    const name = MONTHS[Number(month[2]) - 1];
    if (name) return `${name} ${month[1]}`;
  }
  return period;
}

/** A short period label for chart axes: "2024", "2024 K1". */
export function formatPeriodShort(period: string): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return `${quarter[1]} K${quarter[2]}`;
  const half = /^(\d{4})-H([12])$/.exec(period);
  if (half) return `${half[1]} H${half[2]}`;
  return period;
}

export function statusLabel(status: DataStatus): string {
  return status === 'final' ? 'definitief' : 'voorlopig';
}

export function statusExplanation(status: DataStatus): string {
  return status === 'final'
    ? 'Definitief: deze cijfers veranderen niet meer.'
    : 'Voorlopig: er kunnen nog berichten binnenkomen, dus het cijfer kan nog veranderen.';
}

export function polarityLabel(polarity: Polarity): string {
  switch (polarity) {
    case 'up':
      return 'Hoger is beter';
    case 'down':
      return 'Lager is beter';
    default:
      return 'Geen goede of foute richting';
  }
}

export function polarityExplanation(polarity: Polarity): string {
  switch (polarity) {
    case 'up':
      return 'Een hoger cijfer is beter.';
    case 'down':
      return 'Een lager cijfer is beter.';
    default:
      return 'Geen goede of foute richting; kijk naar trend en vergelijking.';
  }
}

export function periodTypeLabel(periodType: PeriodType): string {
  switch (periodType) {
    case 'year':
      return 'Jaar';
    case 'quarter':
      return 'Kwartaal';
    case 'month':
      return 'Maand';
    case 'halfyear':
      return 'Halfjaar';
    default:
      return periodType;
  }
}

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateTimeFormat.format(date);
}

/** Role names as the server labels them (one source: src/auth/roles.ts, a pure module). */
export function roleLabel(role: string): string {
  return (ROLE_LABELS as Record<string, string>)[role.toLowerCase()] ?? role;
}

/** The catalogue groups (indicators.md), in the order the monitor shows them. */
export const INDICATOR_GROUPS: Array<{ id: string; title: string; intro: string }> = [
  { id: 'population', title: 'Bereik en gebruik', intro: 'Hoeveel inwoners gebruiken ondersteuning?' },
  { id: 'how_much', title: 'Hoeveel deden we?', intro: 'Instroom, uitstroom en afschalen.' },
  { id: 'how_well', title: 'Hoe goed deden we het?', intro: 'Snelheid, wachttijd, kwaliteit en kosten.' },
  { id: 'better_off', title: 'Is iemand er beter van geworden?', intro: 'Resultaten voor inwoners.' },
];

/** Dutch labels of the breakdown dimensions (one source: src/indicators/definition.ts, a pure module). */
export function dimensionLabel(dimension: string): string {
  return (DIMENSION_LABELS as Record<string, string>)[dimension] ?? dimension;
}

/** A direction against the polarity, in words, with an arrow for sighted users. */
export function directionText(
  direction: 'better' | 'worse' | 'same' | 'neutral' | null,
  change: 'up' | 'down' | 'same' | null,
): { arrow: string; text: string } | null {
  if (!direction || !change) return null;
  const arrow = change === 'up' ? '↑' : change === 'down' ? '↓' : '→';
  const moved = change === 'up' ? 'hoger' : change === 'down' ? 'lager' : 'gelijk';
  if (direction === 'same') return { arrow, text: 'gelijk gebleven' };
  if (direction === 'neutral') return { arrow, text: `${moved} (geen goede of foute richting)` };
  return { arrow, text: `${moved}, dat is ${direction === 'better' ? 'beter' : 'slechter'}` };
}

/** "geen gegevens — importeer …": which sources would feed an indicator without data. */
export function missingText(missing: string[], source: string): string {
  const what = missing.length > 0 ? missing.join('; ') : source;
  return `Importeer ${what}.`;
}
