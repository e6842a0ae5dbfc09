import { Worker } from 'node:worker_threads';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface EmbeddedPostgres {
  /** Connection string for `pg` (unix socket in a private 0700 folder). */
  connectionString: string;
  stop(): Promise<void>;
}

/**
 * Starts PGlite in a worker thread behind a unix socket. `dataDir` null = in memory (tests).
 * The socket lives in a fresh 0700 temp folder so no other local user can connect to it.
 */
export async function startEmbeddedPostgres(dataDir: string | null, maxConnections = 8): Promise<EmbeddedPostgres> {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // In a fresh folder PGlite first runs initdb, which leaves about 500 MB of WASM memory behind in
  // the worker for as long as it runs. So create the database with a worker of its own, stop it
  // (its memory goes back to the system), and serve from a fresh one: the process stays ~450 MB
  // smaller from the first start on.
  if (dataDir && !fs.existsSync(path.resolve(dataDir, 'pg', 'PG_VERSION'))) await (await startWorker(path.resolve(dataDir, 'pg'), maxConnections)).stop();
  return startWorker(dataDir ? path.resolve(dataDir, 'pg') : null, maxConnections);
}

async function startWorker(pgDir: string | null, maxConnections: number): Promise<EmbeddedPostgres> {
  const socketDir = fs.mkdtempSync(path.join(os.tmpdir(), 'koers-pg-'));
  fs.chmodSync(socketDir, 0o700);
  const port = 5432;
  const socketPath = path.join(socketDir, `.s.PGSQL.${port}`);
  const worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), {
    workerData: { dataDir: pgDir, socketPath, maxConnections },
  });
  await new Promise<void>((resolve, reject) => {
    const onMessage = (msg: { type: string; message?: string }) => {
      if (msg.type === 'ready') { worker.off('message', onMessage); resolve(); }
      else if (msg.type === 'error') reject(new Error(`Embedded database failed to start: ${msg.message}`));
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`Embedded database worker exited (${code})`)));
  });
  let stopped = false;
  return {
    connectionString: `postgresql://postgres@localhost:${port}/postgres?host=${encodeURIComponent(socketDir)}`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => { void worker.terminate().then(() => resolve()); }, 10_000);
        worker.on('message', (msg: { type: string }) => {
          if (msg.type === 'stopped') { clearTimeout(timer); void worker.terminate().then(() => resolve()); }
        });
        worker.postMessage({ type: 'stop' });
      });
      fs.rmSync(socketDir, { recursive: true, force: true });
    },
  };
}
