export { CATALOGUE, findIndicator, describe, type IndicatorDefinition } from './catalogue.js';
export { DIMENSIONS, DIMENSION_LABELS, type Dimension, type Measure, type Condition } from './definition.js';
export { compileIndicator, compileNumeratorUnits, validateDefinition, DefinitionError, postgres, type Dialect } from './compiler.js';
export { FACTS } from './facts.js';
export { neverComputed, recomputeGemeente, statusOf, type ComputeStats } from './compute.js';
export { cellsOf, readResults, readState, invalidateResults, type ResultRow, type ResultQuery, type IndicatorState } from './results.js';
export { applyDisclosure, roundTo, type DisclosureProfile } from './disclosure.js';
export { definitionsFor, findDefinition, ownIndicators, saveOwnIndicator, archiveOwnIndicator, previewOwnIndicator, toDefinition, ownIndicatorSchema, OwnIndicatorError } from './custom.js';
