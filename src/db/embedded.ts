import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { folderOwner } from './embedded-lock.mjs';

export interface EmbeddedPostgres {
  /** Connection string for `pg` (unix socket in a private 0700 folder). */
  connectionString: string;
  /** Process id of the database process (a child process of this one, or of the Koers process it is shared with). */
  pid: number;
  /** The database process was started by another Koers process on the same folder; stop() leaves it running. */
  shared: boolean;
  stop(): Promise<void>;
}

/**
 * PostgreSQL settings of the embedded database. PGlite keeps its WASM memory for as long as it
 * runs (it only grows), so every megabyte of shared buffers is a megabyte of the database process
 * for good; the file system cache sits below it anyway. KOERS_PGLITE_SHARED_BUFFERS overrides it.
 */
export function embeddedSettings(): Record<string, string> {
  return { shared_buffers: process.env.KOERS_PGLITE_SHARED_BUFFERS ?? '32MB' };
}

/**
 * Starts PGlite in a child process behind a unix socket. `dataDir` null = in memory (tests).
 * A data folder serves one database process at a time (the child locks it; pglite-worker.mjs).
 * When another Koers process already runs the folder's database (the web app of `koers serve`
 * while a user runs `koers import` or `koers users add`), this process connects to that one
 * instead: PGlite serves one session and its socket server runs the connections' transactions one
 * after another, so both processes see the same data, each whole transaction at a time.
 * The socket lives in a fresh 0700 temp folder so no other local user can connect to it.
 * The child stops when this process closes it, exits or dies (it watches the IPC channel).
 * `maxConnections`: of all processes together (each pool holds up to 4 on the embedded database).
 */
export async function startEmbeddedPostgres(dataDir: string | null, maxConnections = 16): Promise<EmbeddedPostgres> {
  if (!dataDir) return startProcess(null, maxConnections);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const pgDir = path.resolve(dataDir, 'pg');
  for (let attempt = 1; ; attempt++) {
    const running = await shareRunning(pgDir);
    if (running) return running;
    try {
      // In a fresh folder PGlite first runs initdb, which leaves about 500 MB of WASM memory behind in
      // its process for as long as it runs. So create the database with a process of its own, stop it
      // (its memory goes back to the system), and serve from a fresh one. That first process does not
      // offer itself to other processes (it is about to stop).
      if (!fs.existsSync(path.join(pgDir, 'PG_VERSION'))) await (await startProcess(pgDir, maxConnections, false)).stop();
      return await startProcess(pgDir, maxConnections);
    } catch (e) {
      // Another process took the folder in the meantime (both started at once): look again, and use
      // its database once it serves.
      if (!(e instanceof FolderInUseError) || attempt >= 5) throw e;
    }
  }
}

/** The database process could not lock the folder: another one holds it. */
class FolderInUseError extends Error {}

/** How long to wait for a database process that holds the folder but does not serve yet (it is starting). */
const STARTING_WAIT_MS = 60_000;

/**
 * The database process another Koers process runs on this folder, once it serves (null when no
 * running process holds the folder). Waits while the owner is still starting; an owner that does
 * not serve within STARTING_WAIT_MS gives the error the database process itself would give.
 */
async function shareRunning(pgDir: string): Promise<EmbeddedPostgres | null> {
  const end = Date.now() + STARTING_WAIT_MS;
  for (;;) {
    const owner = folderOwner(pgDir);
    if (!owner) return null;
    if (owner.socketPath) {
      const port = Number(/\.s\.PGSQL\.(\d+)$/.exec(owner.socketPath)?.[1] ?? 5432);
      return {
        connectionString: `postgresql://postgres@localhost:${port}/postgres?host=${encodeURIComponent(path.dirname(owner.socketPath))}`,
        pid: owner.pid,
        shared: true,
        async stop() { /* the database process is the other Koers process's */ },
      };
    }
    if (Date.now() > end) {
      throw new Error(`de gegevensmap ${path.dirname(pgDir)} is in gebruik door een ander Koers-proces (database-proces ${owner.pid}) dat na ${STARTING_WAIT_MS / 1000} s nog niet klaar is met starten. Probeer het opnieuw, of stop dat proces.`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function startProcess(pgDir: string | null, maxConnections: number, share = true): Promise<EmbeddedPostgres> {
  const socketDir = fs.mkdtempSync(path.join(os.tmpdir(), 'koers-pg-'));
  fs.chmodSync(socketDir, 0o700);
  const port = 5432;
  const socketPath = path.join(socketDir, `.s.PGSQL.${port}`);
  let child: ChildProcess;
  try {
    // Plain node (execArgv []): the script is JavaScript, so no TypeScript loader is needed there.
    child = fork(fileURLToPath(new URL('./pglite-worker.mjs', import.meta.url)), [JSON.stringify({ dataDir: pgDir, socketPath, maxConnections, share, settings: embeddedSettings() })], {
      execArgv: [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'json',
    });
  } catch (e) {
    fs.rmSync(socketDir, { recursive: true, force: true });
    throw e;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await new Promise<void>((resolve, reject) => {
      const onMessage = (msg: { type: string; message?: string; inUse?: boolean }) => {
        if (msg.type === 'ready') { cleanup(); resolve(); }
        else if (msg.type === 'error') { cleanup(); reject(new (msg.inUse ? FolderInUseError : Error)(`De ingebouwde database kon niet starten: ${msg.message}`)); }
      };
      const onError = (e: Error) => { cleanup(); reject(e); };
      const onExit = (code: number | null, signal: string | null) => { cleanup(); reject(new Error(`Het proces van de ingebouwde database stopte onverwacht (${signal ?? code})`)); };
      const cleanup = () => { child.off('message', onMessage); child.off('error', onError); child.off('exit', onExit); };
      child.on('message', onMessage);
      child.on('error', onError);
      child.on('exit', onExit);
    });
  } catch (e) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
    fs.rmSync(socketDir, { recursive: true, force: true });
    throw e;
  }
  let stopped: Promise<void> | null = null;
  return {
    connectionString: `postgresql://postgres@localhost:${port}/postgres?host=${encodeURIComponent(socketDir)}`,
    pid: child.pid!,
    shared: false,
    stop() {
      stopped ??= (async () => {
        if (child.connected) {
          // It closes the database (flushing it to disk), answers 'stopped' and exits by itself.
          child.send({ type: 'stop' });
          const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          await exited;
          clearTimeout(timer);
        } else if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGKILL');
          await exited;
        }
        fs.rmSync(socketDir, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
}
