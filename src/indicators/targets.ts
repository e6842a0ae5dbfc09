import crypto from 'node:crypto';
import type { Db } from '../db/index.js';
import { bumpGeneration } from './generation.js';

/**
 * Targets and baselines per indicator, year and optionally wijk (table indicator_target, migration
 * 0011). A target is policy, not data about persons: it is shown to every role beside the figures.
 * `area` null = the whole gemeente.
 */
export interface IndicatorTarget {
  year: number;
  area: string | null;
  areaName: string | null;
  target: number | null;
  baseline: number | null;
  note: string | null;
  setBy: string;
  setAt: string;
}

export interface TargetInput { year: number; area: string | null; target: number | null; baseline: number | null; note: string | null }

/** Every target of one indicator (all years and areas), or of all indicators when id is null. */
export async function readTargets(db: Db, gemeente: string, indicatorId: string | null): Promise<(IndicatorTarget & { indicatorId: string })[]> {
  let q = db.selectFrom('indicator_target as t')
    .leftJoin('area as a', (j) => j.onRef('a.gemeente_code', '=', 't.gemeente_code').onRef('a.area_code', '=', 't.area_code'))
    .select(['t.indicator_id', 't.year', 't.area_code', 'a.name', 't.target', 't.baseline', 't.note', 't.set_by', 't.set_at'])
    .where('t.gemeente_code', '=', gemeente);
  if (indicatorId) q = q.where('t.indicator_id', '=', indicatorId);
  const rows = await q.orderBy('t.indicator_id').orderBy('t.year').orderBy('t.area_code').execute();
  return rows.map((r) => ({
    indicatorId: r.indicator_id, year: Number(r.year), area: r.area_code, areaName: r.area_code ? r.name ?? r.area_code : null,
    target: r.target === null ? null : Number(r.target), baseline: r.baseline === null ? null : Number(r.baseline),
    note: r.note, setBy: r.set_by, setAt: new Date(r.set_at).toISOString(),
  }));
}

/**
 * Replaces the whole set of targets of one indicator (PUT semantics) in one transaction. Entries
 * that did not change keep who set them and when; changed and new ones get `setBy` and now.
 * Returns what changed, for the audit log.
 */
export async function replaceTargets(db: Db, gemeente: string, indicatorId: string, targets: TargetInput[], setBy: string): Promise<{ added: number; changed: number; removed: number }> {
  const result = await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('indicator_target').selectAll().where('gemeente_code', '=', gemeente).where('indicator_id', '=', indicatorId).execute();
    const key = (year: number, area: string | null) => `${year}|${area ?? ''}`;
    const old = new Map(before.map((r) => [key(Number(r.year), r.area_code), r]));
    const seen = new Set<string>();
    let added = 0, changed = 0;
    for (const t of targets) {
      const k = key(t.year, t.area);
      seen.add(k);
      const prev = old.get(k);
      const same = prev && numEq(prev.target, t.target) && numEq(prev.baseline, t.baseline) && (prev.note ?? null) === (t.note ?? null);
      if (same) continue;
      if (prev) {
        changed++;
        await trx.updateTable('indicator_target').set({ target: t.target, baseline: t.baseline, note: t.note, set_by: setBy, set_at: new Date() })
          .where('gemeente_code', '=', gemeente).where('target_id', '=', prev.target_id).execute();
      } else {
        added++;
        await trx.insertInto('indicator_target').values({
          gemeente_code: gemeente, target_id: crypto.randomUUID(), indicator_id: indicatorId, year: t.year, area_code: t.area,
          target: t.target, baseline: t.baseline, note: t.note, set_by: setBy,
        }).execute();
      }
    }
    const gone = before.filter((r) => !seen.has(key(Number(r.year), r.area_code)));
    if (gone.length > 0) {
      await trx.deleteFrom('indicator_target').where('gemeente_code', '=', gemeente).where('target_id', 'in', gone.map((r) => r.target_id)).execute();
    }
    return { added, changed, removed: gone.length };
  });
  // Pages built with the old targets (the monitor overview) are built again.
  bumpGeneration(db);
  return result;
}

const numEq = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Number(a) === Number(b));
