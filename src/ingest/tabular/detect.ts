import { compileMapping, defaultMapping } from './mapping.js';
import { TABULAR_SOURCE_LIST } from './sources.js';

/**
 * Recognises a file in a Koers format by its header: the source whose required columns are all
 * there and that uses most of the header's columns. Null when none fits or two fit equally well.
 */
export function detectSource(headers: string[]): string | null {
  const fits: { id: string; score: number }[] = [];
  for (const s of TABULAR_SOURCE_LIST) {
    const m = defaultMapping(s.id, headers);
    try { compileMapping(m, headers); } catch { continue; }
    fits.push({ id: s.id, score: Object.keys(m.columns).length });
  }
  fits.sort((a, b) => b.score - a.score);
  if (!fits.length || (fits.length > 1 && fits[0]!.score === fits[1]!.score)) return null;
  return fits[0]!.id;
}
