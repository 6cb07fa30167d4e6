import { readFile } from 'node:fs/promises';
import { InputError } from '../errors.js';

export interface SourceBytes {
  /** How the source is named in messages and headers. */
  name: string;
  bytes: Uint8Array;
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** Reads one input: a file path or `-` for stdin. Never writes to it. */
export async function readSource(input: string): Promise<SourceBytes> {
  if (input === '-') return { name: '<stdin>', bytes: await readStdin() };
  try {
    return { name: input, bytes: await readFile(input) };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why =
      err.code === 'ENOENT'
        ? 'no such file'
        : err.code === 'EISDIR'
          ? 'is a directory, not a profile'
          : err.code === 'EACCES'
            ? 'permission denied'
            : err.message;
    throw new InputError(input, why);
  }
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
