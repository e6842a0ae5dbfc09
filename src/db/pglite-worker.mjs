// Runs PGlite (PostgreSQL in WASM) in a worker thread and serves it on a unix socket, so the
// HTTP server's thread never blocks on a query and all code talks to the database through `pg`.
// Plain JavaScript on purpose: it is loaded by `new Worker()` under tsx, vitest and plain node alike.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const { dataDir, socketPath, maxConnections } = workerData;

async function main() {
  const db = await PGlite.create(dataDir ? { dataDir } : {});
  const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections });
  await server.start();
  parentPort.postMessage({ type: 'ready' });
  parentPort.on('message', async (msg) => {
    if (msg?.type === 'stop') {
      try {
        await server.stop();
        await db.close();
      } finally {
        parentPort.postMessage({ type: 'stopped' });
      }
    }
  });
}

main().catch((err) => {
  parentPort.postMessage({ type: 'error', message: err?.message ?? String(err) });
});
