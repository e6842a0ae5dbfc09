/**
 * Feeds the message importer with prepared files (read, unwrapped, parsed, checked against the
 * XSDs, pseudonymised: prepareMessage), in input order. Two ways, with the same results:
 *  - in this thread, reading a few files ahead (small imports, and the fallback);
 *  - in a worker thread (large imports): parsing and XSD validation, about half of the importer's
 *    own CPU time, then run beside the building of the batches' statements in this thread and the
 *    database's work in its own process. The worker holds no master key: it gets the derived
 *    pseudonymisation keys of the registered gemeenten only.
 */
import { Worker } from 'node:worker_threads';
import type { InputFile } from './inputs.js';
import { prepareMessage, type FileResult, type PrepareContext, type PreparedMessage } from './messages-prepare.js';

export type PrepareResult = PreparedMessage | { error: FileResult };

export interface MessagePreparer {
  /** The result for the next input, in input order (call once per input). */
  next(): Promise<PrepareResult>;
  /** Stops the worker, if any; safe to call more than once. */
  close(): Promise<void>;
  /** Whether a worker thread prepares the files. */
  readonly inWorker: boolean;
}

/** What the worker gets at its start (structured-clonable; no master key). */
export interface PrepareWorkerInit {
  gemeenten: string[];
  only: string | null;
  xsdDir: string | null;
  keys: Record<string, Uint8Array>;
}
/** One file sent to the worker: a path it reads itself, the bytes, or the error of reading them here. */
export type PrepareWorkerItem = { name: string; path: string } | { name: string; bytes: Uint8Array } | { name: string; readError: string };
export type PrepareWorkerReply = { ready: true } | { chunk: number; results: PrepareResult[] } | { chunk: number; failure: string };

/** File reads kept in flight ahead of the file being checked (in-thread). */
const READ_AHEAD = 16;
/** Longest stretch of checking files in this thread before other work (the database's replies) is let through (ms). */
const YIELD_MS = 1;
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
/** Files per message to the worker, a chunk's bytes at most (besides a single larger file), and chunks in flight. */
const CHUNK_FILES = 64;
const CHUNK_BYTES = 8 * 1024 * 1024;
const CHUNKS_IN_FLIGHT = 4;

/** Prepares in this thread, reading ahead; yields to the event loop every YIELD_MS. */
export function inThreadPreparer(inputs: readonly InputFile[], ctx: PrepareContext): MessagePreparer {
  const reads = new Map<number, Promise<Buffer | Error>>();
  const startRead = (i: number) => {
    if (i < inputs.length && !reads.has(i)) reads.set(i, Promise.resolve().then(() => inputs[i]!.read()).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e)))));
  };
  let cursor = 0;
  let lastYield = performance.now();
  return {
    inWorker: false,
    async next() {
      const i = cursor++;
      if (i >= inputs.length) throw new Error('no more inputs to prepare');
      for (let k = i; k < i + READ_AHEAD; k++) startRead(k);
      const bytes = await reads.get(i)!;
      reads.delete(i);
      if (performance.now() - lastYield >= YIELD_MS) { await yieldToLoop(); lastYield = performance.now(); }
      return prepareMessage(inputs[i]!.name, bytes, ctx);
    },
    async close() {},
  };
}

/**
 * Prepares in a worker thread; falls back to this thread (with a warning) when the worker cannot
 * start. A failure inside the worker after its start fails the import, as an unexpected error of
 * prepareMessage in this thread would.
 */
export async function workerPreparer(inputs: readonly InputFile[], ctx: PrepareContext): Promise<MessagePreparer> {
  const init: PrepareWorkerInit = {
    gemeenten: [...ctx.gemeenten],
    only: ctx.only,
    xsdDir: ctx.xsd?.dir ?? null,
    keys: ctx.pseudonymizer.deriveKeys(ctx.gemeenten, ['person', 'household']),
  };
  let worker: Worker | null = null;
  try {
    const w = (worker = new Worker(new URL('./prepare-worker-boot.mjs', import.meta.url), { workerData: init }));
    await new Promise<void>((resolve, reject) => {
      const onMessage = (m: PrepareWorkerReply) => { settle(); if ('ready' in m) resolve(); else reject(new Error('unexpected first message')); };
      const onError = (e: Error) => { settle(); reject(e); };
      const onExit = (code: number) => { settle(); reject(new Error(`worker stopped with code ${code}`)); };
      // Only these listeners are removed: the worker's own ones (which keep its port going) stay.
      const settle = () => { w.off('message', onMessage); w.off('error', onError); w.off('exit', onExit); };
      w.on('message', onMessage).on('error', onError).on('exit', onExit);
    });
  } catch (e) {
    console.warn(`berichten worden in de hoofdthread gecontroleerd: de werkthread kon niet starten (${(e as Error).message})`);
    void worker?.terminate();
    return inThreadPreparer(inputs, ctx);
  }
  const w = worker;
  const pending = new Map<number, { resolve: (r: PrepareResult[]) => void; reject: (e: Error) => void }>();
  let broken: Error | null = null;
  const fail = (e: Error) => {
    broken ??= e;
    for (const p of pending.values()) p.reject(broken);
    pending.clear();
  };
  w.on('message', (m: Exclude<PrepareWorkerReply, { ready: true }>) => {
    const p = pending.get(m.chunk);
    if (!p) return;
    pending.delete(m.chunk);
    if ('failure' in m) p.reject(new Error(`fout bij het controleren van berichten: ${m.failure}`));
    else p.resolve(m.results);
  });
  w.on('error', (e) => fail(e));
  const onExit = (code: number) => fail(new Error(`de werkthread voor berichten stopte onverwacht (code ${code})`));
  w.on('exit', onExit);

  const chunks: Promise<PrepareResult[]>[] = [];
  let sent = 0; // inputs sent
  let chunkNo = 0;
  const send = async () => {
    const items: PrepareWorkerItem[] = [];
    const transfer: ArrayBuffer[] = [];
    let bytes = 0;
    while (sent < inputs.length && items.length < CHUNK_FILES && bytes < CHUNK_BYTES) {
      const input = inputs[sent++]!;
      if (input.path) { items.push({ name: input.name, path: input.path }); continue; }
      try {
        const b = await input.read();
        // A copy of its own: a Buffer may share a pooled ArrayBuffer, which must not be transferred.
        const own = new Uint8Array(b);
        items.push({ name: input.name, bytes: own });
        transfer.push(own.buffer);
        bytes += own.length;
      } catch (e) {
        items.push({ name: input.name, readError: e instanceof Error ? e.message : String(e) });
      }
    }
    const no = chunkNo++;
    const promise = new Promise<PrepareResult[]>((resolve, reject) => {
      if (broken) { reject(broken); return; }
      pending.set(no, { resolve, reject });
    });
    promise.catch(() => {}); // awaited (and the error seen) by next()
    if (!broken) w.postMessage({ chunk: no, items }, transfer);
    chunks.push(promise);
  };
  let current: PrepareResult[] = [];
  let at = 0;
  let taken = 0;
  let filling: Promise<void> | null = null;
  const topUp = () => (filling ??= (async () => {
    try { while (sent < inputs.length && chunks.length < CHUNKS_IN_FLIGHT) await send(); } finally { filling = null; }
  })());
  return {
    inWorker: true,
    async next() {
      if (taken >= inputs.length) throw new Error('no more inputs to prepare');
      while (at >= current.length) {
        if (!chunks.length) await topUp();
        const head = chunks.shift()!;
        void topUp();
        current = await head;
        at = 0;
      }
      taken++;
      return current[at++]!;
    },
    async close() {
      w.off('exit', onExit);
      await w.terminate();
    },
  };
}
