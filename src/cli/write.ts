import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';

const pending = new Set<string>();

/** Temp files still being written; removed if the process is interrupted. */
export function pendingTempFiles(): string[] {
  return [...pending];
}

/**
 * Writes `data` to `path` atomically: a temporary file in the same folder, then a rename. A crash,
 * Ctrl-C or error never leaves a partial file at `path`.
 */
export async function writeAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  pending.add(tmp);
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  } finally {
    pending.delete(tmp);
  }
}
