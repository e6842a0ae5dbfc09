/**
 * Tabular import benchmark (a script, not a test):
 *   npm run bench:csv                       1 M rows, then a ~1 GB benefits CSV, on the embedded database
 *   BENCH_CSV_GB=0.25 npm run bench:csv     a smaller "large" file
 *   BENCH_CSV_ROWS=200000 npm run bench:csv size of the first run
 *   BENCH_DATABASE_URL=… npm run bench:csv  on a PostgreSQL server instead
 *   BENCH_CSV_AGGREGATE=0 npm run bench:csv skip the run of an aggregate source (no persons)
 *   BENCH_CSV_FLOOR=0 npm run bench:csv     skip the database's floor (bench-csv-floor.ts) after the first run
 *   KOERS_STAGE_TIMING=1                    also print the wall time of each staging and merge step
 *   BENCH_CSV_BATCH / _PIPELINE / _MERGE_EVERY  override the importer's batch size, read-ahead and merge chunk
 * Generates the files in a temp folder (streamed to disk), then imports each in a fresh process of
 * its own (this script with --run) through importTabular as the CLI does (file streamed from disk,
 * one transaction, batches), and prints rows/s and, per process, CPU time and memory: the importer
 * (peak RSS = process.resourceUsage().maxRSS, RSS sampled every 250 ms, RSS right after the
 * database was opened) and the database — the embedded PGlite runs in a child process whose
 * RSS and peak (VmHWM) are read from /proc; on PostgreSQL the CPU time of the bench's backends
 * (found by application_name) is read from /proc when the server runs on this machine.
 * The measured process loads the database and tabular modules only; the `koers` CLI also loads the
 * message importer (libxml2-wasm, about 150 MB more).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { fork } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { addGemeente } from '../src/model/store.js';
import { migrate, openDatabase, sql } from '../src/db/index.js';
import { importAreas } from '../src/ingest/reference.js';
import { defaultMapping, importTabular } from '../src/ingest/tabular/index.js';
import { takeStageTimings } from '../src/ingest/tabular/stage.js';
import { completeBsn, Pseudonymizer } from '../src/privacy/index.js';
import { machineReference } from './bench-machine.js';
import { databaseFloor } from './bench-csv-floor.js';

const out = (s: string) => process.stdout.write(s + '\n');

/** CPU seconds (user + system) of another process on this machine, from /proc (Linux); null elsewhere. */
function procCpuSeconds(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch { return null; }
}

/** Peak and current RSS (bytes) of another process, from /proc/PID/status. */
function procRss(pid: number): { peak: number; now: number } | null {
  try {
    const st = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(st)?.[1] ?? NaN) * 1024;
    return { peak: kb('VmHWM'), now: kb('VmRSS') };
  } catch { return null; }
}
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

const HEADER = 'bsn;naam;straat;huisnummer;postcode;woonplaats;geboortejaar;geslacht;regeling;startdatum;einddatum;reden_einde;huishouden;kinderen;opmerking';
const WIJKEN = Array.from({ length: 10 }, (_, i) => `WK9001${String(i).padStart(2, '0')}`);
const POSTCODES = Array.from({ length: 200 }, (_, i) => `${9001 + Math.floor(i / 26)}${String.fromCharCode(65 + (i % 26))}A`);

/** Valid BSNs as numbers (a typed array: 8 MB for 2 M persons, instead of ~150 MB of strings in this process's heap). */
function bsnPool(n: number): Int32Array {
  const pool = new Int32Array(n);
  let k = 0;
  for (let i = 10_000_000; k < n; i++) {
    const b = completeBsn(String(i).padStart(8, '0'));
    if (b) pool[k++] = Number(b);
  }
  return pool;
}

/** Writes a benefits export of `rows` rows or about `bytes` bytes (streamed, with backpressure). */
async function generate(file: string, target: { rows?: number; bytes?: number }, pool: Int32Array): Promise<{ rows: number; bytes: number }> {
  const ws = fs.createWriteStream(file, { highWaterMark: 1 << 20 });
  let bytes = 0;
  let rows = 0;
  let chunk = HEADER + '\n';
  const reasons = ['werk', 'werk', 'opleiding', 'ander_inkomen', 'partner', 'verhuizing', 'overig'];
  const households = ['alleenstaand', 'alleenstaande_ouder', 'paar_zonder_kinderen', 'paar_met_kinderen'];
  const P = pool.length;
  while (target.rows !== undefined ? rows < target.rows : bytes < target.bytes!) {
    const person = rows % P;
    const spell = Math.floor(rows / P);
    const y = 2000 + (spell % 25);
    const m = 1 + ((person * 7 + spell) % 12);
    const d = 1 + ((person * 13) % 28);
    const ended = (person + spell) % 3 !== 0;
    const sex = person % 2 ? 'M' : 'V';
    const line = `${String(pool[person]).padStart(9, '0')};Persoon ${person};Voorbeeldstraat ${person % 500};${1 + (person % 180)};${POSTCODES[person % POSTCODES.length]};Testdam;` +
      `${1950 + (person % 50)};${sex};bijstand;${String(d).padStart(2, '0')}-${String(m).padStart(2, '0')}-${y};` +
      `${ended ? `${String(d).padStart(2, '0')}-${String(m).padStart(2, '0')}-${y + 1}` : ''};${ended ? reasons[person % reasons.length] : ''};${households[person % 4]};${person % 4 === 3 ? 1 + (person % 3) : 0};geen opmerking\n`;
    chunk += line;
    rows++;
    if (chunk.length > 1 << 20) {
      bytes += Buffer.byteLength(chunk);
      if (!ws.write(chunk)) await once(ws, 'drain');
      chunk = '';
    }
  }
  bytes += Buffer.byteLength(chunk);
  ws.end(chunk);
  await once(ws, 'finish');
  return { rows, bytes };
}

/** An aggregate source (one table write per row, no persons): cliëntervaring rows with a unique question code. */
async function generateAggregate(file: string, rows: number): Promise<{ rows: number; bytes: number }> {
  const ws = fs.createWriteStream(file, { highWaterMark: 1 << 20 });
  let chunk = 'jaar;wet;vraagnummer;vraag;respondenten;eens;neutraal;oneens\n';
  let bytes = 0;
  for (let i = 0; i < rows; i++) {
    chunk += `${2000 + (i % 25)};${i % 2 ? 'wmo' : 'jeugd'};V${i};Door de ondersteuning kan ik mij beter redden;${100 + (i % 50)};${60 + (i % 30)};10;${i % 10}\n`;
    if (chunk.length > 1 << 20) { bytes += Buffer.byteLength(chunk); if (!ws.write(chunk)) await once(ws, 'drain'); chunk = ''; }
  }
  bytes += Buffer.byteLength(chunk);
  ws.end(chunk);
  await once(ws, 'finish');
  return { rows, bytes };
}

async function run(label: string, file: string, url: string | null, root: string, source = 'benefits') {
  const dataDir = path.join(root, `db-${label.replace(/\W+/g, '-')}`);
  const schema = url ? `bench_csv_${Date.now()}` : undefined;
  // The bench's PostgreSQL connections carry an application_name, so their server processes can be found and their CPU time read.
  const appName = `koers_bench_csv_${process.pid}_${Date.now()}`;
  const dbUrl = url ? `${url}${url.includes('?') ? '&' : '?'}application_name=${appName}` : null;
  const handle = await openDatabase({ databaseUrl: dbUrl, embeddedDir: url ? null : dataDir, schema });
  await migrate(handle.db);
  await addGemeente(handle.db, '9001', 'Benchdam');
  const square = (x: number, y: number) => ({ type: 'Polygon', coordinates: [[[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01], [x, y]]] });
  await importAreas(handle.db, JSON.stringify({ type: 'FeatureCollection', features: WIJKEN.map((w, i) => ({ type: 'Feature', properties: { wijkcode: w, wijknaam: `Wijk ${i}`, gemeentecode: 'GM9001' }, geometry: square(5 + i / 100, 52) })) }));
  const pc = await importTabular({ db: handle.db, pseudonymizer: new Pseudonymizer(Buffer.alloc(32, 3)) }, {
    gemeente: '9001', file: { name: 'postcodes.csv', read: async () => Buffer.from('postcode,wijk\n' + POSTCODES.map((p, i) => `${p},${WIJKEN[i % WIJKEN.length]}`).join('\n') + '\n') }, mapping: defaultMapping('postcodes', ['postcode', 'wijk']),
  });
  if (pc.fileError || pc.quarantined) throw new Error(`postcodes: ${JSON.stringify(pc)}`);
  if (global.gc) global.gc();
  // The database's processes: the embedded database's child process, or the PostgreSQL backends of this bench.
  const dbPids = async (): Promise<number[]> => handle.serverPid ? [handle.serverPid]
    : (await sql<{ pid: number }>`select pid from pg_stat_activity where application_name = ${appName}`.execute(handle.db)).rows.map((x) => x.pid);
  const dbCpuStart = new Map<number, number>();
  for (const pid of await dbPids()) dbCpuStart.set(pid, procCpuSeconds(pid) ?? 0);
  const cpu0 = process.cpuUsage();
  const baseline = process.memoryUsage().rss;
  const dbBaseline = handle.serverPid ? procRss(handle.serverPid)?.now ?? NaN : NaN;
  let dbSampledMax = dbBaseline;
  let sampledMax = baseline;
  const samples: number[] = [];
  const timer = setInterval(() => {
    const r = process.memoryUsage().rss; samples.push(r); if (r > sampledMax) sampledMax = r;
    const d = handle.serverPid ? procRss(handle.serverPid)?.now : undefined;
    if (d !== undefined && !(d <= dbSampledMax)) dbSampledMax = d;
  }, 250);
  const t0 = performance.now();
  let lastLog = t0;
  const headers = source === 'benefits' ? HEADER.split(';') : fs.readFileSync(file, 'utf8').slice(0, 200).split('\n')[0]!.split(';');
  const mapping = { ...defaultMapping(source, headers), dateFormat: 'DD-MM-YYYY' };
  const r = await importTabular({ db: handle.db, pseudonymizer: new Pseudonymizer(Buffer.alloc(32, 3)) }, {
    gemeente: '9001', file: { name: path.basename(file), stream: () => fs.createReadStream(file, { highWaterMark: 1 << 20 }) }, mapping, origin: 'bench',
    // Tuning knobs for experiments (defaults: the importer's own).
    mergeEvery: process.env.BENCH_CSV_MERGE_EVERY ? Number(process.env.BENCH_CSV_MERGE_EVERY) : undefined,
    pipeline: process.env.BENCH_CSV_PIPELINE ? Number(process.env.BENCH_CSV_PIPELINE) : undefined,
    batchSize: process.env.BENCH_CSV_BATCH ? Number(process.env.BENCH_CSV_BATCH) : undefined,
    onProgress: (n) => {
      const now = performance.now();
      if (now - lastLog > 15_000) { lastLog = now; out(`  … ${n.toLocaleString('en')} rows, ${(n / ((now - t0) / 1000)).toFixed(0)} rows/s, rss ${mb(process.memoryUsage().rss)}`); }
    },
  });
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(timer);
  const cpu = process.cpuUsage(cpu0);
  const importerCpu = (cpu.user + cpu.system) / 1e6;
  let dbCpu = 0;
  let dbCpuKnown = true;
  for (const pid of await dbPids()) {
    const c = procCpuSeconds(pid);
    if (c === null) dbCpuKnown = false;
    else dbCpu += c - (dbCpuStart.get(pid) ?? 0);
  }
  const dbPeak = handle.serverPid ? procRss(handle.serverPid)?.peak ?? NaN : NaN;
  if (r.fileError) throw new Error(`import refused: ${JSON.stringify(r.fileError)}`);
  const q = samples.length ? samples.slice(Math.floor(samples.length / 10)) : [baseline];
  out(`${label}: ${r.rows.toLocaleString('en')} rows (${r.accepted.toLocaleString('en')} accepted, ${r.quarantined} quarantined) in ${seconds.toFixed(1)} s = ${(r.rows / seconds).toFixed(0)} rows/s, ${(fs.statSync(file).size / 1024 / 1024 / seconds).toFixed(1)} MB/s`);
  out(dbCpuKnown
    ? `  CPU: importer ${importerCpu.toFixed(1)} s, database ${dbCpu.toFixed(1)} s → ${(r.rows / (importerCpu + dbCpu)).toFixed(0)} rows per CPU-second (importer + database), ${(r.rows / importerCpu).toFixed(0)} rows per importer CPU-second, ${(r.rows / dbCpu).toFixed(0)} per database CPU-second`
    : `  CPU: importer ${importerCpu.toFixed(1)} s → ${(r.rows / importerCpu).toFixed(0)} rows per importer CPU-second (the database server is not on this machine: its CPU time is not known)`);
  out(`  CPU: load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} at the end (other work on the machine slows the figures)`);
  {
    const m = process.memoryUsage();
    if (global.gc) global.gc();
    const g = process.memoryUsage();
    out(`  importer memory at the end: rss ${mb(m.rss)}, heap used ${mb(m.heapUsed)} of ${mb(m.heapTotal)}, external ${mb(m.external)}; after a full garbage collection heap used ${mb(g.heapUsed)}, rss ${mb(g.rss)}`);
  }
  out(`  memory: RSS after opening the database ${mb(baseline)}; sampled RSS during import max ${mb(sampledMax)} (after the first 10%: min ${mb(Math.min(...q))}, max ${mb(Math.max(...q))}); process peak (maxRSS) ${mb(process.resourceUsage().maxRSS * 1024)}; JS heap after collection ${mb(process.memoryUsage().heapUsed)}`);
  if (process.env.KOERS_STAGE_TIMING === '1') out(`  database steps (ms, wall): ${JSON.stringify(takeStageTimings())}`);
  if (handle.serverPid) out(`  embedded database process (PGlite, pid ${handle.serverPid}): RSS after opening ${mb(dbBaseline)}, sampled max ${mb(dbSampledMax)}, peak (VmHWM) ${mb(dbPeak)}; importer + database peak ≤ ${mb(process.resourceUsage().maxRSS * 1024 + dbPeak)}`);
  if (schema) await sql`drop schema ${sql.id(schema)} cascade`.execute(handle.db);
  await handle.close();
  if (!url) fs.rmSync(dataDir, { recursive: true, force: true });
  return { rows: r.rows, seconds, sampledMax, baseline, importerCpu, dbCpu };
}

/**
 * Runs one import in a fresh process (this script with --run), so its memory figures are its own:
 * not the generator's, not an earlier run's peak, not other benchmark sections'.
 */
async function runIsolated(label: string, file: string, url: string | null, root: string, source = 'benefits'): Promise<void> {
  const child = fork(fileURLToPath(import.meta.url), ['--run', JSON.stringify({ label, file, url, root, source })], {
    execArgv: [...process.execArgv.filter((a) => a !== '--expose-gc'), '--expose-gc'],
    stdio: 'inherit',
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  if (code !== 0) throw new Error(`benchmark run "${label}" failed (exit ${code})`);
}

export interface CsvBenchOptions {
  url: string | null; rows: number; gb: number; aggregate: boolean;
  /** Also measure the database's floor for the same number of rows (see bench-csv-floor.ts). */
  floor?: boolean;
}

/** The tabular import benchmark; `npm run bench` runs it small, `npm run bench:csv` with the 1 GB file. */
export async function csvBench(opts: CsvBenchOptions): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'koers-bench-csv-'));
  const { url, rows, gb } = opts;
  out(`Koers tabular import benchmark — ${os.cpus().length} cores, Node ${process.version}, ${url ? 'PostgreSQL' : 'embedded database (PGlite, on disk)'}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  try {
    // All files are written first, so the generator's BSN pool is gone before any import is measured.
    let pool: Int32Array | null = bsnPool(Number(process.env.BENCH_CSV_PERSONS ?? 2_000_000));
    const small = path.join(root, 'uitkeringen-1m.csv');
    const g1 = await generate(small, { rows }, pool);
    out(`generated ${small}: ${g1.rows.toLocaleString('en')} rows, ${mb(g1.bytes)}`);
    const large = path.join(root, 'uitkeringen-large.csv');
    if (gb > 0) {
      const g2 = await generate(large, { bytes: gb * 1024 ** 3 }, pool);
      out(`generated ${large}: ${g2.rows.toLocaleString('en')} rows, ${mb(g2.bytes)}`);
    }
    pool = null;
    const agg = path.join(root, 'clientervaring-1m.csv');
    if (opts.aggregate) {
      const ga = await generateAggregate(agg, rows);
      out(`generated ${agg}: ${ga.rows.toLocaleString('en')} rows, ${mb(ga.bytes)} (aggregate source: one table write per row, no persons)`);
    }
    await runIsolated(`${(rows / 1e6).toString()}M rows`, small, url, root);
    fs.rmSync(small);
    if (opts.floor) {
      // What the database alone needs for the same number of rows (bench-csv-floor.ts): the ceiling of any importer here.
      const f = await databaseFloor(url, rows, url ? null : path.join(root, 'floor-db'));
      out(`  database floor (${f.engine}): ${f.rows.toLocaleString('en')} distinct sorted rows written into person, person_residence and benefit_spell`
        + ` with nothing else (no parsing, staging, merging): ${f.seconds.map((x) => `${x.toFixed(2)} s`).join(', ')} → at most ${f.bestRowsPerSecond} rows/s for such a file on this engine and machine`);
    }
    if (opts.aggregate) {
      await runIsolated(`${(rows / 1e6).toString()}M aggregate rows`, agg, url, root, 'client_experience');
      fs.rmSync(agg);
    }
    if (gb > 0) {
      await runIsolated(`${gb} GB`, large, url, root);
      fs.rmSync(large);
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href && process.argv[2] === '--run') {
  const a = JSON.parse(process.argv[3]!) as { label: string; file: string; url: string | null; root: string; source: string };
  run(a.label, a.file, a.url, a.root, a.source).then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
} else if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  machineReference().then((line) => out(line)).then(() => csvBench({ url: process.env.BENCH_DATABASE_URL ?? null, rows: Number(process.env.BENCH_CSV_ROWS ?? 1_000_000), gb: Number(process.env.BENCH_CSV_GB ?? 1), aggregate: process.env.BENCH_CSV_AGGREGATE !== '0', floor: process.env.BENCH_CSV_FLOOR !== '0' }))
    .catch((e) => { console.error(e); process.exitCode = 1; });
}
