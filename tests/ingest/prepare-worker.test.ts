import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addGemeente } from '../../src/app/koers.js';
import type { InputFile } from '../../src/ingest/inputs.js';
import { XsdCatalog } from '../../src/ingest/istandaarden/xml.js';
import { inThreadPreparer, workerPreparer, type MessagePreparer, type PrepareResult } from '../../src/ingest/message-preparer.js';
import type { PrepareContext } from '../../src/ingest/messages-prepare.js';
import { wrapInStuf } from '../../src/ingest/stuf.js';
import { Pseudonymizer } from '../../src/privacy/pseudonym.js';
import { file } from '../helpers/fixtures.js';
import { ENGINES, openTestKoers, XSD_DIR, type TestKoers } from '../helpers/koers.js';
import { craftedSet } from '../helpers/messages.js';
import { contents } from '../helpers/store-contents.js';

/**
 * Large imports prepare their files (parse, XSD, pseudonymise) in a worker thread. Whatever the
 * files, the results must be exactly those of preparing them in the importing thread.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koers-prepare-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Files of every kind: on disk (read by the worker itself) and in memory, good and bad. */
function inputs(copies: number): InputFile[] {
  const out: InputFile[] = [];
  for (let c = 0; c < copies; c++) {
    for (const std of ['iwmo', 'ijw'] as const) {
      const bsn = ['999900006', '999900018', '999900031'][c % 3]!;
      for (const [type, xml] of Object.entries(craftedSet(std, bsn))) {
        const p = path.join(dir, `${c}-${std}-${type}.xml`);
        fs.writeFileSync(p, xml);
        out.push(c % 2 ? { name: p, path: p, read: async () => fs.readFileSync(p) } : file(`mem-${c}-${std}-${type}.xml`, xml));
      }
    }
    out.push(file(`stuf-${c}.xml`, wrapInStuf(craftedSet('iwmo')['301'], { functie: 'WMO301', zender: '9001', ontvanger: '99000001' })));
    const m301 = craftedSet('iwmo')['301'];
    out.push(file(`broken-${c}.xml`, m301.slice(0, m301.length / 2)));
    out.push(file(`other-gemeente-${c}.xml`, m301.replace('Afzender>9001<', 'Afzender>9002<')));
    out.push(file(`bad-bsn-${c}.xml`, craftedSet('ijw', '123456789')['305']));
    out.push(file(`empty-${c}.xml`, ''));
    out.push({ name: path.join(dir, `missing-${c}.xml`), path: path.join(dir, `missing-${c}.xml`), read: async () => fs.readFileSync(path.join(dir, `missing-${c}.xml`)) });
    out.push({ name: `unreadable-${c}.xml`, read: async () => { throw new Error('schijf weg'); } });
  }
  return out;
}

/** The results with the random message id (a fresh UUID per prepared file, also in its rows) left out. */
async function drain(p: MessagePreparer, n: number): Promise<PrepareResult[]> {
  const out: PrepareResult[] = [];
  try {
    for (let i = 0; i < n; i++) {
      const r = await p.next();
      out.push('error' in r ? r : JSON.parse(JSON.stringify(r).replaceAll(r.messageId, 'ID')));
    }
  } finally { await p.close(); }
  return out;
}

describe('preparing messages in a worker thread', () => {
  const pseudonymizer = new Pseudonymizer(Buffer.alloc(32, 7));
  const ctx = (xsd: boolean): PrepareContext => ({ gemeenten: new Set(['9001']), only: null, xsd: xsd ? new XsdCatalog(XSD_DIR) : null, pseudonymizer });

  it.each([true, false])('gives the same results, in the same order, as the importing thread (XSD %s)', async (xsd) => {
    const files = inputs(14); // several chunks of 64 files, more than are kept in flight
    const worker = await workerPreparer(files, ctx(xsd));
    expect(worker.inWorker).toBe(true);
    const there = await drain(worker, files.length);
    const here = await drain(inThreadPreparer(files, ctx(xsd)), files.length);
    expect(there).toEqual(here);
    // Every kind of outcome is in there, so the comparison means something.
    const reasons = here.flatMap((r) => ('error' in r ? [r.error.reason ?? ''] : []));
    expect(here.filter((r) => !('error' in r)).length).toBeGreaterThan(14 * 20);
    for (const re of [/geen geldige XML/, /niet geregistreerd/, /Bsn is ongeldig/, /leeg/, /kan het bestand niet lezen: ENOENT/, /kan het bestand niet lezen: schijf weg/]) {
      expect(reasons.some((r) => re.test(r)), String(re)).toBe(true);
    }
    if (xsd) expect(reasons.some((r) => /XSD/.test(r))).toBe(false);
    // The worker pseudonymises with the same (derived) key.
    const persons = new Set(here.flatMap((r) => ('error' in r ? [] : r.persons.map((p) => p.personId))));
    expect(persons).toEqual(new Set(['999900006', '999900018', '999900031'].map((b) => pseudonymizer.person('9001', b))));
  });

  it('the worker gets derived keys only: another gemeente or purpose has no key there', () => {
    const derived = new Pseudonymizer({ derived: pseudonymizer.deriveKeys(['9001'], ['person', 'household']) });
    expect(derived.person('9001', '999900006')).toBe(pseudonymizer.person('9001', '999900006'));
    expect(derived.household('9001', '9001AA 1')).toBe(pseudonymizer.household('9001', '9001AA 1'));
    expect(() => derived.person('9002', '999900006')).toThrow(/no pseudonymisation key/);
    expect(() => derived.client('9001', 'C1')).toThrow(/no pseudonymisation key/);
  });
});

describe.each(ENGINES)('message import with a worker thread on %s', (engine) => {
  let a: TestKoers;
  let b: TestKoers;
  beforeAll(async () => {
    a = await openTestKoers(engine, { xsd: false });
    b = await openTestKoers(engine, { xsd: false });
    for (const k of [a, b]) await addGemeente(k.db, '9001', 'Testdam');
  });
  afterAll(async () => { await a?.cleanup(); await b?.cleanup(); });

  it('stores the same and reports the same per file as an import prepared in its own thread', async () => {
    const files = inputs(3);
    const there = await a.importer.importFiles(files, { source: 'test', asOf: '2025-06-30', prepareInWorker: true, batchSize: 40 });
    const here = await b.importer.importFiles(files, { source: 'test', asOf: '2025-06-30', prepareInWorker: false, batchSize: 40 });
    expect(there.files).toEqual(here.files);
    expect(there.accepted).toBeGreaterThan(40);
    expect(there.duplicates).toBeGreaterThan(0); // the copies repeat messages
    expect(await contents(a)).toEqual(await contents(b));
  });
});
