import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../errors.js';
import { isUrl } from './fetch.js';

const pending = new Set<string>();

/** Temp files still being written; removed if the process is interrupted. */
export function pendingTempFiles(): string[] {
  return [...pending];
}

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
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  track(tmp, true);
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
    throw e;
  } finally {
    track(tmp, false);
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

/** Refuses output paths that are (or link to) one of the input files. */
export async function inputGuard(inputs: string[]): Promise<{ check(path: string): Promise<void> }> {
  const ids = new Map<string, string>();
  for (const input of inputs) {
    if (input === '-' || isUrl(input)) continue;
    const id = await identity(input);
    if (id !== null) ids.set(id, input);
  }
  return {
    async check(path: string): Promise<void> {
      const id = await identity(path);
      const input = id !== null ? ids.get(id) : undefined;
      if (input !== undefined) {
        throw new UsageError(`refusing to overwrite the input ${input} with an output (${path}): choose another --out-dir or --output`);
      }
    },
  };
}
