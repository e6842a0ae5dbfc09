import { describe, expect, it } from 'vitest';
import { simulateCare } from '../../src/demo/care.js';
import { resolveOptions } from '../../src/demo/generate.js';
import { generatePopulation } from '../../src/demo/population.js';
import { buildTrajectories } from '../../src/demo/trajectories.js';

describe('demo trajectories: a toewijzing sent by mistake and removed (RedenWijziging 13)', () => {
  // Seed 11 at scale 0.5 has an episode whose care ends before the right toewijzing goes out after
  // the removal. The generator used to start and stop it anyway: a 307 with its Einddatum before
  // its Begindatum, which the importer rightly refuses (found in the 900 000-inhabitant run).
  it('never gives a stop that ends before the start it closes', () => {
    const options = resolveOptions({ scale: 0.5, seed: 11 });
    const population = generatePopulation(options);
    const ledger = buildTrajectories(simulateCare(population.persons, population.addresses, options), population.persons, options);
    const removed = ledger.toewijzingen.filter((t) => t.versions.some((v) => v.redenWijziging === '13'));
    expect(removed.length).toBeGreaterThan(0);
    const bad = ledger.stops.filter((s) => s.eind < s.begin);
    expect(bad).toEqual([]);
    // Every start lies within the toewijzing it belongs to, from its first Ingangsdatum on.
    const byId = new Map(ledger.toewijzingen.map((t) => [t.id, t]));
    const early = ledger.starts.filter((s) => s.begin < byId.get(s.toewijzing)!.versions[0]!.ingang);
    expect(early).toEqual([]);
  });
});
