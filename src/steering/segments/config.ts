import { sql, type Db } from '../../db/index.js';
import { DEFAULT_SEGMENT_CONFIG, type SegmentConfig } from './rules.js';

/** A gemeente's segment thresholds and target (segment_config), or the defaults; `custom` = a row exists. */
export async function readSegmentConfig(db: Db, gemeente: string): Promise<SegmentConfig & { custom: boolean; setBy: string | null; setAt: string | null }> {
  const r = (await sql<{ min_laws: number; residential: boolean; zrm_months: number; zrm_max_score: number; target_self_reliant: number; target_at_risk: number; target_vulnerable: number; set_by: string; set_at: Date }>`
    select * from segment_config where gemeente_code = ${gemeente}`.execute(db)).rows[0];
  if (!r) return { ...DEFAULT_SEGMENT_CONFIG, custom: false, setBy: null, setAt: null };
  return {
    minLaws: Number(r.min_laws), residential: r.residential, zrmMonths: Number(r.zrm_months), zrmMaxScore: Number(r.zrm_max_score),
    target: { zelfredzaam: Number(r.target_self_reliant), licht: Number(r.target_at_risk), kwetsbaar: Number(r.target_vulnerable) },
    custom: true, setBy: r.set_by, setAt: new Date(r.set_at).toISOString(),
  };
}

export class SegmentConfigError extends Error {}

/** Checks a configuration; throws SegmentConfigError with a Dutch message. */
export function validateSegmentConfig(c: SegmentConfig): void {
  const int = (v: number, lo: number, hi: number, what: string) => {
    if (!Number.isInteger(v) || v < lo || v > hi) throw new SegmentConfigError(`${what} moet een geheel getal van ${lo} tot en met ${hi} zijn.`);
  };
  int(c.minLaws, 1, 4, 'Het aantal wetten');
  int(c.zrmMonths, 1, 60, 'Het aantal maanden voor de ZRM');
  int(c.zrmMaxScore, 1, 4, 'De ZRM-grens');
  const t = [c.target.zelfredzaam, c.target.licht, c.target.kwetsbaar];
  if (t.some((v) => !Number.isFinite(v) || v < 0 || v > 100)) throw new SegmentConfigError('Een streefwaarde is een percentage van 0 tot en met 100.');
  if (Math.abs(t[0]! + t[1]! + t[2]! - 100) > 0.001) throw new SegmentConfigError(`De streefwaarden moeten samen 100 % zijn (nu ${Math.round((t[0]! + t[1]! + t[2]!) * 10) / 10} %).`);
}

/** Stores a gemeente's configuration; returns what changed (for the audit log) and whether the segment rules changed. */
export async function writeSegmentConfig(db: Db, gemeente: string, c: SegmentConfig, by: string): Promise<{ before: SegmentConfig; after: SegmentConfig; rulesChanged: boolean }> {
  validateSegmentConfig(c);
  const { custom: _c, setBy: _b, setAt: _a, ...before } = await readSegmentConfig(db, gemeente);
  await sql`insert into segment_config (gemeente_code, min_laws, residential, zrm_months, zrm_max_score, target_self_reliant, target_at_risk, target_vulnerable, set_by, set_at)
    values (${gemeente}, ${c.minLaws}, ${c.residential}, ${c.zrmMonths}, ${c.zrmMaxScore}, ${c.target.zelfredzaam}, ${c.target.licht}, ${c.target.kwetsbaar}, ${by}, now())
    on conflict (gemeente_code) do update set min_laws = excluded.min_laws, residential = excluded.residential, zrm_months = excluded.zrm_months,
      zrm_max_score = excluded.zrm_max_score, target_self_reliant = excluded.target_self_reliant, target_at_risk = excluded.target_at_risk,
      target_vulnerable = excluded.target_vulnerable, set_by = excluded.set_by, set_at = excluded.set_at`.execute(db);
  const rulesChanged = before.minLaws !== c.minLaws || before.residential !== c.residential || before.zrmMonths !== c.zrmMonths || before.zrmMaxScore !== c.zrmMaxScore;
  return { before, after: { minLaws: c.minLaws, residential: c.residential, zrmMonths: c.zrmMonths, zrmMaxScore: c.zrmMaxScore, target: { ...c.target } }, rulesChanged };
}
