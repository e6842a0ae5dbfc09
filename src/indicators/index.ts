export { CATALOGUE, findIndicator, describe, type IndicatorDefinition } from './catalogue.js';
export { recomputeGemeente, type ComputeStats } from './compute.js';
export { readResults, invalidateResults, type ResultRow, type ResultQuery } from './results.js';
export { applyDisclosure, roundTo, type DisclosureProfile } from './disclosure.js';
