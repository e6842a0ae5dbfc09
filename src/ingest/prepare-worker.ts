/**
 * The worker thread of message-preparer.ts: prepares the files of each chunk it is sent with
 * prepareMessage and posts the results back in the same order.
 */
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { Pseudonymizer } from '../privacy/pseudonym.js';
import { XsdCatalog } from './istandaarden/xml.js';
import type { PrepareWorkerInit, PrepareWorkerItem, PrepareWorkerReply } from './message-preparer.js';
import { prepareMessage, type PrepareContext } from './messages-prepare.js';

/** The file's bytes, or the error of reading them (which becomes the file's rejection, as in the main thread). */
function readItem(item: PrepareWorkerItem): Uint8Array | Error {
  if ('bytes' in item) return item.bytes;
  if ('readError' in item) return new Error(item.readError);
  try { return fs.readFileSync(item.path); } catch (e) { return e instanceof Error ? e : new Error(String(e)); }
}

const init = workerData as PrepareWorkerInit;
const ctx: PrepareContext = {
  gemeenten: new Set(init.gemeenten),
  only: init.only,
  xsd: init.xsdDir ? new XsdCatalog(init.xsdDir) : null,
  pseudonymizer: new Pseudonymizer({ derived: init.keys }),
};
const port = parentPort!;
const post = (m: PrepareWorkerReply) => port.postMessage(m);
port.on('message', ({ chunk, items }: { chunk: number; items: PrepareWorkerItem[] }) => {
  try {
    post({ chunk, results: items.map((item) => prepareMessage(item.name, readItem(item), ctx)) });
  } catch (e) {
    post({ chunk, failure: e instanceof Error ? e.message : String(e) });
  }
});
post({ ready: true });
