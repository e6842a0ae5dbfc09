import type { Db } from '../../db/index.js';
import { measuresOf } from '../../indicators/compiler.js';
import { definitionsFor, recomputeGemeente } from '../../indicators/index.js';
import { writeSegmentConfig } from './config.js';
import { recomputeSegments } from './compute.js';
import type { SegmentConfig } from './rules.js';

export { readSegmentConfig, validateSegmentConfig, writeSegmentConfig, SegmentConfigError } from './config.js';
export { recomputeSegments, segmentTablesRead, FLOW_PERIOD_TYPES, type SegmentComputeStats, type SegmentRecomputeOptions } from './compute.js';
export { readPyramid, readFlows, readDraagkracht, readStapeling, discloseFlows, discloseZrm, discloseStapeling, FLOW_CELLS, COUNT_ITEMS, type PyramidRow, type FlowTable, type DraagkrachtRow, type StapelingRow, type Figure, type Area } from './read.js';
export * from './rules.js';

/**
 * Stores a gemeente's segment configuration. When the rules changed, the indicators over the
 * person_period fact (the segment_* presets and any own indicator using it) and the segment tables
 * are recomputed at once, so pages never show figures made with the old thresholds.
 */
export async function updateSegmentConfig(db: Db, gemeente: string, c: SegmentConfig, by: string) {
  const change = await writeSegmentConfig(db, gemeente, c, by);
  if (change.rulesChanged) {
    const ids = (await definitionsFor(db, gemeente)).filter((d) => measuresOf(d).some((m) => m.fact === 'person_period')).map((d) => d.id);
    await recomputeGemeente(db, gemeente, null, { only: ids, analyze: false });
    await recomputeSegments(db, gemeente, null);
  }
  return change;
}
