#!/usr/bin/env node
// Entry point of the `koers` command: runs the TypeScript CLI through tsx's loader.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// A tabular import (`koers import --source …` or `--mapping …`) streams its file and keeps well under
// 200 MB alive, but under its allocation rate V8 lets the heap grow lazily: 520 MB resident for a
// 79 MB CSV. So such an import runs in a child with a bounded old generation (the same file: 270 MB
// resident at 160 MB, about 7 % more CPU for garbage collection), unless a heap size was given
// (NODE_OPTIONS or a node flag) or KOERS_HEAP_CAP=0. Message imports keep the default: a folder of
// a million messages lists more than that.
const args = process.argv.slice(2);
const tabular = args[0] === 'import' && args.some((a) => /^--(source|mapping)(=|$)/.test(a));
const heapSet = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].some((a) => a.startsWith('--max-old-space-size'));
const cap = process.env.KOERS_HEAP_CAP ?? '256';
if (tabular && !heapSet && cap !== '0') {
  const r = spawnSync(process.execPath, [`--max-old-space-size=${cap}`, ...process.execArgv, fileURLToPath(import.meta.url), ...args], { stdio: 'inherit' });
  if (r.error) throw r.error;
  if (r.signal) process.kill(process.pid, r.signal);
  process.exit(r.status ?? 1);
}

const { register } = await import('tsx/esm/api');
register();
await import('../src/cli/main.ts');
