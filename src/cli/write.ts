import { closeSync, fdatasyncSync, fstatSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UsageError, UserError } from '../errors.js';
import { isUrl } from './input-kind.js';
import { pending } from './temp-files.js';

function interrupted(signal: NodeJS.Signals): void {
  for (const f of pending) rmSync(f, { force: true });
  process.exit(signal === 'SIGINT' ? 130 : 143);
}

/**
 * SIGINT/SIGTERM handlers exist only while a temp file exists: they remove it and exit 130/143.
 * Outside writes the default action applies, so Ctrl-C during a long render stops at once
 * (a handler would only run after the synchronous work).
 */
function track(tmp: string, add: boolean): void {
  if (add) {
    pending.add(tmp);
    if (pending.size === 1) {
      process.on('SIGINT', interrupted);
      process.on('SIGTERM', interrupted);
    }
  } else {
    pending.delete(tmp);
    if (pending.size === 0) {
      process.off('SIGINT', interrupted);
      process.off('SIGTERM', interrupted);
    }
  }
}

/**
 * Writes `data` to `path` atomically: a temporary file in the same folder (created exclusively, so
 * never through a planted symlink), flushed, then renamed over `path`. An error or Ctrl-C never
 * leaves a partial file at `path`; a SIGKILL may leave the temporary `.NAME.PID.RANDOM.tmp`.
 */
export async function writeAtomic(path: string, data: string | Uint8Array): Promise<void> {
  if (data.length <= SYNC_WRITE_MAX) {
    const tmp = writeSmall(path, data);
    if (tmp !== null) {
      // A SIGINT/SIGTERM that came during the synchronous calls is handled now, while its handler
      // is still there (it stops the run; the file is in place): removing the handler at once
      // would drop the signal. (A timer, not setImmediate: only a timer lets the signal in.)
      await new Promise((resolve) => setTimeout(resolve, 0));
      track(tmp, false);
    }
    return;
  }
  // `-o /dev/null`, `-o /dev/stdout`, a FIFO: not a file to replace — write into it, never rename over it.
  if (special(await stat(path).catch(() => null))) {
    try {
      const fh = await open(path, 'w');
      try {
        await fh.writeFile(data);
      } finally {
        await fh.close();
      }
    } catch (e) {
      throw new UserError(`cannot write ${path}: ${reason(e)}`);
    }
    return;
  }
  const tmp = tempFile(path);
  try {
    const fh = await open(tmp, 'wx');
    try {
      await fh.writeFile(data);
      await fh.datasync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw new UserError(`cannot write ${path}: ${reason(e)}`);
  } finally {
    track(tmp, false);
  }
}

/** Outputs up to this many bytes (characters) are written with synchronous calls (see `writeSmall`). */
const SYNC_WRITE_MAX = 4 * 2 ** 20;

/**
 * `writeAtomic` for an output of a few MB at most (most of them): the same steps, synchronous.
 * Synchronous calls skip the thread pool's round trips, which cost more than these small writes
 * themselves (and most right after a long computation). A Ctrl-C during them stops the run
 * once the file is in place. Larger outputs stay asynchronous: a Ctrl-C stops their write at once.
 * Returns the temporary file's name, still tracked (the caller lets a signal in, then untracks
 * it), or null when `path` was written into directly.
 */
function writeSmall(path: string, data: string | Uint8Array): string | null {
  let existing: Stats | null = null;
  try {
    existing = statSync(path);
  } catch {
    // Nothing there yet.
  }
  if (special(existing)) {
    try {
      writeFileSync(path, data);
    } catch (e) {
      throw new UserError(`cannot write ${path}: ${reason(e)}`);
    }
    return null;
  }
  const tmp = tempFile(path);
  try {
    const fd = openSync(tmp, 'wx');
    try {
      writeFileSync(fd, data);
      fdatasyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    track(tmp, false);
    throw new UserError(`cannot write ${path}: ${reason(e)}`);
  }
  return tmp;
}

/** Not a file to replace (a device such as /dev/null or /dev/stdout, a FIFO): written into, never renamed over. */
function special(st: Stats | null): boolean {
  return st !== null && !st.isFile() && !st.isDirectory();
}

/**
 * A new temporary file name next to `path` (its folder made if missing), tracked for removal on
 * SIGINT/SIGTERM until `track(tmp, false)`. The name only has to be new in this folder: the file
 * is created exclusively ('wx'), never opened if it exists. (Math.random, not node:crypto: loading
 * that module would slow every run's start.)
 */
function tempFile(path: string): string {
  const dir = dirname(path);
  ensureDir(dir);
  const tag = Math.floor(Math.random() * 2 ** 32)
    .toString(16)
    .padStart(8, '0');
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${tag}.tmp`);
  track(tmp, true);
  return tmp;
}

function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    default:
      return err.message;
  }
}

/**
 * Creates `dir` and its missing parents one level at a time (fs.mkdir's recursive mode never
 * returns for a path under /proc on Node 20). A file in the way is a UsageError. Synchronous: a
 * stat, and a mkdir per missing level (microseconds).
 */
function ensureDir(dir: string): void {
  try {
    if (statSync(dir).isDirectory()) return;
    throw new UsageError(`${dir} is not a directory: cannot write output files into it`);
  } catch (e) {
    if (e instanceof UserError) throw e;
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new UsageError(`cannot use output folder ${dir}: ${reason(e)}`);
  }
  const parent = dirname(dir);
  if (parent !== dir) ensureDir(parent);
  try {
    mkdirSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new UsageError(`cannot create output folder ${dir}: ${reason(e)}`);
  }
}

/** Checks an output path before any rendering: its folder can be made, and it is not a folder itself. */
export async function prepareTarget(path: string): Promise<void> {
  ensureDir(dirname(path));
  try {
    if ((await stat(path)).isDirectory()) throw new UsageError(`${path} is a directory: give a file name to --output`);
  } catch (e) {
    if (e instanceof UserError) throw e;
  }
}

/** Identity of a file: same device and inode means the same file, whatever the path or link. */
async function identity(path: string): Promise<string | null> {
  try {
    const st = await stat(path);
    return `${st.dev}:${st.ino}`;
  } catch {
    return null;
  }
}

/** The file stdin is redirected from (`gen-report - … < FILE`), or null for a pipe or terminal. */
function stdinIdentity(): string | null {
  try {
    const st = fstatSync(0);
    return st.isFile() ? `${st.dev}:${st.ino}` : null;
  } catch {
    return null;
  }
}

/**
 * Refuses output paths that are (or link to) one of the input files, stdin's file included.
 * `check` compares the output's own identity, so it must run once the output's folders exist
 * (prepareTarget): before, `missing/../input.pb.gz` names nothing and would pass.
 */
export async function inputGuard(inputs: string[]): Promise<{ check(path: string): Promise<void> }> {
  const ids = new Map<string, string>();
  for (const input of inputs) {
    if (isUrl(input)) continue;
    const id = input === '-' ? stdinIdentity() : await identity(input);
    if (id !== null) ids.set(id, input === '-' ? 'the file stdin is redirected from' : `the input ${input}`);
  }
  return {
    async check(path: string): Promise<void> {
      const id = await identity(path);
      const input = id !== null ? ids.get(id) : undefined;
      if (input !== undefined) {
        throw new UsageError(`refusing to overwrite ${input} with an output (${path}): choose another --out-dir or --output`);
      }
    },
  };
}
