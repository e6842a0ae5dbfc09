import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase, sql } from '../../src/db/index.js';

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

describe('embedded database process', () => {
  it('runs in a child process with its own pid and stops on close, keeping what was written on disk', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koers-embedded-'));
    try {
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

      const again = await openDatabase({ databaseUrl: null, embeddedDir: dir });
      try {
        expect(again.serverPid).not.toBe(pid);
        expect((await sql<{ x: number }>`select x from kept`.execute(again.db)).rows).toEqual([{ x: 42 }]);
      } finally {
        await again.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
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
