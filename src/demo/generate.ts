/**
 * generateDemo: the whole fictional gemeente in memory, pure and deterministic (same seed, asOf
 * and scale give the same model and the same files byte for byte). No clock, no Math.random.
 */
import { GEMEENTE_CBS_CODE, GEMEENTE_CODE, GEMEENTE_NAME } from './catalog.js';
import { simulateCare } from './care.js';
import { contractRows } from './csv.js';
import { dayFromIso } from './dates.js';
import { generateGeometry } from './geometry.js';
import { assembleMessages } from './messages.js';
import { generatePopulation } from './population.js';
import { createRng } from './random.js';
import { generateSources } from './sources.js';
import { buildTrajectories } from './trajectories.js';
import type { DemoModel, DemoOptions, ResolvedOptions } from './types.js';

export const DEFAULT_SEED = 2026;
export const DEFAULT_AS_OF = '2026-09-30';
const EARLIEST_AS_OF = '2021-06-30';

export function resolveOptions(opts: DemoOptions = {}): ResolvedOptions {
  const seed = opts.seed ?? DEFAULT_SEED;
  const asOf = opts.asOf ?? DEFAULT_AS_OF;
  const scale = opts.scale ?? 1;
  if (!Number.isFinite(seed)) throw new Error('demo seed must be a finite number');
  if (!Number.isFinite(scale) || scale <= 0 || scale > 20) throw new Error('demo scale must be > 0 and <= 20');
  const asOfDay = dayFromIso(asOf);
  if (asOf < EARLIEST_AS_OF) throw new Error(`demo asOf must be ${EARLIEST_AS_OF} or later`);
  return { seed, asOf, scale, asOfDay };
}

export function generateDemo(opts: DemoOptions = {}): DemoModel {
  const options = resolveOptions(opts);
  const geometry = generateGeometry(createRng(options.seed, 'geometry'));
  const population = generatePopulation(options);
  const episodes = simulateCare(population.persons, population.addresses, options);
  const ledger = buildTrajectories(episodes, population.persons, options);
  const messages = assembleMessages(ledger, population.persons, options);
  const sources = generateSources(population.persons, population.addresses, ledger, options);
  return {
    gemeente: { code: GEMEENTE_CODE, cbsCode: GEMEENTE_CBS_CODE, name: GEMEENTE_NAME },
    options,
    wijken: geometry.wijken,
    outline: geometry.outline,
    addresses: population.addresses,
    postcodes: population.postcodes,
    persons: population.persons,
    population: population.population,
    contracts: contractRows(),
    toewijzingen: ledger.toewijzingen,
    starts: ledger.starts,
    stops: ledger.stops,
    messages,
    sources,
  };
}
