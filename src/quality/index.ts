export { RULES, findRule, type RuleDefinition } from './rules.js';
export { ensureCalendar, recomputeQuality } from './compute.js';
export { qualitySummary, listFindings, setFindingStatus, type QualitySummary } from './read.js';
