/**
 * Large-gemeente benchmark on PostgreSQL (issue 4, "Performance"): a generated gemeente of about
 * 900 000 inhabitants (demo scale 15) with 5 years of message traffic, imported through the normal
 * import path into a fresh throwaway database, then one full recompute of every indicator, period and
 * breakdown with recomputeGemeente. Prints wall and CPU time of every phase, peak memory of the Node
 * process and of the database backends, and the database size with its largest tables.
 *
 *   BENCH_DATABASE_URL=postgresql://postgres@localhost:5433/postgres?host=/tmp/devpg npm run bench:large
 *
 * BENCH_DATABASE_URL names a cluster (any database in it to connect to); the benchmark drops and
 * creates the database BENCH_DB_NAME (default bench_large) there and leaves it for inspection.
 * BENCH_SCALE (default 15 = 60 000 x 15 inhabitants), BENCH_AS_OF (default 2025-12-31: the demo's
 * archive starts on 1 January 2021, so 5 full years), BENCH_DIR (where the demo files are written,
 * default a temporary folder that is removed afterwards).
 * The import refreshes nothing by itself here (its refresh step is deferred), so the recompute is
 * measured once, on its own. CPU of the database backends is read from /proc when the cluster runs
 * on this machine (Linux), sampled every second: a parallel query worker that lived less than a second is missed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../src/config/index.js';
import { addGemeente, openKoers, readDemoGemeente } from '../src/app/koers.js';
import { importPaths } from '../src/app/imports.js';
import { writeDemo } from '../src/demo/index.js';
import { recomputeGemeente } from '../src/indicators/index.js';
import { sql } from '../src/db/index.js';

const out = (s: string) => process.stdout.write(s + '\n');
const mb = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(0)} MB`;
const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const clusterUrl = process.env.BENCH_DATABASE_URL;
const scale = Number(process.env.BENCH_SCALE ?? 15);
const asOf = process.env.BENCH_AS_OF ?? '2025-12-31';
const dbName = process.env.BENCH_DB_NAME ?? 'bench_large';

/** Node's own peak RSS so far (getrusage maxrss, kilobytes on Linux). */
const peakRss = () => process.resourceUsage().maxRSS * 1024;

interface Phase { wallMs: number; cpuMs: number; dbCpuMs: number | null; dbPeakPss: number | null }

/** Linux: per process id, cumulative CPU (ms) and proportional set size (bytes) from /proc. */
const CLK_TCK = 100;
function procCpuMs(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / CLK_TCK; // utime, stime
  } catch { return null; }
}
function procPss(pid: number): number | null {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch { return null; }
}

async function main() {
  if (!clusterUrl) throw new Error('BENCH_DATABASE_URL is required (a PostgreSQL 15 cluster; a fresh database is created in it)');
  if (!/^[a-z_][a-z0-9_]*$/.test(dbName)) throw new Error('BENCH_DB_NAME must be a plain lower-case identifier');
  const url = new URL(clusterUrl);
  url.pathname = `/${dbName}`;
  const benchUrl = url.toString();

  out(`Koers large benchmark — ${os.cpus().length} cores, ${mb(os.totalmem())} RAM, Node ${process.version}, demo scale ${scale}, asOf ${asOf}, database ${dbName}`);
  const admin = new pg.Client({ connectionString: clusterUrl });
  await admin.connect();
  out(`server: ${(await admin.query('select version() as v')).rows[0].v}`);
  const settings = (await admin.query(`select name, setting, unit from pg_settings where name in ('shared_buffers', 'work_mem', 'max_parallel_workers_per_gather', 'fsync')`)).rows;
  out(`settings: ${settings.map((r) => `${r.name}=${r.setting}${r.unit ?? ''}`).join(', ')}`);
  await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.query(`create database ${dbName}`);

  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'koers-bench-large-'));
  const demoDir = process.env.BENCH_DIR ? path.resolve(process.env.BENCH_DIR) : path.join(root, 'demo');

  // The database backends serving this benchmark, for CPU and memory (when the cluster is local).
  async function backendPids(): Promise<number[]> {
    const r = await admin.query(`select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`, [dbName]);
    return r.rows.map((x) => x.pid as number).filter((pid) => procCpuMs(pid) !== null);
  }
  async function measure<T>(name: string, f: () => Promise<T>): Promise<[T, Phase]> {
    const before = new Map<number, number>();
    for (const pid of await backendPids()) before.set(pid, procCpuMs(pid)!);
    const last = new Map<number, number>(); // CPU at the latest sample, for processes that have exited by the end
    let dbPeakPss: number | null = null;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const pids = await backendPids().catch(() => []);
        if (pids.length) {
          const sum = pids.reduce((s, pid) => s + (procPss(pid) ?? 0), 0);
          if (sum > 0) dbPeakPss = Math.max(dbPeakPss ?? 0, sum);
          for (const pid of pids) {
            if (!before.has(pid)) before.set(pid, 0); // a connection or parallel worker started during the phase
            const cpu = procCpuMs(pid);
            if (cpu !== null) last.set(pid, cpu);
          }
        }
        await new Promise((r) => setTimeout(r, 1000));
      }
    })();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const result = await f();
    const wallMs = performance.now() - t0;
    const c = process.cpuUsage(c0);
    sampling = false;
    await sampler;
    let dbCpuMs: number | null = null;
    for (const [pid, cpu0] of before) {
      const cpu1 = procCpuMs(pid) ?? last.get(pid) ?? null;
      if (cpu1 !== null) dbCpuMs = (dbCpuMs ?? 0) + cpu1 - cpu0;
    }
    const phase = { wallMs, cpuMs: (c.user + c.system) / 1000, dbCpuMs, dbPeakPss };
    out(`${name}: wall ${sec(wallMs)}, Node CPU ${sec(phase.cpuMs)}${dbCpuMs !== null ? `, database backends CPU ${sec(dbCpuMs)}` : ''}` +
      `${dbPeakPss !== null ? `, backends peak PSS ${mb(dbPeakPss)}` : ''}; Node peak RSS so far ${mb(peakRss())}`);
    return [result, phase];
  }

  try {
    let lastLog = 0;
    const [demo] = await measure('demo generation', () => writeDemo(demoDir, { scale, asOf }, (done, total, phase) => {
      if (Date.now() - lastLog > 60_000) { lastLog = Date.now(); out(`  … ${phase} ${done}/${total}`); }
    }));
    let bytes = 0;
    for (const f of demo.files) bytes += fs.statSync(path.join(demoDir, ...f.split('/'))).size;
    out(`  ${demo.inhabitants} inhabitants, ${demo.wijken} wijken, ${demo.aanbieders} aanbieders, ${demo.messages} messages, ${demo.files.length} files, ${mb(bytes)} on disk`);

    const koers = await openKoers(loadConfig({ KOERS_DATA_DIR: path.join(root, 'data'), DATABASE_URL: benchUrl }));
    try {
      const g = readDemoGemeente(demoDir);
      await addGemeente(koers.db, g.code, g.name);
      // The normal import path (as `koers import <folder>`), with its refresh deferred to the step below.
      const deferred: Map<string, string | null>[] = [];
      const deps = { db: koers.db, pseudonymizer: koers.pseudonymizer, importer: koers.importer, refresh: async (a: Map<string, string | null>) => { deferred.push(a); return []; } };
      const [s] = await measure('import (areas, tables, messages)', () => importPaths(deps, [demoDir], { source: 'cli' }));
      out(`  ${s.accepted} files accepted, ${s.rejected} rejected, ${s.duplicates} duplicates; ${s.messages} messages; ${s.reference.map((r) => `${r.source} ${r.rows}`).join(', ')}`);
      if (!deferred.some((a) => a.has(g.code))) throw new Error('the import did not touch the demo gemeente');
      await sql`analyze`.execute(koers.db);

      const [stats, phase] = await measure('full recompute (recomputeGemeente, every indicator, period and breakdown)', () => recomputeGemeente(koers.db, g.code, null));
      out(`  ${stats.indicators} indicators, ${stats.periods} periods, ${stats.rows} values in ${stats.seconds.toFixed(1)} s (engine's own clock)`);
      const top = [...Object.entries(stats.stageSeconds ?? {}), ...Object.entries(stats.perIndicator ?? {})].sort((a, b) => b[1] - a[1]).slice(0, 8);
      out(`  slowest steps: ${top.map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(', ')}`);
      out(`  target ≤ 300 s: ${phase.wallMs <= 300_000 ? 'met' : 'NOT met'} (wall ${sec(phase.wallMs)})`);

      await sql`analyze`.execute(koers.db); // row estimates for the table list below
      const size = (await admin.query(`select pg_database_size($1)::bigint as b`, [dbName])).rows[0].b as string;
      out(`\ndatabase size: ${mb(Number(size))}`);
      const tables = await sql<{ name: string; rows: string; total: string; heap: string; idx: string }>`
        select c.relname as name, c.reltuples::bigint::text as rows, pg_total_relation_size(c.oid)::text as total,
               pg_relation_size(c.oid)::text as heap, pg_indexes_size(c.oid)::text as idx
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema')
         order by pg_total_relation_size(c.oid) desc limit 10`.execute(koers.db);
      out('largest tables (total = heap + indexes + toast):');
      for (const t of tables.rows) out(`  ${t.name.padEnd(32)} ${String(t.rows).padStart(11)} rows  ${mb(Number(t.total)).padStart(9)} (heap ${mb(Number(t.heap))}, indexes ${mb(Number(t.idx))})`);
      out(`\nNode process peak RSS (whole run): ${mb(peakRss())}`);
    } finally {
      await koers.close();
    }
  } finally {
    await admin.end();
    if (!process.env.BENCH_DIR) fs.rmSync(root, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
