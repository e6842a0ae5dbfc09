import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addGemeente } from '../../src/app/koers.js';
import type { Scope } from '../../src/auth/index.js';
import {
  addNode, adoptVersion, createFramework, dayBefore, discardConcept, FrameworkError, listFrameworks, newVersion, readVersion, withdrawVersion,
} from '../../src/steering/framework/index.js';
import { ENGINES, openTestKoers, type TestKoers } from '../helpers/koers.js';

/**
 * Versioning rules as a property: any sequence of adopt / new version / withdraw / discard on a
 * framework keeps at most one vastgesteld and at most one concept version, in-force periods that never
 * overlap and close without gaps when one version replaces another, and frozen trees. Refused steps
 * are refused with a FrameworkError and change nothing.
 */
const beleid: Scope = { userId: '00000000-0000-4000-8000-000000000001', username: 'beleid', role: 'beleid', gemeenteCode: '9001' };

type Op = { kind: 'adopt'; days: number } | { kind: 'new' } | { kind: 'withdraw'; days: number } | { kind: 'discard' } | { kind: 'edit' };
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('adopt' as const), days: fc.integer({ min: -30, max: 200 }) }),
  fc.constant({ kind: 'new' as const }),
  fc.record({ kind: fc.constant('withdraw' as const), days: fc.integer({ min: -30, max: 200 }) }),
  fc.constant({ kind: 'discard' as const }),
  fc.constant({ kind: 'edit' as const }),
);
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe.each(ENGINES)('beleidskader versions on %s', (engine) => {
  let k: TestKoers;
  beforeAll(async () => {
    k = await openTestKoers(engine, { xsd: false });
    await addGemeente(k.db, '9001', 'Testdam');
  });
  afterAll(async () => { await k?.cleanup(); });

  it('property: invariants hold after any sequence of version steps', async () => {
    await fc.assert(fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 10 }), async (ops) => {
      const { frameworkId } = await createFramework(k.db, beleid, { title: 'Proef' });
      await addNode(k.db, beleid, frameworkId, 1, { parentId: null, kind: 'theme', title: 'Thema' });
      let day = '2025-01-01';
      for (const o of ops) {
        const fw = (await listFrameworks(k.db, beleid)).find((f) => f.frameworkId === frameworkId);
        if (!fw) return; // the only concept was discarded: the framework is gone
        const concept = fw.versions.find((v) => v.status === 'concept');
        const adopted = fw.versions.find((v) => v.status === 'vastgesteld');
        const before = JSON.stringify(fw.versions.map((v) => [v.version, v.status, v.inForceFrom, v.inForceTo]));
        try {
          if (o.kind === 'adopt') {
            day = addDays(day, o.days);
            await adoptVersion(k.db, beleid, frameworkId, concept?.version ?? fw.versions.at(-1)!.version, { adoptedOn: day });
            // Accepted: it was a concept and it starts after the previous adopted one.
            expect(concept).toBeDefined();
            if (adopted) expect(day > adopted.inForceFrom!).toBe(true);
            for (const x of fw.versions) if (x.inForceTo) expect(day > x.inForceTo).toBe(true);
          } else if (o.kind === 'new') {
            await newVersion(k.db, beleid, frameworkId);
            expect(concept).toBeUndefined();
          } else if (o.kind === 'withdraw') {
            await withdrawVersion(k.db, beleid, frameworkId, adopted?.version ?? fw.versions[0]!.version, { on: addDays(adopted?.inForceFrom ?? day, o.days) });
            expect(adopted).toBeDefined();
            expect(o.days).toBeGreaterThanOrEqual(0);
          } else if (o.kind === 'discard') {
            await discardConcept(k.db, beleid, frameworkId, concept?.version ?? fw.versions.at(-1)!.version);
            expect(concept).toBeDefined();
          } else {
            const v = fw.versions.at(-1)!;
            await addNode(k.db, beleid, frameworkId, v.version, { parentId: null, kind: 'theme', title: `Thema ${v.version}` });
            expect(v.status).toBe('concept');
          }
        } catch (e) {
          expect(e).toBeInstanceOf(FrameworkError);
          const after = (await listFrameworks(k.db, beleid)).find((f) => f.frameworkId === frameworkId)!;
          expect(JSON.stringify(after.versions.map((v) => [v.version, v.status, v.inForceFrom, v.inForceTo]))).toBe(before);
        }
        const now = (await listFrameworks(k.db, beleid)).find((f) => f.frameworkId === frameworkId);
        if (!now) continue;
        expect(now.versions.filter((v) => v.status === 'vastgesteld').length).toBeLessThanOrEqual(1);
        expect(now.versions.filter((v) => v.status === 'concept').length).toBeLessThanOrEqual(1);
        const periods = now.versions.filter((v) => v.inForceFrom).sort((a, b) => a.inForceFrom!.localeCompare(b.inForceFrom!));
        for (let i = 1; i < periods.length; i++) {
          expect(periods[i - 1]!.inForceTo).not.toBeNull();
          expect(periods[i - 1]!.inForceTo! < periods[i]!.inForceFrom!).toBe(true);
        }
        for (const v of now.versions) {
          if (v.status !== 'concept') expect(v.adoptedOn).not.toBeNull();
          if (v.status === 'vervallen') expect(v.inForceTo).not.toBeNull();
          if (v.status === 'vastgesteld') expect(v.inForceTo).toBeNull();
        }
        // A version replaced by the next adopted one ends exactly the day before.
        for (let i = 1; i < periods.length; i++) {
          if (periods[i]!.status === 'vastgesteld' && periods[i - 1]!.inForceTo !== null) {
            const ended = periods[i - 1]!;
            if (ended.inForceTo === dayBefore(periods[i]!.inForceFrom!)) continue;
            // else it was withdrawn earlier, before the next one was adopted
            expect(ended.inForceTo! < periods[i]!.inForceFrom!).toBe(true);
          }
        }
        // Node ids stay the same over versions.
        const first = await readVersion(k.db, beleid, frameworkId, now.versions[0]!.version);
        const last = await readVersion(k.db, beleid, frameworkId, now.versions.at(-1)!.version);
        expect(last.nodes.map((n) => n.nodeId)).toEqual(expect.arrayContaining(first.nodes.filter((n) => n.title === 'Thema').map((n) => n.nodeId)));
      }
    }), { numRuns: engine === 'pglite' ? 40 : 20 });
  }, 240_000);
});
