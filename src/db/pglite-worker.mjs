// Runs PGlite (PostgreSQL in WASM) in a child process of Koers and serves it on a unix socket, so
// the HTTP server never blocks on a query, all code talks to the database through `pg`, and the
// database's memory (PGlite's WASM heap only grows) is its own process's and goes back to the
// system when it stops. Plain JavaScript on purpose: it is started with plain node (no tsx), under
// the CLI, vitest and scripts alike. The parent passes its settings as JSON in argv[2] and talks
// over the IPC channel: 'ready' / 'error' from here, 'stop' from there. When the channel closes
// (the parent stopped, crashed or was killed), this process stops too: no orphans.
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { isDatabaseProcess, LOCK_FILE } from './embedded-lock.mjs';

const { dataDir, socketPath, maxConnections, share, settings } = JSON.parse(process.argv[2] ?? '{}');

let db = null;
let server = null;
let stopping = null;
let locked = null;

function stop() {
  stopping ??= (async () => {
    try { await server?.stop(); } catch { /* closing anyway */ }
    try { await db?.close(); } catch { /* closing anyway */ }
    unlock();
  })();
  return stopping;
}

/**
 * One database process per data folder. PGlite does not lock its folder the way PostgreSQL's
 * postmaster does, so a second Koers process (a `koers import` while `koers serve` runs) would
 * start a second database over the same files: neither sees the other's writes, and both write.
 * The lock file holds this process's id and is taken atomically (O_EXCL). It is checked by
 * whether its owner still runs, not by age, since a long statement keeps this process busy for
 * minutes without a chance to refresh anything. A lock left by a process that was killed is
 * taken over. Once this process serves, the lock also names its socket (publish), and another
 * Koers process on the folder connects to it instead of starting a database (embedded.ts).
 */
class FolderInUse extends Error {}
function lock(dir) {
  const file = path.join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      locked = file;
      return;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
    }
    const owner = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
    if (Number.isInteger(owner) && owner !== process.pid && isDatabaseProcess(owner)) {
      // embedded.ts then connects to that process once it serves.
      throw new FolderInUse(`de gegevensmap ${path.dirname(dir)} is in gebruik door een ander Koers-proces (database-proces ${owner}).`);
    }
    fs.rmSync(file, { force: true }); // left by a process that no longer runs
  }
  throw new Error(`kon de gegevensmap ${path.dirname(dir)} niet vastzetten (${file})`);
}

/** Names this process's socket in the lock, replacing the file in one step (readers see the old or the new one). */
function publish(socketPath) {
  if (!locked) return;
  const tmp = `${locked}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${process.pid}\n${socketPath}\n`, { mode: 0o600 });
  fs.renameSync(tmp, locked);
}

function unlock() {
  if (!locked) return;
  try { if (Number.parseInt(fs.readFileSync(locked, 'utf8'), 10) === process.pid) fs.rmSync(locked, { force: true }); } catch { /* gone already */ }
  locked = null;
}

/**
 * Temporary files of sorts and hashes that spilled to disk, left behind when a database process was
 * killed during a statement. PostgreSQL removes them when it starts; PGlite does not, and after an
 * interrupted import of many persons they filled a disk (gigabytes per run). Only ever called with
 * the folder locked, so no running statement owns them.
 */
function removeTempFiles(dir) {
  const tmp = path.join(dir, 'base', 'pgsql_tmp');
  let names = [];
  try { names = fs.readdirSync(tmp); } catch { return; }
  for (const n of names) if (n.startsWith('pgsql_tmp')) fs.rmSync(path.join(tmp, n), { recursive: true, force: true });
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
  if (dataDir) {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    lock(dataDir);
    removeTempFiles(dataDir);
  }
  db = await PGlite.create({ ...(dataDir ? { dataDir } : {}), startParams });
  server = new PGLiteSocketServer({ db, path: socketPath, maxConnections });
  await server.start();
  if (stopping) return;
  if (share !== false) publish(socketPath);
  process.send?.({ type: 'ready' });
}

main().catch((err) => {
  unlock();
  if (process.connected) process.send({ type: 'error', message: err?.message ?? String(err), inUse: err instanceof FolderInUse }, () => process.exit(1));
  else process.exit(1);
});
