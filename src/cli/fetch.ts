import http from 'node:http';
import https from 'node:https';
import { InputError } from '../errors.js';
import { redactUrls } from '../util/redact-url.js';
import { formatSize } from '../util/size.js';

export interface FetchOptions {
  /** Whole fetch (connect, redirects, body) must finish within this many milliseconds. */
  timeoutMs: number;
  /** Abort the download once the body exceeds this many bytes. */
  maxBytes: number;
  /** Same-scheme redirects followed before giving up (Go's http.Client follows 10). */
  maxRedirects?: number;
}

/** Same limit as Go's default http.Client (CheckRedirect stops after 10 requests). */
export const MAX_REDIRECTS = 10;

/**
 * pprof's adjustURL: `--seconds N` sets the `seconds` query parameter (delta and CPU endpoints).
 * Returns the URL to fetch.
 */
export function profileUrl(input: string, seconds: number): string {
  const u = new URL(input);
  if (seconds > 0) u.searchParams.set('seconds', String(Math.trunc(seconds)));
  return u.toString();
}

/** Control characters and runs of whitespace out, so that a server's body fits on one line. */
export function sanitizeOneLine(s: string, max = 120): string {
  // eslint-disable-next-line no-control-regex
  const clean = s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

function describeNetError(err: NodeJS.ErrnoException, url: URL): string {
  switch (err.code) {
    case 'ECONNREFUSED':
      return `connection refused by ${url.host} (is the server running and listening there?)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `host not found: ${url.hostname}`;
    case 'ECONNRESET':
      return 'connection reset by the server';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `host unreachable: ${url.host}`;
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'CERT_HAS_EXPIRED':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `TLS certificate not accepted (${err.code})`;
    case 'EPROTO':
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
      // OpenSSL's "wrong version number": the answer to the TLS hello was not TLS (plain HTTP).
      if (/wrong version number/i.test(err.message) || err.code === 'ERR_SSL_WRONG_VERSION_NUMBER') {
        return `the server does not speak HTTPS at ${url.host} (try http://${url.host}${url.pathname}${url.search})`;
      }
      return `TLS handshake with ${url.host} failed`;
    default:
      if (typeof err.code === 'string' && err.code.startsWith('ERR_SSL_')) return `TLS handshake with ${url.host} failed (${err.code})`;
      return `fetch failed: ${err.message}`;
  }
}

interface Answer {
  status: number;
  statusText: string;
  location: string | undefined;
  body: Buffer;
}

/** One GET, no redirects. Non-200 answers keep only the first bytes of their body (for the message). */
function get(url: URL, opts: FetchOptions, signal: AbortSignal, source: string): Promise<Answer> {
  const mod = url.protocol === 'https:' ? https : http;
  return new Promise<Answer>((resolve, reject) => {
    const req = mod.get(url, { signal, headers: { 'user-agent': 'gen-report', accept: '*/*' } }, (res) => {
      const status = res.statusCode ?? 0;
      const ok = status === 200;
      const declared = Number(res.headers['content-length']);
      if (ok && Number.isFinite(declared) && declared > opts.maxBytes) {
        req.destroy();
        reject(new InputError(source, `answer is ${formatSize(declared)}, over the --max-fetch limit of ${formatSize(opts.maxBytes)}: not downloaded`));
        return;
      }
      const keep = ok ? opts.maxBytes : 512;
      const chunks: Buffer[] = [];
      let n = 0;
      res.on('data', (c: Buffer) => {
        if (!ok) {
          if (n < keep) chunks.push(c);
          n += c.length;
          if (n >= keep) res.destroy(); // enough for the message
          return;
        }
        n += c.length;
        if (n > keep) {
          req.destroy();
          reject(new InputError(source, `answer exceeds the --max-fetch limit of ${formatSize(opts.maxBytes)}: download stopped`));
          return;
        }
        chunks.push(c);
      });
      const done = () =>
        resolve({ status, statusText: res.statusMessage ?? '', location: res.headers.location, body: Buffer.concat(chunks) });
      res.on('end', done);
      const cut = () => new InputError(source, `connection lost after ${formatSize(n)}, before the whole answer arrived`);
      res.on('close', () => {
        if (!ok) done();
        else if (!res.complete) reject(cut());
      });
      res.on('error', () => {
        if (!ok) done();
        else reject(cut());
      });
    });
    req.on('error', reject);
  });
}

/**
 * Fetches a profile over http(s) as `go tool pprof URL` does: GET, 200 required, same-scheme
 * redirects followed (at most `maxRedirects`), a redirect to another scheme refused, the whole
 * exchange bounded by `timeoutMs` and the body by `maxBytes`. Every failure is an InputError
 * naming `source` with a one-line reason.
 */
export async function fetchUrl(source: string, url: string, opts: FetchOptions): Promise<Uint8Array> {
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), opts.timeoutMs);
  const maxRedirects = opts.maxRedirects ?? MAX_REDIRECTS;
  let current = new URL(url);
  try {
    for (let hops = 0; ; hops++) {
      let a: Answer;
      try {
        a = await get(current, opts, ac.signal, source);
      } catch (e) {
        if (ac.signal.aborted) {
          throw new InputError(source, `no complete answer within ${opts.timeoutMs / 1000} s (--timeout)`);
        }
        if (e instanceof InputError) throw e;
        throw new InputError(source, describeNetError(e as NodeJS.ErrnoException, current));
      }
      if ([301, 302, 303, 307, 308].includes(a.status)) {
        if (!a.location) throw new InputError(source, `server answered ${a.status} ${a.statusText} without a Location`);
        let next: URL;
        try {
          next = new URL(a.location, current);
        } catch {
          throw new InputError(source, `server redirected to an invalid URL ${JSON.stringify(sanitizeOneLine(redactUrls(a.location)))}`);
        }
        if (next.protocol !== current.protocol) {
          throw new InputError(
            source,
            `redirected to ${sanitizeOneLine(redactUrls(next.href))}: not following a redirect from ${current.protocol.slice(0, -1)} to another scheme`,
          );
        }
        if (hops + 1 > maxRedirects) throw new InputError(source, `too many redirects (${maxRedirects})`);
        current = next;
        continue;
      }
      if (a.status !== 200) {
        const hide = credentialsOf(current);
        const body = sanitizeOneLine(hide(a.body.toString('utf8')));
        const line = `${a.status} ${sanitizeOneLine(hide(a.statusText), 60)}`.trim();
        throw new InputError(source, `server answered ${line}${body ? `: ${JSON.stringify(body)}` : ' (empty body)'}`);
      }
      return a.body;
    }
  } finally {
    clearTimeout(timer);
  }
}

/**
 * What hides the URL's password in a server's answer quoted in a message: a server (a proxy, a
 * debug endpoint) may echo the request's Authorization header (`Basic base64(user:password)`) or
 * the password itself in its 401 or 500 page. Each form becomes `***`; a password shorter than 4
 * characters is hidden in its Basic form only (as text it would hide common letters).
 */
function credentialsOf(url: URL): (text: string) => string {
  if (url.password === '') return (t) => t;
  const dec = (x: string) => {
    try {
      return decodeURIComponent(x);
    } catch {
      return x;
    }
  };
  const user = dec(url.username);
  const pass = dec(url.password);
  const forms = [Buffer.from(`${user}:${pass}`).toString('base64'), ...(pass.length >= 4 ? [pass, url.password] : [])];
  return (t) => forms.reduce((acc, f) => acc.split(f).join('***'), t);
}
