import { open, stat } from 'node:fs/promises';
import { InputError, UsageError } from '../errors.js';
import { formatSize } from '../util/size.js';
import { fetchUrl, isUrl, profileUrl } from './fetch.js';

export interface SourceBytes {
  /** How the source is named in messages and headers. */
  name: string;
  bytes: Uint8Array;
}

export interface SourceOptions {
  /** Largest file or stdin accepted (the profile cap, --max-inflate). */
  maxBytes: number;
  /** Largest HTTP body accepted (--max-fetch). */
  maxFetch: number;
  /** Whole-fetch time limit in seconds. */
  timeoutSeconds: number;
  /** `?seconds=N` for URLs (0 = leave the URL as it is). */
  seconds: number;
}

async function readStdin(maxBytes: number): Promise<Uint8Array> {
  if (process.stdin.isTTY) throw new UsageError('"-" reads the profile from stdin, but stdin is a terminal: pipe a profile in');
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const c of process.stdin) {
    n += (c as Buffer).length;
    if (n > maxBytes) throw new InputError('<stdin>', `more than ${formatSize(maxBytes)} (raise --max-inflate to allow it)`);
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
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

/** Reads a file without ever opening it for writing; refuses directories and files over the cap. */
async function readFileCapped(path: string, maxBytes: number): Promise<Uint8Array> {
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

/** `host:port/path` without a scheme means http, as in `go tool pprof localhost:6060/debug/pprof/heap`. */
async function asUrl(input: string): Promise<string | null> {
  if (isUrl(input)) return input;
  if (!/^[A-Za-z0-9.-]+:\d+(\/.*)?$/.test(input)) return null;
  try {
    await stat(input);
    return null; // a file by that name wins, as in pprof
  } catch {
    return `http://${input}`;
  }
}

/** Reads one input: a file path, `-` for stdin, or an http(s) URL. Never writes to it. */
export async function readSource(input: string, opts: SourceOptions): Promise<SourceBytes> {
  if (input === '-') return { name: '<stdin>', bytes: await readStdin(opts.maxBytes) };
  const url = await asUrl(input);
  if (url !== null) {
    let target: string;
    try {
      target = profileUrl(url, opts.seconds);
    } catch {
      throw new InputError(input, 'not a valid URL');
    }
    const bytes = await fetchUrl(input, target, { timeoutMs: opts.timeoutSeconds * 1000, maxBytes: opts.maxFetch });
    return { name: input, bytes };
  }
  return { name: input, bytes: await readFileCapped(input, opts.maxBytes) };
}

/** Reads every input in order; `-` may appear once. */
export async function readSources(inputs: string[], opts: SourceOptions): Promise<SourceBytes[]> {
  if (inputs.filter((i) => i === '-').length > 1) throw new UsageError('"-" (stdin) can be given only once');
  const out: SourceBytes[] = [];
  for (const input of inputs) out.push(await readSource(input, opts));
  return out;
}

/** Output file stem: the input's base name without .gz/.pb/.prof/.txt (`heap` for stdin and URLs without one). */
export function stemOf(input: string, fallback: string): string {
  if (input === '-') return fallback;
  let base = input;
  if (/^https?:\/\//i.test(input)) {
    try {
      base = new URL(input).pathname;
    } catch {
      return fallback;
    }
  }
  base = base.replace(/\/+$/, '');
  base = base.slice(base.lastIndexOf('/') + 1);
  for (;;) {
    const next = base.replace(/\.(gz|pb|prof|pprof|txt|proto)$/i, '');
    if (next === base) break;
    base = next;
  }
  return base === '' || base === '.' || base === '..' ? fallback : base;
}
