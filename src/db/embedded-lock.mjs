// The lock of an embedded data folder (PGlite does not lock its folder the way PostgreSQL's
// postmaster does). Shared by the database process (pglite-worker.mjs), which takes it, and by
// embedded.ts, which reads it to find a database process already serving the folder. Plain
// JavaScript, as the worker is started with plain node.
//
// The file `koers-embedded.lock` in the folder holds the owner's process id on its first line and,
// once the owner serves, the path of its unix socket on the second. The socket lives in a 0700
// folder of the owner and the lock file is 0600 in the 0700 data folder, so only the user who
// owns the data can read where it is or connect.
import fs from 'node:fs';
import path from 'node:path';

export const LOCK_FILE = 'koers-embedded.lock';

/** Whether a process with this id runs and is a database process of Koers (pglite-worker.mjs). */
export function isDatabaseProcess(pid) {
  try { process.kill(pid, 0); } catch (e) { if (e.code !== 'EPERM') return false; }
  try { return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('pglite-worker'); } catch { return true; /* not Linux: a live process id is taken as the owner */ }
}

/** The owner of a data folder's lock when it is a running database process: its pid and, once it serves, its socket. */
export function folderOwner(dir) {
  let text;
  try { text = fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8'); } catch { return null; }
  const [pidLine, socketLine] = text.split('\n');
  const pid = Number.parseInt(pidLine ?? '', 10);
  if (!Number.isInteger(pid) || !isDatabaseProcess(pid)) return null;
  const socketPath = socketLine?.trim() || null;
  return { pid, socketPath: socketPath && fs.existsSync(socketPath) ? socketPath : null };
}
