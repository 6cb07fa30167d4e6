import { stat } from 'node:fs/promises';
import { readCapped } from './stream-read.js';
import { InputError, UsageError } from '../errors.js';
import { redactUnparsedUrl, redactUrls } from '../util/redact-url.js';
import { formatSize } from '../util/size.js';
import { isHostPort, isUrl } from './input-kind.js';
import { readFileCapped } from './read-file.js';

export interface SourceBytes {
  /** How the source is named in messages and headers. */
  name: string;
  bytes: Uint8Array;
  /** Fetched over HTTP(S) (pprof keeps a copy of such profiles). */
  remote?: boolean;
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
  return readCapped(process.stdin, '<stdin>', maxBytes);
}

/** `host:port/path` without a scheme means http, as in `go tool pprof localhost:6060/debug/pprof/heap`. */
async function asUrl(input: string): Promise<string | null> {
  if (isUrl(input)) return input;
  if (!isHostPort(input)) return null;
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
    // Named without its password everywhere: messages, report headers, file lists.
    const shown = redactUrls(input);
    // node:http and node:https load only for URLs (their loading would slow every other run's start).
    const { fetchUrl, profileUrl } = await import('./fetch.js');
    let target: string;
    try {
      target = profileUrl(url, opts.seconds);
    } catch {
      throw new InputError(redactUnparsedUrl(input), 'not a valid URL');
    }
    const bytes = await fetchUrl(shown, target, { timeoutMs: opts.timeoutSeconds * 1000, maxBytes: opts.maxFetch });
    return { name: shown, bytes, remote: true };
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
    const next = base.replace(/\.(gz|pb|prof|pprof|txt|proto|cpuprofile|heapprofile)$/i, '');
    if (next === base) break;
    base = next;
  }
  return base === '' || base === '.' || base === '..' ? fallback : base;
}
