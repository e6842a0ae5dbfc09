/**
 * "Hoe staan we ervoor": status rules for a beleidskader, as pure functions (no database).
 *
 * Per indicator (statusOfIndicator), from the latest yearly value the caller may see, the target for
 * that year and the indicator's polarity:
 *  - polarity 'context' → `context`: shown, never judged or coloured (there is no good direction).
 *  - no value, or a value suppressed for this role (small numbers) → `geen_gegevens`. A suppressed
 *    figure is "no data" for that role, never a judgement: the status must not leak a hidden value.
 *  - a value but no target for that year → `geen_doel`: shown, not judged.
 *  - the value meets the target (up: value ≥ target, down: value ≤ target) → `op_koers`.
 *  - it misses by at most the attention margin → `aandacht`; by more → `niet_op_koers`.
 *    The margin is the framework's own attention_margin (in the indicator's unit) when set, else
 *    DEFAULT_MARGIN_SHARE (10 %) of the target's absolute value. A target of 0 with no margin set
 *    leaves no room: any miss is "niet op koers".
 *
 * Per goal (rollUp), from its own indicators and its child goals' statuses:
 *  - the worst judged status wins (niet_op_koers > aandacht > op_koers): one bad child is never
 *    averaged away, and missing data never hides it (geen_gegevens does not count as a judgement).
 *  - with no judged status below it: `geen_gegevens` when any indicator lacks data, else `geen_doel`
 *    when there are indicators (with or without targets, or context only), else `leeg` (nothing linked).
 *  - the counts per status travel along, so the text can say "2 van 5 indicatoren zonder gegevens"
 *    next to an "op koers" goal.
 */

export type Polarity = 'up' | 'down' | 'context';
export type IndicatorStatus = 'op_koers' | 'aandacht' | 'niet_op_koers' | 'geen_gegevens' | 'geen_doel' | 'context';
export type GoalStatus = 'op_koers' | 'aandacht' | 'niet_op_koers' | 'geen_gegevens' | 'geen_doel' | 'leeg';

export const DEFAULT_MARGIN_SHARE = 0.1;

export interface IndicatorInput {
  polarity: Polarity;
  /** The latest value the caller may see (null = none). */
  value: number | null;
  /** True when the value exists but is hidden for this role (small numbers). */
  suppressed: boolean;
  target: number | null;
  /** How far the value may miss the target and still be "aandacht"; null = the default rule. */
  attentionMargin: number | null;
}

/** The margin used for a target: the explicit one, else 10 % of |target|. */
export function marginFor(target: number, attentionMargin: number | null): number {
  return attentionMargin ?? Math.abs(target) * DEFAULT_MARGIN_SHARE;
}

/** How far a value falls short of its target (≤ 0 = met), in the indicator's unit. */
export function shortfall(polarity: 'up' | 'down', value: number, target: number): number {
  return polarity === 'up' ? target - value : value - target;
}

export function statusOfIndicator(i: IndicatorInput): IndicatorStatus {
  if (i.polarity === 'context') return 'context';
  if (i.value === null || i.suppressed || !Number.isFinite(i.value)) return 'geen_gegevens';
  if (i.target === null || !Number.isFinite(i.target)) return 'geen_doel';
  // Values are compared at 2 decimals (what readResults returns), so float noise never flips a status.
  const gap = Math.round(shortfall(i.polarity, i.value, i.target) * 100) / 100;
  if (gap <= 0) return 'op_koers';
  return gap <= Math.round(marginFor(i.target, i.attentionMargin) * 100) / 100 ? 'aandacht' : 'niet_op_koers';
}

export type StatusCounts = Record<IndicatorStatus, number>;
export const emptyCounts = (): StatusCounts => ({ op_koers: 0, aandacht: 0, niet_op_koers: 0, geen_gegevens: 0, geen_doel: 0, context: 0 });

export interface GoalSummary { status: GoalStatus; counts: StatusCounts }

const JUDGED_RANK: Partial<Record<GoalStatus, number>> = { op_koers: 1, aandacht: 2, niet_op_koers: 3 };

/**
 * A goal's status from its own indicators' statuses and its children's summaries. The counts are
 * over every indicator in the subtree (an indicator linked twice counts twice: it is shown twice).
 */
export function rollUp(own: readonly IndicatorStatus[], children: readonly GoalSummary[]): GoalSummary {
  const counts = emptyCounts();
  for (const s of own) counts[s]++;
  for (const c of children) for (const k of Object.keys(counts) as IndicatorStatus[]) counts[k] += c.counts[k];
  let worst: GoalStatus = 'leeg';
  for (const s of [...own.map((x) => x as GoalStatus), ...children.map((c) => c.status)]) {
    if ((JUDGED_RANK[s] ?? 0) > (JUDGED_RANK[worst] ?? 0)) worst = s;
  }
  if (JUDGED_RANK[worst]) return { status: worst, counts };
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  if (counts.geen_gegevens > 0) return { status: 'geen_gegevens', counts };
  return { status: total > 0 ? 'geen_doel' : 'leeg', counts };
}

export const STATUS_LABELS: Record<IndicatorStatus | GoalStatus, string> = {
  op_koers: 'Op koers', aandacht: 'Aandacht', niet_op_koers: 'Niet op koers', geen_gegevens: 'Geen gegevens',
  geen_doel: 'Geen streefwaarde', context: 'Ter informatie', leeg: 'Nog niets gekoppeld',
};

const fmt = (n: number, unit: string) => {
  const s = n.toLocaleString('nl-NL', { maximumFractionDigits: 1 });
  return unit === '%' ? `${s} %` : unit === '€' ? `€ ${s}` : unit ? `${s} ${unit}` : s;
};
const fmtGap = (n: number, unit: string) => (unit === '%' ? `${n.toLocaleString('nl-NL', { maximumFractionDigits: 1 })} procentpunt` : fmt(n, unit));

/** A plain-Dutch sentence (B1) explaining an indicator's status. */
export function explainIndicator(i: IndicatorInput & { unit: string; year: number | null }, status = statusOfIndicator(i)): string {
  const year = i.year ?? 'dit jaar';
  switch (status) {
    case 'context': return 'Dit cijfer laat zien hoe het gaat, maar hoger of lager is niet vanzelf beter. Daarom krijgt het geen kleur.';
    case 'geen_gegevens': return i.suppressed
      ? 'Het cijfer is zo klein dat we het niet tonen, om te voorkomen dat iemand herkend wordt. Daarom kunnen we niet zeggen of het op koers is.'
      : 'Er zijn nog geen cijfers. Lees de bron in die dit cijfer voedt.';
    case 'geen_doel': return `Er is voor ${year} geen streefwaarde vastgelegd. Daarom zeggen we niet of dit op koers is.`;
    case 'op_koers': return `Het doel voor ${year} is ${fmt(i.target!, i.unit)}. Het cijfer is ${fmt(i.value!, i.unit)}: het doel is gehaald.`;
    default: {
      const gap = shortfall(i.polarity as 'up' | 'down', i.value!, i.target!);
      const dir = i.polarity === 'up' ? 'te laag' : 'te hoog';
      const tail = status === 'aandacht'
        ? `Dat is binnen de marge van ${fmtGap(marginFor(i.target!, i.attentionMargin), i.unit)}, dus vraagt het aandacht.`
        : `Dat is meer dan de marge van ${fmtGap(marginFor(i.target!, i.attentionMargin), i.unit)}.`;
      return `Het doel voor ${year} is ${fmt(i.target!, i.unit)}. Het cijfer is ${fmt(i.value!, i.unit)}: ${fmtGap(gap, i.unit)} ${dir}. ${tail}`;
    }
  }
}

/** A plain-Dutch sentence explaining a goal's rolled-up status. */
export function explainGoal(g: GoalSummary): string {
  const c = g.counts;
  const judged = c.op_koers + c.aandacht + c.niet_op_koers;
  const total = judged + c.geen_gegevens + c.geen_doel + c.context;
  const missing = c.geen_gegevens > 0 ? ` Van ${c.geen_gegevens} van de ${total} cijfers zijn geen gegevens.` : '';
  switch (g.status) {
    case 'leeg': return 'Aan dit doel zijn nog geen indicatoren gekoppeld.';
    case 'geen_gegevens': return `Er zijn nog geen cijfers om te beoordelen.${missing}`;
    case 'geen_doel': return `Er zijn cijfers, maar geen streefwaarden om ze mee te vergelijken.${missing}`;
    case 'op_koers': return `Alle ${judged} beoordeelde cijfers halen hun doel.${missing}`;
    case 'aandacht': return `${c.aandacht} van de ${judged} beoordeelde cijfers halen hun doel net niet; geen enkel cijfer zit ver van het doel.${missing}`;
    case 'niet_op_koers': return `${c.niet_op_koers} van de ${judged} beoordeelde cijfers zitten ver van hun doel.${missing}`;
  }
}
