/**
 * Disclosure control (indicators.md, domain.md §5), applied on the server to every value that
 * leaves it for a role other than analist. One place, pure functions, property-tested.
 *
 * Default profile: counts rounded to the nearest 5; a cell whose unrounded count is below 10 is
 * suppressed; a ratio is suppressed when its numerator or denominator is; complementary
 * suppression so a suppressed cell cannot be recovered from totals, sibling breakdowns or (for
 * additive counts) other periods. Strict profile: counts rounded to 100, ratios only with a
 * denominator of at least 100.
 *
 * Complementary suppression works on equations "total = Σ parts": a total and its wijken, a total
 * and its age bands, a year and its quarters, .... A published table must never leave exactly one
 * hidden cell in any equation (that cell would be total − the others). Hiding is repeated until no
 * equation has exactly one hidden cell; hiding only grows, so this ends.
 */
export type DisclosureProfile = 'none' | 'default' | 'strict';

/** One equation a cell takes part in: as its total, or as one of its parts. */
export interface Membership { table: string; isTotal: boolean }

export interface Cell {
  /** Cells with the same table key form one equation: a total and its parts (e.g. wijken). */
  table: string;
  isTotal: boolean;
  /** Further equations the cell is in (other breakdowns of the same total, period hierarchy). */
  also?: Membership[];
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  /** count (default): rounded and checked against the minimum; amount/statistic: never rounded. */
  numeratorKind?: 'count' | 'amount' | 'statistic';
}

export interface Disclosed {
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  suppressed: boolean;
  /** primary: too small itself; secondary: hidden so a primary one cannot be derived. */
  reason: 'primary' | 'secondary' | null;
}

export const PROFILES = {
  default: { rounding: 5, minCount: 10, minDenominator: 10 },
  strict: { rounding: 100, minCount: 10, minDenominator: 100 },
} as const;

export function roundTo(n: number, base: number): number {
  return Math.round(n / base) * base;
}

function primary(c: Cell, p: (typeof PROFILES)['default' | 'strict']): boolean {
  if ((c.numeratorKind ?? 'count') === 'count' && c.numerator !== null && c.numerator < p.minCount) return true;
  if (c.denominator !== null && c.denominator < p.minDenominator) return true;
  return false;
}

export function applyDisclosure(cells: readonly Cell[], profile: DisclosureProfile): Disclosed[] {
  if (profile === 'none') return cells.map((c) => ({ numerator: c.numerator, denominator: c.denominator, value: c.value, suppressed: false, reason: null }));
  const p = PROFILES[profile];
  const reason: ('primary' | 'secondary' | null)[] = cells.map((c) => (primary(c, p) ? 'primary' : null));

  const tables = new Map<string, { total: number | null; parts: number[] }>();
  cells.forEach((c, i) => {
    for (const m of [{ table: c.table, isTotal: c.isTotal }, ...(c.also ?? [])]) {
      const t = tables.get(m.table) ?? tables.set(m.table, { total: null, parts: [] }).get(m.table)!;
      if (m.isTotal) t.total = i; else t.parts.push(i);
    }
  });
  const size = (i: number) => cells[i]!.numerator ?? 0;
  let changed = true;
  while (changed) {
    changed = false;
    for (const t of tables.values()) {
      if (t.total === null) continue;
      const members = [t.total, ...t.parts];
      const hidden = members.filter((i) => reason[i] !== null);
      if (hidden.length !== 1) continue;
      // Hide the smallest published part; with none left, the total itself.
      const candidates = t.parts.filter((i) => reason[i] === null).sort((a, b) => size(a) - size(b) || a - b);
      const pick = candidates[0] ?? t.total;
      if (reason[pick] === null) { reason[pick] = 'secondary'; changed = true; }
    }
  }

  return cells.map((c, i) => {
    const round = (n: number | null) => (n === null ? null : (c.numeratorKind ?? 'count') === 'count' ? roundTo(n, p.rounding) : n);
    if (reason[i]) return { numerator: null, denominator: c.denominator !== null && c.denominator >= p.minDenominator ? roundTo(c.denominator, p.rounding) : null, value: null, suppressed: true, reason: reason[i]! };
    return { numerator: round(c.numerator), denominator: c.denominator === null ? null : roundTo(c.denominator, p.rounding), value: c.value, suppressed: false, reason: null };
  });
}
