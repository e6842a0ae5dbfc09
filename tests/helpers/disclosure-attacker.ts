import type { Cell, Disclosed } from '../../src/indicators/disclosure.js';

/**
 * An attacker on a published table: every equation (a total and its parts, as the cells declare
 * them) with exactly one hidden member gives that member away; learned cells count as known, and
 * this repeats until nothing new is learned. Returns the indexes of the hidden cells recovered.
 * Written apart from disclosure.ts on purpose, so the tests do not share the mechanism they check.
 */
export function recoverable(cells: readonly Cell[], out: readonly Pick<Disclosed, 'suppressed'>[]): number[] {
  const eq = new Map<string, { total: number | null; parts: number[] }>();
  cells.forEach((c, i) => {
    for (const m of [{ table: c.table, isTotal: c.isTotal }, ...(c.also ?? [])]) {
      const t = eq.get(m.table) ?? eq.set(m.table, { total: null, parts: [] }).get(m.table)!;
      if (m.isTotal) t.total = i; else t.parts.push(i);
    }
  });
  const known = out.map((o) => !o.suppressed);
  const learned: number[] = [];
  let progress = true;
  while (progress) {
    progress = false;
    for (const t of eq.values()) {
      if (t.total === null || !t.parts.length) continue; // a lone total is no equation
      const unknown = [t.total, ...t.parts].filter((i) => !known[i]);
      if (unknown.length === 1) { known[unknown[0]!] = true; learned.push(unknown[0]!); progress = true; }
    }
  }
  return learned;
}
