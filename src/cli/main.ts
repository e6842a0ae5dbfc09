import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, Option } from 'commander';
import { loadConfig, type ConfigOverrides } from '../config/index.js';
import { openKoers, addGemeente, type Koers, type TabularRequest } from '../app/koers.js';
import { findSource, mappingSchema, TABULAR_SOURCES, type TabularImportResult } from '../ingest/tabular/index.js';
import { ensureDemo, DEMO_LOGIN } from '../app/demo.js';
import { addUser, ROLES } from '../auth/index.js';
import { definitionsFor, DIMENSIONS, readResults, readState, type Dimension, type ResultRow } from '../indicators/index.js';
import { parsePeriod } from '../model/periods.js';
import { writeDemo } from '../demo/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const log = (line: string) => process.stderr.write(line + '\n');

function overrides(o: { dataDir?: string; port?: string; host?: string }): ConfigOverrides {
  return { dataDir: o.dataDir, port: o.port ? Number(o.port) : undefined, host: o.host };
}

async function withKoers<T>(o: { dataDir?: string }, fn: (k: Koers) => Promise<T>): Promise<T> {
  const koers = await openKoers(loadConfig(process.env, overrides(o)));
  try { return await fn(koers); } finally { await koers.close(); }
}

const program = new Command();
program.name('koers').description('Koers — sturen op maatschappelijk resultaat in het sociaal domein').showHelpAfterError();
const dataDirOption = () => new Option('--data-dir <dir>', 'folder of the embedded database (default ./data or KOERS_DATA_DIR)');

program.command('serve').description('start the web app (embedded database unless DATABASE_URL is set)')
  .addOption(dataDirOption())
  .option('--port <port>', 'port (default 3000 or PORT)')
  .option('--host <host>', 'address to listen on (default 127.0.0.1 or HOST)')
  .option('--demo', 'load the fictional demo gemeente on first start and show the demo login')
  .action(async (o) => {
    const { serveKoers } = await import('../web/server/serve.js');
    await serveKoers(loadConfig(process.env, { ...overrides(o), demo: o.demo || process.env.KOERS_DEMO === '1' }), { repoRoot, log });
  });

program.command('demo').description('write the demo gemeente files (iWmo/iJw XML, population, wijken) without importing them')
  .requiredOption('--out <dir>', 'output folder')
  .option('--seed <n>', 'random seed', '2026')
  .option('--scale <x>', 'size factor (1 = about 60 000 inhabitants)', '1')
  .action(async (o) => {
    const s = await writeDemo(path.resolve(o.out), { seed: Number(o.seed), scale: Number(o.scale) }, (d, t, phase) => {
      if (process.stderr.isTTY) process.stderr.write(`\r${phase}: ${d}/${t}   `);
    });
    if (process.stderr.isTTY) process.stderr.write('\n');
    log(`Demo gemeente ${s.gemeenteName} (${s.gemeenteCode}): ${s.inhabitants} inhabitants, ${s.wijken} wijken, ${s.aanbieders} aanbieders, ${s.messages} messages → ${path.resolve(o.out)}`);
  });

program.command('import').description('import iWmo/iJw 3.2 messages, areas and files in a Koers format (files, folders or .zip); with --source, CSV/XLSX exports through a mapping')
  .argument('<paths...>')
  .addOption(dataDirOption())
  .option('--as-of <date>', 'date up to which data is known (default today)')
  .option('--json', 'print the per-file summary as JSON')
  .option('--source <source>', `tabular source of the files: ${TABULAR_SOURCES.map((s) => s.id).join(', ')} (see docs/formats.md)`)
  .option('--mapping <file>', 'mapping JSON (source columns, constants, value maps, date format); default: columns named as in the Koers format')
  .option('--gemeente <code>', 'import for this gemeente only: files of another gemeente are refused per file, tables get this gemeente (default: what each file says, or the only registered gemeente)')
  .option('--sheet <name>', 'XLSX: the sheet to read (default: the first)')
  .addOption(new Option('--delimiter <char>', 'CSV: the delimiter (default: detected from the header)').choices([',', ';']))
  .action(async (paths: string[], o: ImportCliOptions) => {
    process.exitCode = await importCommand(paths, o);
  });

interface ImportCliOptions { source?: string; mapping?: string; gemeente?: string; sheet?: string; delimiter?: ',' | ';'; json?: boolean; dataDir?: string; asOf?: string }

/** The --source/--mapping options as the app's tabular request; a number is an exit code (1: the options are wrong). */
function tabularRequest(o: ImportCliOptions): TabularRequest | null | number {
  if (!o.source && !o.mapping) return null;
  if (o.mapping) {
    let raw: unknown;
    try { raw = JSON.parse(fs.readFileSync(path.resolve(o.mapping), 'utf8')); } catch (e) { log(`koppeling ${o.mapping} kan niet gelezen worden: ${(e as Error).message}`); return 1; }
    const parsed = mappingSchema.safeParse(raw);
    if (!parsed.success) { log(`de koppeling ${o.mapping} klopt niet: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || 'koppeling'}: ${i.message}`).join('; ')}`); return 1; }
    const mapping = parsed.data;
    if (o.source && findSource(o.source)?.id !== findSource(mapping.source)?.id) { log(`de koppeling is voor bron ${mapping.source}, niet voor ${o.source}`); return 1; }
    return { source: mapping.source, mapping, sheet: o.sheet, delimiter: o.delimiter };
  }
  if (!findSource(o.source!)) {
    log(`onbekende bron "${o.source}"; kies uit: ${TABULAR_SOURCES.map((s) => s.id).join(', ')}`);
    return 1;
  }
  return { source: o.source!, sheet: o.sheet, delimiter: o.delimiter };
}

/**
 * `koers import [--gemeente G] [--source S [--mapping M]] paths…`: the app's one import entry
 * (src/app/imports.ts), as the API and the web use it. Exit code 0 when everything was accepted,
 * 2 when a file or record was rejected or quarantined, 1 for wrong options.
 */
async function importCommand(paths: string[], o: ImportCliOptions): Promise<number> {
  const tabular = tabularRequest(o);
  if (typeof tabular === 'number') return tabular;
  if (o.gemeente && !/^(GM)?\d{1,4}$/i.test(o.gemeente.trim())) { log(`--gemeente ${o.gemeente} is geen CBS-gemeentecode (4 cijfers, bijvoorbeeld 0363)`); return 1; }
  if (tabular) {
    for (const p of paths) if (!fs.existsSync(path.resolve(p))) { log(`${path.resolve(p)}: bestand bestaat niet`); return 1; }
  }
  return withKoers(o, async (k) => {
    const tty = process.stderr.isTTY;
    const s = await k.importPaths(paths.map((p) => path.resolve(p)), {
      source: 'cli', asOf: o.asOf, username: process.env.USER ?? null, onlyGemeente: o.gemeente ?? null, tabular,
      onProgress: (d, t) => { if (tty) process.stderr.write(`\rimporting: ${d}/${t} files (${Math.floor((d / t) * 100)}%)   `); },
      onRows: (name, n) => { if (tty) process.stderr.write(`\r${path.basename(name)}: ${n.toLocaleString('nl-NL')} regels   `); },
    });
    if (tty) process.stderr.write('\n');
    if (o.json) {
      // With --source: one result per table (as before); else the per-file summary.
      const out = tabular ? s.tabular : { importId: s.importId, importIds: s.importIds, accepted: s.accepted, rejected: s.rejected, duplicates: s.duplicates, quarantined: s.quarantined, files: s.files };
      process.stdout.write(JSON.stringify(out, null, 2) + '\n');
    } else {
      const tables = new Map(s.tabular.map((t, i) => [i, t]));
      let ti = 0;
      for (const f of s.files) {
        const isTable = f.rows !== undefined;
        const t = isTable ? tables.get(ti++) : undefined;
        if (f.status === 'rejected') process.stdout.write(`REJECTED  ${f.name}${f.location ? ` [${f.location}]` : ''}: ${f.reason}\n`);
        else if (f.status === 'duplicate') process.stdout.write(`DUPLICATE ${f.name}\n`);
        else if (t && tabular) process.stdout.write(`${t.quarantined ? 'PARTIAL ' : 'ACCEPTED'}  ${f.name} (${t.source}, gemeente ${t.gemeente}): ${t.rows} records, ${t.accepted} accepted, ${t.quarantined} quarantined in ${t.seconds.toFixed(1)} s\n`);
        if (t && !t.fileError && t.quarantined) await printQuarantine(k, t, f.name);
      }
      const accepted = s.files.filter((f) => f.status === 'accepted').length;
      process.stdout.write(`accepted ${accepted}, rejected ${s.rejected}, duplicate ${s.duplicates} (of ${s.files.length} files)${s.quarantined ? `, ${s.quarantined} records quarantined` : ''} in ${s.seconds.toFixed(1)} s\n`);
      for (const st of s.indicators) process.stdout.write(`indicators for ${st.gemeente}: ${st.rows} values recomputed in ${st.seconds.toFixed(2)} s\n`);
    }
    return s.rejected > 0 || s.quarantined > 0 ? 2 : 0;
  });
}

/** Prints the first quarantined records of a tabular file (location, field, reason; never the record). */
async function printQuarantine(k: Koers, r: TabularImportResult, fileName: string, max = 10): Promise<void> {
  const q = await k.db.selectFrom('quarantine_record').select(['location', 'field', 'reason']).where('import_id', '=', r.importId).where('source', '=', r.source).where('file_name', '=', fileName)
    .orderBy('created_at').limit(max).execute();
  for (const x of q) process.stdout.write(`  ${x.location ?? ''}${x.field ? ` [${x.field}]` : ''}: ${x.reason}\n`);
  if (r.quarantined > q.length) process.stdout.write(`  … and ${r.quarantined - q.length} more (see the quarantine, import ${r.importId})\n`);
}

program.command('indicators').description('print indicator values')
  .requiredOption('--period <period>', '2024, 2024-H1, 2024-Q1 or 2024-03')
  .option('--period-type <type>', 'year|halfyear|quarter|month (default: from --period)')
  .option('--by <dim...>', `breakdown(s): ${DIMENSIONS.join(', ')}`)
  .option('--id <id...>', 'indicator id(s) (default: all)')
  .option('--gemeente <code>', 'gemeente code (default: the only registered one)')
  .addOption(new Option('--format <format>', 'output format').choices(['json', 'csv']).default('json'))
  .option('--unsuppressed', 'show unsuppressed figures (analysts only; no disclosure control)')
  .addOption(dataDirOption())
  .action(async (o) => {
    const p = parsePeriod(o.period);
    if (!p) { log(`"${o.period}" is not a period (use 2024, 2024-H1, 2024-Q1 or 2024-03)`); process.exitCode = 1; return; }
    const bys: (Dimension | null)[] = o.by?.length ? o.by : [null];
    const wrong = bys.find((b) => b !== null && !(DIMENSIONS as readonly string[]).includes(b));
    if (wrong) { log(`--by ${wrong} is not a breakdown; use one of ${DIMENSIONS.join(', ')}`); process.exitCode = 1; return; }
    await withKoers(o, async (k) => {
      const gemeenten = await k.db.selectFrom('gemeente').select('gemeente_code').execute();
      const gemeente = (o.gemeente ?? (gemeenten.length === 1 ? gemeenten[0]!.gemeente_code : '')).replace(/^GM/i, '');
      if (!gemeente) { log(`Several gemeenten are registered; choose one with --gemeente (${gemeenten.map((g) => g.gemeente_code).join(', ')})`); process.exitCode = 1; return; }
      const all = await definitionsFor(k.db, gemeente);
      const ids: string[] = o.id ?? all.map((d) => d.id);
      const rows: ResultRow[] = [];
      for (const id of ids) {
        const d = all.find((x) => x.id === id);
        if (!d) { log(`unknown indicator "${id}"; known: ${all.map((x) => x.id).join(', ')}`); process.exitCode = 1; return; }
        for (const by of bys) {
          if (by && !d.breakdowns.includes(by)) { if (o.id) log(`${d.id} has no breakdown by ${by} (available: ${d.breakdowns.join(', ') || 'none'})`); continue; }
          if (!by) {
            const state = await readState(k.db, d, gemeente);
            if (state.status === 'no_data') log(`${d.id}: geen gegevens — import ${state.missing.join('; ')}`);
          }
          rows.push(...await readResults(k.db, d, { gemeente, periodType: o.periodType ?? p.type, period: p.key, by, profile: o.unsuppressed ? 'none' : 'default' }));
        }
      }
      if (o.format === 'csv') {
        const cols = ['id', 'version', 'period', 'gemeente', 'area', 'breakdown', 'numerator', 'denominator', 'value', 'unit', 'status', 'suppressed'] as const;
        const esc = (v: unknown) => { const s = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v); return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s; };
        process.stdout.write(cols.join(',') + '\n' + rows.map((r) => cols.map((c) => esc(r[c])).join(',')).join('\n') + (rows.length ? '\n' : ''));
      } else process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    });
  });

const users = program.command('users').description('manage accounts');
users.command('add').description('add (or update) an account').argument('<username>')
  .requiredOption('--role <role>', `one of: ${ROLES.join(', ')}`)
  .requiredOption('--gemeente <code>', 'gemeente code')
  .option('--name <displayName>', 'display name')
  .option('--password-env <var>', 'read the password from this environment variable (default KOERS_PASSWORD)', 'KOERS_PASSWORD')
  .addOption(dataDirOption())
  .action(async (username: string, o) => {
    const password = process.env[o.passwordEnv];
    if (!password) { log(`Set the password in the environment variable ${o.passwordEnv} (it is not taken as an argument, so it stays out of shell history).`); process.exitCode = 1; return; }
    await withKoers(o, async (k) => {
      await addUser(k.db, { gemeenteCode: o.gemeente.replace(/^GM/i, ''), username, password, role: o.role, displayName: o.name });
      log(`account ${username} (${o.role}) saved for gemeente ${o.gemeente}`);
    });
  });
users.command('list').description('list accounts').addOption(dataDirOption()).action(async (o) => {
  await withKoers(o, async (k) => {
    const rows = await k.db.selectFrom('app_user').select(['username', 'role', 'gemeente_code', 'disabled']).orderBy('username').execute();
    for (const r of rows) process.stdout.write(`${r.username}\t${r.role}\t${r.gemeente_code}${r.disabled ? '\tdisabled' : ''}\n`);
  });
});

const gemeenten = program.command('gemeenten').description('manage gemeenten (tenants)');
gemeenten.command('add').description('register a gemeente by its 4-digit CBS code').argument('<code>').argument('<name>').addOption(dataDirOption())
  .action(async (code: string, name: string, o) => {
    await withKoers(o, async (k) => { await addGemeente(k.db, code.replace(/^GM/i, ''), name); log(`gemeente ${code} ${name} registered`); });
  });
gemeenten.command('list').addOption(dataDirOption()).action(async (o) => {
  await withKoers(o, async (k) => {
    for (const g of await k.db.selectFrom('gemeente').select(['gemeente_code', 'name']).orderBy('gemeente_code').execute()) process.stdout.write(`${g.gemeente_code}\t${g.name}\n`);
  });
});

const tokens = program.command('tokens').description('API tokens for automated import feeds (Authorization: Bearer koers_…)');
tokens.command('add').description('make a token for a gemeente; it is printed once and only its hash is stored').argument('<name>')
  .requiredOption('--gemeente <code>', 'gemeente code')
  .addOption(dataDirOption())
  .action(async (name: string, o) => {
    const { createApiToken } = await import('../auth/api-tokens.js');
    await withKoers(o, async (k) => {
      const { token, info } = await createApiToken(k.db, { gemeenteCode: o.gemeente.replace(/^GM/i, ''), name, createdBy: `cli:${process.env.USER ?? 'unknown'}` });
      process.stdout.write(token + '\n');
      log(`token "${info.name}" (${info.tokenId}) for gemeente ${info.gemeenteCode}, scope import. Store it now: it is not shown again.`);
    });
  });
tokens.command('list').description('list tokens (never the tokens themselves)').option('--gemeente <code>', 'only this gemeente').addOption(dataDirOption())
  .action(async (o) => {
    const { listApiTokens } = await import('../auth/api-tokens.js');
    await withKoers(o, async (k) => {
      for (const t of await listApiTokens(k.db, o.gemeente?.replace(/^GM/i, ''))) {
        process.stdout.write(`${t.tokenId}\t${t.gemeenteCode}\t${t.name}\tcreated ${t.createdAt}\tlast used ${t.lastUsedAt ?? '-'}${t.revokedAt ? `\trevoked ${t.revokedAt}` : ''}\n`);
      }
    });
  });
tokens.command('revoke').description('revoke a token by id (or by name with --gemeente)').argument('<idOrName>').option('--gemeente <code>', 'gemeente code').addOption(dataDirOption())
  .action(async (idOrName: string, o) => {
    const { revokeApiToken } = await import('../auth/api-tokens.js');
    await withKoers(o, async (k) => {
      const n = await revokeApiToken(k.db, idOrName, o.gemeente?.replace(/^GM/i, ''));
      if (!n) { log(`no active token "${idOrName}"`); process.exitCode = 1; return; }
      log(`${n} token(s) revoked`);
    });
  });

export { DEMO_LOGIN };

program.parseAsync(process.argv).catch((err: Error) => {
  log(`koers: ${err.message}`);
  process.exitCode = 1;
});
