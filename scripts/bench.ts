/**
 * Benchmark (a script, not a test): prints figures for the closing notes and the README.
 *   npm run bench                 embedded database (PGlite)
 *   BENCH_DATABASE_URL=… npm run bench   also/instead a real PostgreSQL
 * Measures: demo generation, message import throughput, time from the end of an import to fresh
 * indicator results (full load and a follow-up day), a full recompute of every indicator, period and
 * breakdown, engine vs hand-written SQL for three indicators, and indicator API latency at 20 concurrent
 * requests; then the tabular (CSV) import: rows/s and peak memory (BENCH_CSV_ROWS, default 200 000;
 * BENCH_CSV_GB=1 adds a 1 GB file; `npm run bench:csv` runs 1 M rows and 1 GB).
 */
import { cpuSeconds, engineVsHand, fullRecompute } from './bench-engine.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../src/config/index.js';
import { addGemeente, openKoers, readDemoGemeente } from '../src/app/koers.js';
import { addUser } from '../src/auth/index.js';
import { writeDemo } from '../src/demo/index.js';
import { collectInputs, type InputFile } from '../src/ingest/inputs.js';
import { createApp } from '../src/web/server/app.js';
import { keepOverviewWarm } from '../src/web/server/serve.js';
import { Worker } from 'node:worker_threads';
import { csvBench } from './bench-csv.js';
import { machineReference } from './bench-machine.js';

const LOAD_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { base, cookie, paths, total, concurrency } = workerData;
const latencies = [];
let next = 0;
async function run() {
  while (next < total) {
    const i = next++;
    const t0 = performance.now();
    const res = await fetch(base + paths[i % paths.length], { headers: { cookie } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error('status ' + res.status);
    latencies.push(performance.now() - t0);
  }
}
const t1 = performance.now();
Promise.all(Array.from({ length: concurrency }, run)).then(() => parentPort.postMessage({ latencies, wall: performance.now() - t1 }));
`;

const scale = Number(process.env.BENCH_SCALE ?? 1);
const out = (s: string) => process.stdout.write(s + '\n');
const ms = (t: number) => `${t.toFixed(0)} ms`;

async function main() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'koers-bench-'));
  const demoDir = path.join(root, 'demo');
  out(`Koers benchmark — ${os.cpus().length} cores, Node ${process.version}, demo scale ${scale}`);
  out(await machineReference());

  let t = performance.now();
  const demo = await writeDemo(demoDir, { scale });
  const genMs = performance.now() - t;
  out(`demo generation: ${demo.messages} messages, ${demo.inhabitants} inhabitants in ${ms(genMs)}`);

  const engines: { name: string; url: string | null }[] = [{ name: 'embedded (PGlite)', url: null }];
  if (process.env.BENCH_DATABASE_URL) engines.push({ name: 'PostgreSQL', url: process.env.BENCH_DATABASE_URL });

  for (const engine of engines) {
    out(`\n== ${engine.name}`);
    const dataDir = path.join(root, `data-${engines.indexOf(engine)}`);
    const koers = await openKoers(loadConfig({ KOERS_DATA_DIR: dataDir, ...(engine.url ? { DATABASE_URL: engine.url } : {}) }));
    try {
      const g = readDemoGemeente(demoDir);
      await addGemeente(koers.db, g.code, g.name);
      const all = await collectInputs([demoDir], () => {});
      const messages = all.filter((f) => f.name.endsWith('.xml'));
      const reference = all.filter((f) => !f.name.endsWith('.xml'));
      // Hold back the messages of the last day for the follow-up measurement ("one day of messages").
      const months = [...new Set(messages.map((f) => f.name.match(/berichten\/(\d{4})\/(\d{2})\//)?.slice(1, 3).join('-')).filter(Boolean))].sort();
      const lastMonth = months.at(-1)!;
      const inLastMonth = messages.filter((f) => f.name.includes(`/berichten/${lastMonth.replace('-', '/')}/`));
      const dayOf = new Map<string, string>();
      for (const f of inLastMonth) dayOf.set(f.name, /<(?:\w+:)?Dagtekening>(\d{4}-\d{2}-\d{2})</.exec((await f.read()).toString('utf8'))?.[1] ?? '');
      const lastDay = [...dayOf.values()].sort().at(-1)!;
      const follow = inLastMonth.filter((f) => dayOf.get(f.name) === lastDay);
      const main = messages.filter((f) => !follow.includes(f));
      // Hold back the ZRM scores of the last month too, for the follow-up of one tabular file.
      const zrmAt = reference.findIndex((f) => path.basename(f.name) === 'zrm.csv');
      let zrmFollow: { file: InputFile; month: string; rows: number } | null = null;
      if (zrmAt >= 0) {
        const [header, ...lines] = (await reference[zrmAt]!.read()).toString('utf8').trim().split('\n');
        const dc = header!.split(',').indexOf('datum');
        const month = lines.map((l) => l.split(',')[dc]!.slice(0, 7)).sort().at(-1)!;
        const held = lines.filter((l) => l.split(',')[dc]!.startsWith(month));
        const kept = lines.filter((l) => !l.split(',')[dc]!.startsWith(month));
        // As files on disk, as a user's would be (a table on disk is streamed from its path).
        const file = (name: string, rows: string[]): InputFile => {
          const f = path.join(root, `zrm-${engines.indexOf(engine)}`, name);
          fs.mkdirSync(path.dirname(f), { recursive: true });
          fs.writeFileSync(f, [header, ...rows].join('\n'));
          return { name: f, path: f, read: async () => fs.readFileSync(f) };
        };
        reference[zrmAt] = file('zrm.csv', kept);
        zrmFollow = { file: file(`zrm-${month}.csv`, held), month, rows: held.length };
      }
      await koers.importFiles(reference, { source: 'cli' });

      t = performance.now();
      const s1 = await koers.importFiles(main, { source: 'cli' });
      const totalMs = performance.now() - t;
      const refreshMs = s1.indicators.reduce((a, x) => a + x.seconds * 1000, 0);
      const importMs = totalMs - refreshMs;
      out(`import: ${s1.accepted} messages accepted, ${s1.rejected} rejected in ${ms(importMs)} → ${(s1.accepted / (importMs / 1000)).toFixed(0)} messages/s`);
      out(`fresh results after the full import: ${ms(refreshMs)} (${s1.indicators.map((x) => `${x.rows} values`).join(', ')})`);
      await fullRecompute(koers.db, g.code);

      t = performance.now();
      const cpu2 = await cpuSeconds(koers.db);
      const s2 = await koers.importFiles(follow, { source: 'cli' });
      const total2 = performance.now() - t;
      const refresh2 = s2.indicators.reduce((a, x) => a + x.seconds * 1000, 0);
      out(`follow-up import of one day (${lastDay}): ${s2.accepted} messages in ${ms(total2 - refresh2)}; all indicators fresh ${ms(refresh2)} after the import ended (import and recompute CPU ${((await cpuSeconds(koers.db)) - cpu2).toFixed(1)} s; recomputed from ${[...s2.affected.values()].map((d) => d ?? 'the first period (a person’s birth date, sex or first address changed)').join(', ')}, ${s2.indicators.reduce((a, x) => a + x.periods, 0)} periods of ${s2.indicators.reduce((a, x) => a + x.indicators, 0)} indicators)`);
      if (zrmFollow) {
        t = performance.now();
        const s3 = await koers.importFiles([zrmFollow.file], { source: 'cli' });
        const total3 = performance.now() - t;
        const refresh3 = s3.indicators.reduce((a, x) => a + x.seconds * 1000, 0);
        const n = s3.indicators.reduce((a, x) => a + x.indicators, 0);
        out(`follow-up import of one month of ZRM scores (${zrmFollow.month}, ${zrmFollow.rows} rows): indicators fresh ${ms(refresh3)} after the import (${n} of ${s1.indicators[0]?.indicators ?? '?'} indicators, from ${[...s3.affected.values()].map((d) => d ?? 'the first period').join(', ')}); import, indicators, segments and data quality together ${ms(total3)}`);
      }
      await engineVsHand(koers.db, g.code);

      await addUser(koers.db, { gemeenteCode: g.code, username: 'bench', password: 'bench-password-123', role: 'beleid' });
      const app = createApp(koers, {});
      const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
      await new Promise((r) => server.once('listening', r));
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base }, body: JSON.stringify({ username: 'bench', password: 'bench-password-123' }) });
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      // Cold reads: one request per distinct query (nothing cached yet), one at a time.
      const cold: number[] = [];
      for (const period of ['2021', '2022', '2023', '2024', '2025', '2026']) {
        for (const pt of ['year', 'quarter']) {
          const t0 = performance.now();
          const res = await fetch(`${base}/api/indicators/wmo_clients_per_1000/values?periodType=${pt}&by=wijk${pt === 'year' ? `&period=${period}` : `&period=${period}-Q1`}`, { headers: { cookie } });
          await res.arrayBuffer();
          cold.push(performance.now() - t0);
        }
      }
      cold.sort((a, b) => a - b);
      out(`indicator API, cold (uncached) reads one at a time: median ${cold[Math.floor(cold.length / 2)]!.toFixed(1)} ms, max ${cold.at(-1)!.toFixed(1)} ms`);
      // As `koers serve` does after start and after every recompute: the overview is built in advance.
      const tw = performance.now();
      await keepOverviewWarm(koers);
      out(`monitor overview built in advance in ${ms(performance.now() - tw)} (as the server does at start and after every recompute)`);
      // Load from a worker thread, so the client does not share the server's event loop.
      const paths = [
        '/api/indicators/wmo_clients_per_1000/values?periodType=year',
        '/api/indicators/wmo_clients_per_1000/values?periodType=quarter',
        '/api/indicators/wmo_clients_per_1000/values?periodType=year&period=2025&by=wijk',
        '/api/indicators/bbv_wmo_clients_per_10000/values?periodType=quarter&by=wijk',
        '/api/indicators/ended_as_planned_pct/values?periodType=quarter&by=aanbieder',
        '/api/indicators/outflow_pct/values?periodType=month&by=wet',
        '/api/monitor/overview?periodType=year',
      ];
      const total = 2000;
      const worker = new Worker(LOAD_WORKER, { eval: true, workerData: { base, cookie, paths, total, concurrency: 20 } });
      const { latencies, wall } = await new Promise<{ latencies: number[]; wall: number }>((resolve, reject) => { worker.once('message', resolve); worker.once('error', reject); });
      latencies.sort((a, b) => a - b);
      const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;
      out(`indicator API, 20 concurrent, ${total} requests: p50 ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, ${(total / (wall / 1000)).toFixed(0)} req/s`);
      server.close();
    } finally {
      await koers.close();
    }
  }
  // Message import with the official XSDs on (every file validated), into a fresh embedded store.
  const xsdDir = process.env.KOERS_ISTANDAARDEN_XSD_DIR ?? path.resolve(import.meta.dirname, '../../shared/data');
  if (fs.existsSync(xsdDir)) {
    out(`\n== message import with XSD validation (embedded, fresh database, XSDs from ${xsdDir})`);
    const koers = await openKoers(loadConfig({ KOERS_DATA_DIR: path.join(root, 'data-xsd'), KOERS_ISTANDAARDEN_XSD_DIR: xsdDir }));
    try {
      const g = readDemoGemeente(demoDir);
      await addGemeente(koers.db, g.code, g.name);
      const all = await collectInputs([demoDir], () => {});
      await koers.importFiles(all.filter((f) => !f.name.endsWith('.xml')), { source: 'cli' });
      const messages = all.filter((f) => f.name.endsWith('.xml'));
      const t0 = performance.now();
      const s = await koers.importer.importFiles(messages, { source: 'cli' });
      const took = performance.now() - t0;
      out(`import with XSD: ${s.accepted} messages accepted, ${s.rejected} rejected in ${ms(took)} → ${(s.accepted / (took / 1000)).toFixed(0)} messages/s (load ${os.loadavg()[0]!.toFixed(1)})`);
    } finally {
      await koers.close();
    }
  }
  // Tabular (CSV) import: rows/s, CPU time and memory, small by default; BENCH_CSV_GB=1 adds the 1 GB
  // file (or run `npm run bench:csv`, which does 1 M rows and 1 GB). Each import runs in a fresh
  // process of its own, so its memory figures (importer, and the embedded database's own process)
  // are not this process's.
  for (const url of [null, ...(process.env.BENCH_DATABASE_URL ? [process.env.BENCH_DATABASE_URL] : [])]) {
    out(`\n== tabular import (CSV), ${url ? 'PostgreSQL' : 'embedded (PGlite)'}`);
    await csvBench({ url, rows: Number(process.env.BENCH_CSV_ROWS ?? 200_000), gb: Number(process.env.BENCH_CSV_GB ?? 0), aggregate: process.env.BENCH_CSV_AGGREGATE === '1', floor: process.env.BENCH_CSV_FLOOR !== '0' });
  }
  out(`\npeak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  fs.rmSync(root, { recursive: true, force: true });
}

main().catch((e) => { console.error(e); process.exit(1); });
