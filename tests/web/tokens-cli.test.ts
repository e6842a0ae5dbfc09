import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../../bin/koers.mjs');

/** `koers tokens add|list|revoke` as an administrator runs it (embedded database in a temp folder). */
describe('koers tokens', () => {
  let dir: string;
  const koers = (args: string[]) =>
    run(process.execPath, [BIN, ...args, '--data-dir', path.join(dir, 'data')], { env: { ...process.env, DATABASE_URL: '' }, timeout: 120_000 })
      .then((r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }))
      .catch((e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }));

  beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koers-tokens-')); });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints a new token once, lists tokens without it, and revokes', async () => {
    expect((await koers(['gemeenten', 'add', '9001', 'Testdam'])).code).toBe(0);
    const unknown = await koers(['tokens', 'add', 'feed', '--gemeente', '9009']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/not registered/);

    const add = await koers(['tokens', 'add', 'wmo-feed', '--gemeente', '9001']);
    expect(add.code).toBe(0);
    const token = add.stdout.trim();
    expect(token).toMatch(/^koers_[A-Za-z0-9_-]{43}$/);
    expect(add.stderr).toMatch(/not shown again/);

    const list = await koers(['tokens', 'list']);
    expect(list.stdout).toMatch(/\t9001\twmo-feed\t/);
    expect(list.stdout).not.toContain(token);
    const id = list.stdout.split('\t')[0]!;

    const revoke = await koers(['tokens', 'revoke', id]);
    expect(revoke.code).toBe(0);
    expect((await koers(['tokens', 'list', '--gemeente', '9001'])).stdout).toMatch(/revoked /);
    expect((await koers(['tokens', 'revoke', id])).code).toBe(1);
  });
});
