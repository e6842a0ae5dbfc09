import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateDemo, renderDemoFiles, type DemoModel } from '../../src/demo/index.js';

/** Hash of every file the demo would write (paths and bytes). */
function digest(model: DemoModel): { hash: string; files: number } {
  const h = createHash('sha256');
  let files = 0;
  for (const f of renderDemoFiles(model)) {
    h.update(f.path).update('\0').update(f.content).update('\0');
    files++;
  }
  return { hash: h.digest('hex'), files };
}

describe('demo generator determinism', () => {
  afterEach(() => vi.restoreAllMocks());

  it('gives identical output for the same seed, scale and asOf', () => {
    const random = vi.spyOn(Math, 'random');
    const now = vi.spyOn(Date, 'now');
    const a = digest(generateDemo({ seed: 7, scale: 0.1 }));
    const b = digest(generateDemo({ seed: 7, scale: 0.1 }));
    expect(a.files).toBeGreaterThan(1000);
    expect(b).toEqual(a);
    expect(random).not.toHaveBeenCalled();
    expect(now).not.toHaveBeenCalled();
  }, 60_000);

  it('includes the tabular sources and every message type in what it writes', () => {
    const model = generateDemo({ seed: 7, scale: 0.1 });
    const paths = [...renderDemoFiles(model)].map((f) => f.path);
    for (const name of ['uitkeringen.csv', 'toegang.csv', 'schuldhulp.csv', 'zrm.csv', 'plandoelen.csv', 'uitkomsten.csv', 'clientervaring.csv', 'begroting.csv']) expect(paths).toContain(name);
    const types = new Set(model.messages.map((m) => m.type));
    for (const t of ['301', '305', '307', '315', '317', '319', '323', '325']) {
      expect(types.has(`WMO${t}` as never), `WMO${t}`).toBe(true);
      expect(types.has(`JW${t}` as never), `JW${t}`).toBe(true);
    }
    // Identificatie is unique per sender and every 325 answers a 323 written before it.
    const ids = new Set(model.messages.map((m) => `${m.afzender}|${m.identificatie}`));
    expect(ids.size).toBe(model.messages.length);
    const index = new Map(model.messages.map((m, i) => [m, i]));
    for (const m of model.messages) if (m.declaratieAntwoord) expect(index.get(m.declaratieAntwoord.declaratie)!).toBeLessThan(index.get(m)!);
  }, 60_000);

  it('gives the same trajectories, sources and traffic whatever the order of generation', () => {
    const a = generateDemo({ seed: 11, scale: 0.05 });
    generateDemo({ seed: 12, scale: 0.05 });
    const b = generateDemo({ seed: 11, scale: 0.05 });
    expect(JSON.stringify(b.sources)).toBe(JSON.stringify(a.sources));
    expect(b.messages.length).toBe(a.messages.length);
  }, 60_000);

  it('gives different output for a different seed', () => {
    const a = digest(generateDemo({ seed: 7, scale: 0.1 }));
    const b = digest(generateDemo({ seed: 8, scale: 0.1 }));
    expect(b.hash).not.toBe(a.hash);
  }, 60_000);

  it('never dates a message after asOf and keeps the gemeente of the seed', () => {
    const model = generateDemo({ seed: 7, scale: 0.1, asOf: '2024-03-31' });
    const last = Math.max(...model.messages.map((m) => m.dagtekening));
    expect(new Date(last * 86_400_000).toISOString().slice(0, 10) <= '2024-03-31').toBe(true);
    expect(Math.max(...model.population.map((r) => r.jaar))).toBe(2024);
    expect(model.options).toMatchObject({ seed: 7, scale: 0.1, asOf: '2024-03-31' });
  }, 60_000);

  it('rejects invalid options', () => {
    expect(() => generateDemo({ asOf: '2026-02-30' })).toThrow();
    expect(() => generateDemo({ scale: 0 })).toThrow();
  });
});
