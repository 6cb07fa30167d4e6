import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UserError } from '../errors.js';
import { formatRecord, noSummary, renderFormat } from '../report/formats.js';
import { openBrowser } from './browser.js';
import { isHostPort, isUrl } from './input-kind.js';
import type { CliOptions } from './options.js';
import { loadSource, warner, type RunIO } from './run.js';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * `--http=[HOST]:PORT`, as pprof's -http: serves the HTML report at `/` until interrupted. With a
 * URL among the sources every page load fetches and renders afresh (a live report of
 * `/debug/pprof/heap`); with files only, the report is rendered once. Loads are one at a time.
 * A failed reload answers 502 with the one-line reason (the server keeps running).
 */
export async function serve(opts: CliOptions, io: RunIO): Promise<number> {
  const env = io.env ?? process.env;
  const live = [...opts.inputs, ...opts.base].some((i) => isUrl(i) || isHostPort(i));
  const say = (s: string) => io.stderr(s);
  let first = true;
  let cached: Uint8Array | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  const render = async (): Promise<Uint8Array> => {
    if (cached) return cached;
    // pprof keeps one copy of what it fetched: the first load saves, reloads do not.
    const source = await loadSource({ ...opts, save: opts.save && first }, { say, step: () => {}, env });
    first = false;
    const { data } = await renderFormat(formatRecord('html')!, source, noSummary(''), warner(say));
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    if (!live) cached = bytes;
    return bytes;
  };
  // The first report is made before listening (a bad input fails the command as any run would)
  // and is what the first page load gets; later loads of a live source fetch again.
  let startup: Uint8Array | null = await render();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if ((req.method !== 'GET' && req.method !== 'HEAD') || (path !== '/' && path !== '/index.html')) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    const job = queue.then(() => {
      const ready = startup;
      startup = null;
      return ready ?? render();
    });
    queue = job.catch(() => {});
    job.then(
      (bytes) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-length': bytes.length });
        res.end(req.method === 'HEAD' ? undefined : bytes);
      },
      (e: unknown) => {
        const msg = e instanceof UserError ? e.message.split('\n', 1)[0]! : 'internal error (see the terminal)';
        if (!(e instanceof UserError)) say(`gen-report: internal error: ${(e as Error).message}\n`);
        else say(`gen-report: ${msg}\n`);
        res.writeHead(502, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        res.end(`<!DOCTYPE html><meta charset="utf-8"><title>gen-report</title><p>gen-report: ${escapeHtml(msg)}</p>\n`);
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(new UserError(`--http: cannot listen on ${opts.http!.host}:${opts.http!.port}: ${e.code === 'EADDRINUSE' ? 'the port is in use' : e.message}`)),
    );
    server.listen(opts.http!.port, opts.http!.host, () => resolve());
  });
  const a = server.address() as AddressInfo;
  const host = a.family === 'IPv6' ? `[${a.address}]` : a.address;
  const url = `http://${host}:${a.port}/`;
  say(`Serving web UI on ${url}${live ? ' (each reload fetches the profile again)' : ''}\n`);
  if (!openBrowser(url, env, opts.noBrowser) && !opts.quiet) say(`gen-report: open ${url} in a browser (Ctrl-C stops the server)\n`);
  // Runs until SIGINT/SIGTERM (their default action ends the process).
  return new Promise<number>(() => {});
}
