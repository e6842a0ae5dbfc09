// Runs PGlite (PostgreSQL in WASM) in a child process of Koers and serves it on a unix socket, so
// the HTTP server never blocks on a query, all code talks to the database through `pg`, and the
// database's memory (PGlite's WASM heap only grows) is its own process's and goes back to the
// system when it stops. Plain JavaScript on purpose: it is started with plain node (no tsx), under
// the CLI, vitest and scripts alike. The parent passes its settings as JSON in argv[2] and talks
// over the IPC channel: 'ready' / 'error' from here, 'stop' from there. When the channel closes
// (the parent stopped, crashed or was killed), this process stops too: no orphans.
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const { dataDir, socketPath, maxConnections, settings } = JSON.parse(process.argv[2] ?? '{}');

let db = null;
let server = null;
let stopping = null;

function stop() {
  stopping ??= (async () => {
    try { await server?.stop(); } catch { /* closing anyway */ }
    try { await db?.close(); } catch { /* closing anyway */ }
  })();
  return stopping;
}

process.on('message', (msg) => {
  if (msg?.type !== 'stop') return;
  void stop().finally(() => {
    if (process.connected) process.send({ type: 'stopped' }, () => process.exit(0));
    else process.exit(0);
  });
});
// Ctrl-C reaches the whole process group: the parent decides (it closes the database, or dies and
// the channel closes). A plain termination request stops the database cleanly.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => { void stop().finally(() => process.exit(0)); });
// The parent is gone (or closed the channel): flush and leave.
process.on('disconnect', () => { void stop().finally(() => process.exit(0)); });

async function main() {
  // Server settings as `-c name=value` after PGlite's own start parameters (the data folder's
  // postgresql.conf is left alone).
  const startParams = [...PGlite.defaultStartParams, ...Object.entries(settings ?? {}).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
  db = await PGlite.create({ ...(dataDir ? { dataDir } : {}), startParams });
  server = new PGLiteSocketServer({ db, path: socketPath, maxConnections });
  await server.start();
  if (stopping) return;
  process.send?.({ type: 'ready' });
}

main().catch((err) => {
  if (process.connected) process.send({ type: 'error', message: err?.message ?? String(err) }, () => process.exit(1));
  else process.exit(1);
});
