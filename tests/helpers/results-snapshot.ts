import { sql, type Db } from '../../src/db/index.js';

/**
 * Every stored indicator figure of a gemeente as one sorted list of lines (indicator, period,
 * area, breakdown, numerator and denominator to 6 decimals, status): two recomputes stored the
 * same figures exactly when their snapshots are equal.
 */
export const resultsSnapshot = async (db: Db, gemeente = '9001'): Promise<string[]> => (await sql<{ k: string }>`
  select indicator_id || '|' || period_type || '|' || period || '|' || area_code || '|' || breakdown_key || '|' ||
         coalesce(round(numerator::numeric, 6)::text, '-') || '|' || coalesce(round(denominator::numeric, 6)::text, '-') || '|' || status as k
    from indicator_result where gemeente_code = ${gemeente} order by 1`.execute(db)).rows.map((r) => r.k);
