import type { Db } from '../db/index.js';

/**
 * A per-database counter that every change this process makes to stored results or targets bumps:
 * a recompute (invalidateResults) and saved targets (replaceTargets).
 * In-process caches of results and built pages remember the generation they were read at and are
 * not served after it changed, so a user sees their own change at once. Changes made by another
 * process are seen through the caches' short lifetime and their database checks instead.
 */
const generations = new WeakMap<Db, number>();

export const generationOf = (db: Db): number => generations.get(db) ?? 0;

export function bumpGeneration(db: Db): void {
  generations.set(db, generationOf(db) + 1);
}
