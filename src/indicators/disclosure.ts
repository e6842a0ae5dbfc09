/**
 * Disclosure control (indicators.md, domain.md §5), applied on the server to every value that
 * leaves it for a role other than analist. One place, pure functions, property-tested.
 *
 * Default profile: counts rounded to the nearest 5; a cell whose unrounded count is below 10 is
 * suppressed; a ratio is suppressed when its numerator or denominator is; complementary
 * suppression so a suppressed cell cannot be recovered from the total and its siblings.
 * Strict profile: counts rounded to 100, ratios only with a denominator of at least 100.
 */
export type DisclosureProfile = 'none' | 'default' | 'strict';

export interface Cell {
  /** Cells with the same table key form one table: a total and its children (e.g. wijken). */
  table: string;
  isTotal: boolean;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
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
  if (c.numerator !== null && c.numerator < p.minCount) return true;
  if (c.denominator !== null && c.denominator < p.minDenominator) return true;
  return false;
}

export function applyDisclosure(cells: readonly Cell[], profile: DisclosureProfile): Disclosed[] {
  if (profile === 'none') return cells.map((c) => ({ numerator: c.numerator, denominator: c.denominator, value: c.value, suppressed: false, reason: null }));
  const p = PROFILES[profile];
  const reason: ('primary' | 'secondary' | null)[] = cells.map((c) => (primary(c, p) ? 'primary' : null));

  // Complementary suppression per table: the total minus the published children must never
  // single out one hidden child, so at least two children are hidden whenever one is, and a lone
  // hidden child takes the total with it.
  const tables = new Map<string, number[]>();
  cells.forEach((c, i) => { (tables.get(c.table) ?? tables.set(c.table, []).get(c.table)!).push(i); });
  for (const idx of tables.values()) {
    const total = idx.find((i) => cells[i]!.isTotal);
    const kids = idx.filter((i) => !cells[i]!.isTotal);
    const hidden = kids.filter((i) => reason[i] !== null);
    if (total === undefined || reason[total] !== null || hidden.length !== 1) continue;
    const candidates = kids.filter((i) => reason[i] === null).sort((a, b) => (cells[a]!.numerator ?? 0) - (cells[b]!.numerator ?? 0));
    if (candidates.length) reason[candidates[0]!] = 'secondary';
    else reason[total] = 'secondary';
  }

  return cells.map((c, i) => {
    if (reason[i]) return { numerator: null, denominator: c.denominator !== null && c.denominator >= p.minDenominator ? roundTo(c.denominator, p.rounding) : null, value: null, suppressed: true, reason: reason[i]! };
    return {
      numerator: c.numerator === null ? null : roundTo(c.numerator, p.rounding),
      denominator: c.denominator === null ? null : roundTo(c.denominator, p.rounding),
      value: c.value,
      suppressed: false,
      reason: null,
    };
  });
}
