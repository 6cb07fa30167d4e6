import { closeSync, openSync, read, readFileSync, statSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { readCapped } from './stream-read.js';
import { isGzip } from '../ingest/gzip-magic.js';
import { inflateProfile } from '../io/inflate-profile.js';
import { setTableHeapLimit } from '../ingest/table-budget.js';
import { getHeapStatistics } from 'node:v8';
import { formatSize } from '../util/size.js';

/** The file read by `readEarly`, until `readFileCapped` takes it. */
let early: { path: string; maxBytes: number; bytes: Promise<Uint8Array> } | null = null;

/** Files from this size on are read early on libuv's thread pool rather than on the main thread. */
const READ_AHEAD = 1 << 20;

/**
 * Reads a regular local input file at once and starts inflating it: the gunzip runs on libuv's
 * thread pool while the rest of the program loads. A small file is read here and now (cheap from
 * the page cache); a large one with one read on the thread pool — the kernel filling fresh pages
 * takes time in proportion to the size — while this thread goes on loading the program, and inflating
 * starts when the read is done. Anything unusual (missing, too large, not a regular file) is left
 * to `readFileCapped`, which reports it in input order.
 */
export function readEarly(path: string, maxBytes: number): void {
  try {
    const st = statSync(path);
    if (!st.isFile() || st.size > maxBytes) return;
    const inflate = (b: Uint8Array) => {
      // The decoder started here counts the tables against this process's heap (table-budget.ts).
      setTableHeapLimit(getHeapStatistics().heap_size_limit);
      if (isGzip(b)) inflateProfile(b, maxBytes).catch(() => {});
      return b;
    };
    const bytes = st.size < READ_AHEAD ? Promise.resolve(inflate(readFileSync(path))) : readWhole(path, st.size).then(inflate);
    bytes.catch(() => {});
    early = { path, maxBytes, bytes };
  } catch {
    // The regular read says what is wrong.
  }
}

/** `size` bytes of `path` read on the thread pool (one read call, more only if it comes back short). */
function readWhole(path: string, size: number): Promise<Uint8Array> {
  const fd = openSync(path, 'r');
  const buf = Buffer.allocUnsafe(size);
  return new Promise((resolve, reject) => {
    const next = (at: number): void =>
      read(fd, buf, at, size - at, at, (err, n) => {
        if (err || (n === 0 && at < size)) {
          closeSync(fd);
          reject(err ?? new Error('file shrank while read'));
        } else if (at + n < size) next(at + n);
        else {
          closeSync(fd);
          resolve(buf);
        }
      });
    next(0);
  });
}

/** Reads a file without ever opening it for writing; refuses directories and files over the cap. */
export async function readFileCapped(path: string, maxBytes: number): Promise<Uint8Array> {
  const e = early;
  if (e && e.path === path) {
    early = null;
    if (e.maxBytes === maxBytes) {
      try {
        return await e.bytes;
      } catch {
        // Read again, the regular way, which says what is wrong.
      }
    }
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
      // Read in chunks (FIFOs, devices and /dev/stdin have no size), stopping at the cap.
      async function* chunks() {
        for (;;) {
          const buf = Buffer.allocUnsafe(1 << 20);
          const { bytesRead } = await fh.read(buf, 0, buf.length, null);
          if (bytesRead === 0) return;
          yield buf.subarray(0, bytesRead);
        }
      }
      return await readCapped(chunks(), path, maxBytes);
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
