import fs from 'node:fs';
import path from 'node:path';
import { sql } from '../db/index.js';
import { addUser, ROLES } from '../auth/index.js';
import { writeDemo } from '../demo/index.js';
import { DEMO_PROVINCE } from '../demo/cbs-reference.js';
import { addGemeente, readDemoGemeente, type FullImportSummary, type Koers } from './koers.js';
import { seedDemoFramework } from '../steering/framework/demo.js';
import { seedDemoCurve } from '../steering/curve/demo.js';

export const DEMO_PASSWORD = 'koersdemo2026';
export const DEMO_LOGIN = { username: 'beleid', password: DEMO_PASSWORD };

export type Progress = (line: string) => void;

/**
 * Makes sure the demo gemeente is loaded: on first start it generates the fictional gemeente's
 * files (real iWmo/iJw XML, wijken, population and the other tabular sources) and imports them through the normal import path,
 * then creates one demo account per role. Later starts find it and do nothing.
 */
export async function ensureDemo(koers: Koers, progress: Progress, opts: { scale?: number } = {}): Promise<FullImportSummary | null> {
  const existing = await sql<{ n: number }>`select count(*) as n from received_message where gemeente_code = '9001'`.execute(koers.db);
  if (existing.rows[0]!.n > 0) return null;
  const dir = path.join(koers.config.dataDir, 'demo');
  fs.rmSync(dir, { recursive: true, force: true });
  progress('Demo-gemeente Koersdam wordt gemaakt (eenmalig)…');
  let lastPct = -1;
  const started = Date.now();
  const summary = await writeDemo(dir, { scale: opts.scale }, (done, total, phase) => {
    const pct = Math.floor((done / Math.max(total, 1)) * 100);
    if (pct % 10 === 0 && pct !== lastPct) { lastPct = pct; progress(`  ${phase}: ${pct}%`); }
  });
  progress(`  ${summary.messages} berichten en ${summary.inhabitants} inwoners gemaakt in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const g = readDemoGemeente(dir);
  await addGemeente(koers.db, g.code, g.name);
  // Koersdam is fictional: place it in a province for the comparison with peers (cbs-referentie.csv).
  await sql`insert into gemeente_region (gemeente_code, province_code, inhabitants, note) values (${g.code}, ${DEMO_PROVINCE}, ${summary.inhabitants}, 'fictieve demo-gemeente') on conflict (gemeente_code) do nothing`.execute(koers.db);
  progress('Demo-gegevens worden geïmporteerd…');
  let lastImportPct = -1;
  // The reference and tabular files, then the message folders per year: one import (the importer
  // orders areas, tabular sources and messages itself), but no single folder listing of 100 000+
  // files (collectInputs spreads a folder's files into one push, which overflows the call stack).
  const berichten = path.join(dir, 'berichten');
  const inputs = [
    ...summary.files.filter((f) => !f.startsWith('berichten/')).map((f) => path.join(dir, f)),
    ...(fs.existsSync(berichten) ? fs.readdirSync(berichten).sort().map((y) => path.join(berichten, y)) : []),
  ];
  const result = await koers.importPaths(inputs, {
    source: 'demo',
    onProgress: (done, total) => {
      const pct = Math.floor((done / Math.max(total, 1)) * 100);
      if (pct % 10 === 0 && pct !== lastImportPct) { lastImportPct = pct; progress(`  import: ${done}/${total} bestanden (${pct}%)`); }
    },
  });
  progress(`  ${result.accepted} bestanden geïmporteerd, ${result.rejected} geweigerd, in ${result.seconds.toFixed(1)} s`);
  for (const f of result.files.filter((x) => x.status === 'rejected').slice(0, 5)) progress(`  geweigerd: ${f.name}: ${f.location ?? ''} ${f.reason}`);
  // The messages are stored now; the generated files (hundreds of MB of small XML files) can be
  // made again at any time with `koers demo --out DIR`, so they are not kept.
  if (result.rejected === 0) fs.rmSync(dir, { recursive: true, force: true });
  for (const role of ROLES) {
    await addUser(koers.db, { gemeenteCode: g.code, username: role, password: DEMO_PASSWORD, role, displayName: `Demo ${role}` });
  }
  progress(`Demo-accounts aangemaakt: ${ROLES.join(', ')} (wachtwoord ${DEMO_PASSWORD}).`);
  // A filled-in, adopted beleidskader with targets derived from the demo's figures (see steering/framework/demo.ts).
  const fw = await seedDemoFramework(koers.db, g.code);
  progress(`Beleidskader vastgesteld met ${fw.targets} streefwaarden voor 2025 en 2026.`);
  // Turn-the-curve notes and actions for that beleidskader (see steering/curve/demo.ts).
  const curve = await seedDemoCurve(koers.db, g.code, fw.frameworkId);
  progress(`${curve.notes} turn-the-curve-notities en ${curve.actions} acties vastgelegd.`);
  return result;
}
