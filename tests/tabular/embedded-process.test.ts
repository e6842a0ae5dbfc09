import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase, sql, type DatabaseHandle } from '../../src/db/index.js';

// The embedded database (PGlite) runs in a child process of Koers, so the importer's memory and the
// database's memory are separate (the CSV benchmark reports both). It must never outlive Koers: it
// stops on close(), and when Koers dies without closing it (killed), it notices the closed IPC
// channel and exits by itself.

const alive = (pid: number) => {
  try { process.kill(pid, 0); } catch { return false; }
  // A zombie (exited, not yet reaped) counts as gone.
  try { return !/^State:\s+Z/m.test(fs.readFileSync(`/proc/${pid}/status`, 'utf8')); } catch { return true; }
};

async function waitGone(pid: number, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (!alive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !alive(pid);
}

/** Runs `body` with a fresh temporary folder, removed afterwards. */
async function inTempFolder(prefix: string, body: (dir: string) => Promise<void>): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  try { await body(dir); } finally { fs.rmSync(dir, { recursive: true, force: true }); }
}

/** Opens the embedded database on `dir`, runs `body` with it and closes it. */
async function withDatabase(dir: string, body: (h: DatabaseHandle) => Promise<void>): Promise<void> {
  const h = await openDatabase({ databaseUrl: null, embeddedDir: dir });
  try { await body(h); } finally { await h.close(); }
}

describe('embedded database process', () => {
  it('runs in a child process with its own pid and stops on close, keeping what was written on disk', async () => {
    await inTempFolder('koers-embedded-', async (dir) => {
      const h = await openDatabase({ databaseUrl: null, embeddedDir: dir });
      expect(h.engine).toBe('embedded');
      const pid = h.serverPid!;
      expect(pid).toBeGreaterThan(0);
      expect(pid).not.toBe(process.pid);
      expect(alive(pid)).toBe(true);
      expect((await sql<{ s: string }>`select current_setting('shared_buffers') as s`.execute(h.db)).rows[0]!.s).toBe('32MB');
      await migrate(h.db);
      await sql`create table kept (x int)`.execute(h.db);
      await sql`insert into kept values (42)`.execute(h.db);
      await h.close();
      expect(await waitGone(pid, 5_000)).toBe(true);
      await h.close(); // a second close is harmless

      await withDatabase(dir, async (again) => {
        expect(again.serverPid).not.toBe(pid);
        expect((await sql<{ x: number }>`select x from kept`.execute(again.db)).rows).toEqual([{ x: 42 }]);
      });
    });
  });

  it('a second Koers process on the same data folder uses the running database process, and leaves it running when it closes', async () => {
    await inTempFolder('koers-embedded-twice-', async (dir) => {
      const first = await openDatabase({ databaseUrl: null, embeddedDir: dir });
      expect(first.sharedEmbedded).toBe(false);
      await sql`create table kept (x int)`.execute(first.db);
      await sql`insert into kept values (7)`.execute(first.db);
      // Two PGlite instances over one folder would each write the files without seeing the other:
      // the second process connects to the first one's database instead (here both in this process;
      // tests/integration/cli.test.ts does it from a koers command).
      const second = await openDatabase({ databaseUrl: null, embeddedDir: dir });
      expect(second.sharedEmbedded).toBe(true);
      expect(second.serverPid).toBe(first.serverPid);
      expect((await sql<{ x: number }>`select x from kept`.execute(second.db)).rows).toEqual([{ x: 7 }]);
      await sql`insert into kept values (8)`.execute(second.db);
      // A transaction of one is whole before the other's next statement runs (PGlite has one session).
      await second.db.transaction().execute(async (trx) => {
        await sql`insert into kept values (9)`.execute(trx);
        await sql`insert into kept values (10)`.execute(trx);
      });
      await expect(second.db.transaction().execute(async (trx) => {
        await sql`insert into kept values (11)`.execute(trx);
        throw new Error('rolled back');
      })).rejects.toThrow('rolled back');
      expect((await sql<{ x: number }>`select x from kept order by x`.execute(first.db)).rows.map((r) => r.x)).toEqual([7, 8, 9, 10]);
      await second.close();
      expect(alive(first.serverPid!)).toBe(true);
      expect((await sql<{ n: number }>`select count(*)::int as n from kept`.execute(first.db)).rows[0]!.n).toBe(4);
      await first.close();
      expect(fs.existsSync(path.join(dir, 'pg', 'koers-embedded.lock'))).toBe(false);
      await withDatabase(dir, async (again) => {
        expect(again.sharedEmbedded).toBe(false);
        expect((await sql<{ n: number }>`select count(*)::int as n from kept`.execute(again.db)).rows[0]!.n).toBe(4);
      });
    });
  });

  it('two Koers processes opening a fresh data folder at once share one database process', async () => {
    await inTempFolder('koers-embedded-race-', async (dir) => {
      const [a, b] = await Promise.all([openDatabase({ databaseUrl: null, embeddedDir: dir }), openDatabase({ databaseUrl: null, embeddedDir: dir })]);
      try {
        expect(a.serverPid).toBe(b.serverPid);
        expect([a.sharedEmbedded, b.sharedEmbedded].sort()).toEqual([false, true]);
        await sql`create table t (x int)`.execute(a.db);
        await sql`insert into t values (1)`.execute(b.db);
        expect((await sql<{ x: number }>`select x from t`.execute(a.db)).rows).toEqual([{ x: 1 }]);
      } finally {
        // The sharing one first: the owner's close stops the database.
        const [owner, other] = a.sharedEmbedded ? [b, a] : [a, b];
        await other.close();
        await owner.close();
      }
    });
  });

  it('takes over the folder of a database process that was killed, and removes the temporary files it left', async () => {
    await inTempFolder('koers-embedded-killed-', async (dir) => {
      const h = await openDatabase({ databaseUrl: null, embeddedDir: dir });
      await sql`create table kept (x int)`.execute(h.db);
      await sql`insert into kept values (8)`.execute(h.db);
      await sql`checkpoint`.execute(h.db);
      // A sort that spilled to disk when the process died (PostgreSQL names them pgsql_tmp<pid>.<n>).
      const tmp = path.join(dir, 'pg', 'base', 'pgsql_tmp');
      fs.mkdirSync(tmp, { recursive: true });
      fs.writeFileSync(path.join(tmp, 'pgsql_tmp42.0'), Buffer.alloc(1 << 20));
      const pid = h.serverPid!;
      process.kill(pid, 'SIGKILL');
      expect(await waitGone(pid, 5_000)).toBe(true);
      // The lock names the owner (and, while it served, its socket).
      expect(fs.readFileSync(path.join(dir, 'pg', 'koers-embedded.lock'), 'utf8').split('\n')[0]).toBe(String(pid));
      await h.close();
      await withDatabase(dir, async (again) => {
        expect(fs.readdirSync(tmp)).toEqual([]);
        expect(fs.readFileSync(path.join(dir, 'pg', 'koers-embedded.lock'), 'utf8').split('\n')[0]).toBe(String(again.serverPid));
        expect((await sql<{ x: number }>`select x from kept`.execute(again.db)).rows).toEqual([{ x: 8 }]);
      });
    });
  });

  it('exits by itself when the process that started it is killed', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koers-embedded-orphan-'));
    const script = path.join(dir, 'parent.mts');
    const dbModule = path.resolve(import.meta.dirname, '../../src/db/index.ts');
    fs.writeFileSync(script, `import { openDatabase, sql } from ${JSON.stringify(dbModule)};
const h = await openDatabase({ databaseUrl: null, embeddedDir: null });
await sql\`select 1\`.execute(h.db);
process.stdout.write('pid ' + h.serverPid + '\\n');
setInterval(() => {}, 1000);
`);
    const parent = spawn(process.execPath, ['--import', 'tsx', script], { cwd: path.resolve(import.meta.dirname, '../..'), stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const childPid = await new Promise<number>((resolve, reject) => {
        let out = '';
        parent.stdout!.on('data', (c: Buffer) => { out += c.toString(); const m = /pid (\d+)/.exec(out); if (m) resolve(Number(m[1])); });
        parent.once('exit', (code) => reject(new Error(`parent exited early (${code}): ${out}`)));
      });
      expect(alive(childPid)).toBe(true);
      const exited = new Promise((r) => parent.once('exit', r));
      parent.kill('SIGKILL'); // no close(), no exit handlers: only the closed IPC channel tells the child
      await exited;
      expect(await waitGone(childPid, 30_000)).toBe(true);
    } finally {
      if (parent.exitCode === null && parent.signalCode === null) parent.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
