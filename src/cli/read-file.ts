import { readFileSync, statSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { isGzip } from '../ingest/gunzip.js';
import { inflateProfile } from '../ingest/inflate-profile.js';
import { formatSize } from '../util/size.js';

/** The file read by `readEarly`, until `readFileCapped` takes it. */
let early: { path: string; maxBytes: number; bytes: Uint8Array } | null = null;

/**
 * Reads a regular local input file at once and starts inflating it: the gunzip runs on libuv's
 * thread pool while the rest of the program loads (for a large profile it takes as long as loading
 * every module). The read is synchronous on purpose (a few ms from the page cache): an
 * asynchronous one would wait for the module loading to yield. Anything unusual (missing, too
 * large, not a regular file) is left to `readFileCapped`, which reports it in input order.
 */
export function readEarly(path: string, maxBytes: number): void {
  try {
    const st = statSync(path);
    if (!st.isFile() || st.size > maxBytes) return;
    const bytes = readFileSync(path);
    early = { path, maxBytes, bytes };
    if (isGzip(bytes)) inflateProfile(bytes, maxBytes).catch(() => {});
  } catch {
    // The regular read says what is wrong.
  }
}

/** Reads a file without ever opening it for writing; refuses directories and files over the cap. */
export async function readFileCapped(path: string, maxBytes: number): Promise<Uint8Array> {
  const e = early;
  if (e && e.path === path) {
    early = null;
    if (e.maxBytes === maxBytes) return e.bytes;
  }
  return readFileNow(path, maxBytes);
}

async function readFileNow(path: string, maxBytes: number): Promise<Uint8Array> {
  try {
    const st = await stat(path);
    if (st.isDirectory()) throw new InputError(path, 'is a directory, not a profile');
    if (st.isFile() && st.size > maxBytes) {
      throw new InputError(path, `file is ${formatSize(st.size)}, over the --max-inflate limit of ${formatSize(maxBytes)}`);
    }
    const fh = await open(path, 'r');
    try {
      if (st.isFile()) return await fh.readFile(); // size known and checked: one allocation
      // Read in chunks (FIFOs and /dev/stdin have no size), stopping at the cap.
      const chunks: Buffer[] = [];
      let n = 0;
      for (;;) {
        const buf = Buffer.allocUnsafe(1 << 20);
        const { bytesRead } = await fh.read(buf, 0, buf.length, null);
        if (bytesRead === 0) break;
        n += bytesRead;
        if (n > maxBytes) throw new InputError(path, `more than ${formatSize(maxBytes)} (raise --max-inflate to allow it)`);
        chunks.push(buf.subarray(0, bytesRead));
      }
      return Buffer.concat(chunks);
    } finally {
      await fh.close();
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(path, fileProblem(e as NodeJS.ErrnoException));
  }
}

function fileProblem(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a directory, not a profile';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return err.message;
  }
}
