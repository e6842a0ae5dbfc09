import fs from 'node:fs';
import path from 'node:path';
import { serve } from '@hono/node-server';
import type { KoersConfig } from '../../config/index.js';
import { openKoers, type Koers } from '../../app/koers.js';
import { ensureDemo, DEMO_LOGIN } from '../../app/demo.js';
import { createApp } from './app.js';
import { definitionsFor } from '../../indicators/index.js';
import { warmOverview } from '../../indicators/overview.js';
import { listGemeenten } from '../../model/store.js';

/** Builds the SPA when its build is missing or older than its sources. */
export async function ensureUiBuilt(repoRoot: string, log: (s: string) => void): Promise<string> {
  const out = path.join(repoRoot, 'dist', 'ui');
  const src = path.join(repoRoot, 'src', 'web', 'ui');
  const newest = (dir: string): number => fs.readdirSync(dir, { withFileTypes: true }).reduce((m, e) => Math.max(m, e.isDirectory() ? newest(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).mtimeMs), 0);
  const built = fs.existsSync(path.join(out, 'index.html')) ? fs.statSync(path.join(out, 'index.html')).mtimeMs : 0;
  if (!built || (fs.existsSync(src) && newest(src) > built)) {
    log('De webapp wordt gebouwd…');
    const { build } = await import('vite');
    await build({ configFile: path.join(src, 'vite.config.ts'), logLevel: 'warn' });
  }
  return out;
}

/**
 * The monitor overview reads every indicator's table: build it before the first user opens it, for
 * every gemeente now and for the recomputed ones after every recompute in this process (imports
 * through the web app or the API, the hourly catch-up). Resolves when the first build is done.
 */
export async function keepOverviewWarm(koers: Koers): Promise<void> {
  const warm = async (gemeenten: string[]) => {
    for (const g of gemeenten) await warmOverview(koers.db, await definitionsFor(koers.db, g), g);
  };
  koers.onRefreshed((gemeenten) => void warm(gemeenten).catch(() => undefined));
  await warm([...(await listGemeenten(koers.db)).keys()]).catch(() => undefined);
}

export async function serveKoers(config: KoersConfig, o: { repoRoot: string; log: (s: string) => void }): Promise<void> {
  const { log } = o;
  const uiDir = await ensureUiBuilt(o.repoRoot, log);
  log(config.databaseUrl ? 'Database: PostgreSQL (DATABASE_URL)' : `Database: ingebouwd (PGlite) in ${config.dataDir}`);
  const koers = await openKoers(config);
  if (config.demo) await ensureDemo(koers, log);
  // Time ends trajectories too (a toewijzing that lapses without a start); keep them current.
  const catchUp = () => koers.catchUp().catch((e: Error) => log(`Bijwerken van trajecten mislukt: ${e.message}`));
  await catchUp();
  void keepOverviewWarm(koers);
  const hourly = setInterval(() => void catchUp(), 3_600_000);
  hourly.unref();
  const app = createApp(koers, { uiDir, demoHint: config.demo ? DEMO_LOGIN : null });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    log(`Koers draait op http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${info.port}`);
    if (config.demo) log(`Demo: log in met gebruikersnaam "${DEMO_LOGIN.username}" en wachtwoord "${DEMO_LOGIN.password}" (of een andere rol als gebruikersnaam).`);
  });
  const stop = async () => {
    log('Koers stopt…');
    server.close();
    clearInterval(hourly);
    await koers.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}
