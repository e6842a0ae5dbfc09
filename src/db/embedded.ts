import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface EmbeddedPostgres {
  /** Connection string for `pg` (unix socket in a private 0700 folder). */
  connectionString: string;
  /** Process id of the database process (a child process of this one). */
  pid: number;
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
 * The socket lives in a fresh 0700 temp folder so no other local user can connect to it.
 * The child stops when this process closes it, exits or dies (it watches the IPC channel).
 */
export async function startEmbeddedPostgres(dataDir: string | null, maxConnections = 8): Promise<EmbeddedPostgres> {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // In a fresh folder PGlite first runs initdb, which leaves about 500 MB of WASM memory behind in
  // its process for as long as it runs. So create the database with a process of its own, stop it
  // (its memory goes back to the system), and serve from a fresh one.
  if (dataDir && !fs.existsSync(path.resolve(dataDir, 'pg', 'PG_VERSION'))) await (await startProcess(path.resolve(dataDir, 'pg'), maxConnections)).stop();
  return startProcess(dataDir ? path.resolve(dataDir, 'pg') : null, maxConnections);
}

async function startProcess(pgDir: string | null, maxConnections: number): Promise<EmbeddedPostgres> {
  const socketDir = fs.mkdtempSync(path.join(os.tmpdir(), 'koers-pg-'));
  fs.chmodSync(socketDir, 0o700);
  const port = 5432;
  const socketPath = path.join(socketDir, `.s.PGSQL.${port}`);
  let child: ChildProcess;
  try {
    // Plain node (execArgv []): the script is JavaScript, so no TypeScript loader is needed there.
    child = fork(fileURLToPath(new URL('./pglite-worker.mjs', import.meta.url)), [JSON.stringify({ dataDir: pgDir, socketPath, maxConnections, settings: embeddedSettings() })], {
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
      const onMessage = (msg: { type: string; message?: string }) => {
        if (msg.type === 'ready') { cleanup(); resolve(); }
        else if (msg.type === 'error') { cleanup(); reject(new Error(`De ingebouwde database kon niet starten: ${msg.message}`)); }
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
