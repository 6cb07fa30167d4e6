import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, linkSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT, runCli } from '../helpers/cli.js';
import { runCliAsync } from '../helpers/cli-async.js';

const PROFILE = readFileSync(`${ROOT}samples/allocs.pb.gz`);
let server: Server;
let base = '';
const hits: string[] = [];

/** A local pprof-like endpoint with every kind of bad answer a user meets. */
function handler(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse): void {
  const u = new URL(req.url ?? '/', 'http://x');
  hits.push(`${u.pathname}${u.search}`);
  switch (u.pathname) {
    case '/debug/pprof/heap':
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(PROFILE);
      return;
    case '/debug/pprof/delta_heap':
      if (u.searchParams.get('seconds') !== '5') res.writeHead(400).end('want seconds=5');
      else res.writeHead(200).end(PROFILE);
      return;
    case '/missing':
      res.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found\n');
      return;
    case '/oops':
      res.writeHead(500, 'Internal Server Error').end('line one\nline\ttwo\u0000\u001b[31m red\r\n' + 'x'.repeat(5000));
      return;
    case '/slow':
      setTimeout(() => res.writeHead(200).end(PROFILE), 5000).unref();
      return;
    case '/slow-body': {
      res.writeHead(200);
      res.write(PROFILE.subarray(0, 100));
      setTimeout(() => res.end(PROFILE.subarray(100)), 5000).unref();
      return;
    }
    case '/endless': {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      const chunk = Buffer.alloc(64 * 1024, 0x41);
      const pump = () => {
        while (!res.destroyed && res.write(chunk)) {
          /* until the client hangs up or the buffer is full */
        }
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
      return;
    }
    case '/huge-declared':
      res.writeHead(200, { 'content-length': String(10 * 2 ** 20) });
      res.write(Buffer.alloc(1024));
      setTimeout(() => res.destroy(), 2000).unref();
      return;
    case '/redirect':
      res.writeHead(302, { location: '/debug/pprof/heap' }).end();
      return;
    case '/redirect-https':
      res.writeHead(301, { location: `https://127.0.0.1:${(server.address() as AddressInfo).port}/debug/pprof/heap` }).end();
      return;
    case '/loop':
      res.writeHead(307, { location: '/loop' }).end();
      return;
    case '/html':
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!DOCTYPE html>\n<html><body>Login required</body></html>\n');
      return;
    case '/truncated': {
      res.writeHead(200, { 'content-length': String(PROFILE.length) });
      res.write(PROFILE.subarray(0, 500));
      setTimeout(() => res.destroy(), 50);
      return;
    }
    default:
      res.writeHead(404).end('404 page not found\n');
  }
}

beforeAll(async () => {
  server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

const expected = runCli([`${ROOT}samples/allocs.pb.gz`, '--text']).stdout;
/** The text report's body without the File: line (it names the source). */
const body = (s: string) => s.split('\n').slice(1).join('\n');

describe('URL inputs', () => {
  it('fetches a profile like go tool pprof URL, stem from the last path segment', async () => {
    const r = await runCliAsync([`${base}/debug/pprof/heap`, '--text', '--no-save']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(body(r.stdout)).toBe(body(expected));
    const dir = mkdtempSync(join(tmpdir(), 'gr-url-'));
    const d = await runCliAsync([`${base}/debug/pprof/heap`, '--dot', '--out-dir', dir, '--no-save']);
    expect(d.code).toBe(0);
    expect(readdirSync(dir)).toEqual(['heap.gv']);
    rmSync(dir, { recursive: true });
  });

  it('--seconds N adds ?seconds=N', async () => {
    const r = await runCliAsync([`${base}/debug/pprof/delta_heap`, '--seconds', '5', '--text', '--no-save']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(hits).toContain('/debug/pprof/delta_heap?seconds=5');
  });

  it('host:port/path without a scheme means http', async () => {
    const r = await runCliAsync([`${base.replace('http://', '')}/debug/pprof/heap`, '--text', '--no-save']);
    expect(r.code).toBe(0);
    expect(body(r.stdout)).toBe(body(expected));
  });

  it('404: status line and the first bytes of the body', async () => {
    const r = await runCliAsync([`${base}/missing`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`gen-report: ${base}/missing: server answered 404 Not Found: "404 page not found"\n`);
  });

  it('a multi-line, control-character body is shortened to one clean line', async () => {
    const r = await runCliAsync([`${base}/oops`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `gen-report: ${base}/oops: server answered 500 Internal Server Error: "line one line two [31m red ${'x'.repeat(93)}…"\n`,
    );
  });

  it('refused connection', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const r = await runCliAsync([`http://127.0.0.1:${port}/debug/pprof/heap`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `gen-report: http://127.0.0.1:${port}/debug/pprof/heap: connection refused by 127.0.0.1:${port} (is the server running and listening there?)\n`,
    );
  });

  it('a slow answer past --timeout 1', async () => {
    const t0 = Date.now();
    const r = await runCliAsync([`${base}/slow`, '--timeout', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`gen-report: ${base}/slow: no complete answer within 1 s (--timeout)\n`);
    expect(Date.now() - t0).toBeLessThan(4500); // it gave up instead of waiting for the answer
  });

  it('a body that stalls past --timeout', async () => {
    const r = await runCliAsync([`${base}/slow-body`, '--timeout', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`gen-report: ${base}/slow-body: no complete answer within 1 s (--timeout)\n`);
  });

  it('an endless body past --max-fetch: download stopped', async () => {
    const r = await runCliAsync([`${base}/endless`, '--max-fetch', '1MiB']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`gen-report: ${base}/endless: answer exceeds the --max-fetch limit of 1 MiB: download stopped\n`);
  });

  it('a declared Content-Length over --max-fetch is not downloaded', async () => {
    const r = await runCliAsync([`${base}/huge-declared`, '--max-fetch', '1MiB']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`gen-report: ${base}/huge-declared: answer is 10 MiB, over the --max-fetch limit of 1 MiB: not downloaded\n`);
  });

  it('a same-scheme redirect is followed', async () => {
    const r = await runCliAsync([`${base}/redirect`, '--text', '--no-save']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(body(r.stdout)).toBe(body(expected));
  });

  it('a redirect to another scheme is refused', async () => {
    const r = await runCliAsync([`${base}/redirect-https`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `gen-report: ${base}/redirect-https: redirected to https${base.slice(4)}/debug/pprof/heap: not following a redirect from http to another scheme\n`,
    );
  });

  it('a redirect loop stops after 10', async () => {
    const r = await runCliAsync([`${base}/loop`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`gen-report: ${base}/loop: too many redirects (10)\n`);
  });

  it('HTML instead of a profile', async () => {
    const r = await runCliAsync([`${base}/html`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`gen-report: ${base}/html: not a profile: got an HTML page\n`);
  });

  it('a connection that drops mid-body', async () => {
    const r = await runCliAsync([`${base}/truncated`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`gen-report: ${base}/truncated: connection lost after 500 bytes, before the whole answer arrived\n`);
  });
});

describe('stdin and files', () => {
  it('- reads the profile from stdin; stem heap', () => {
    const r = runCli(['-', '--text'], { input: PROFILE });
    expect(r.code).toBe(0);
    expect(body(r.stdout)).toBe(body(expected));
    const dir = mkdtempSync(join(tmpdir(), 'gr-stdin-'));
    expect(runCli(['-', '--dot', '--out-dir', dir], { input: PROFILE }).code).toBe(0);
    expect(readdirSync(dir)).toEqual(['heap.gv']);
    rmSync(dir, { recursive: true });
  });

  it('- twice is a usage error', () => {
    const r = runCli(['-', '-'], { input: PROFILE });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('gen-report: "-" (stdin) can be given only once\n');
  });

  it('stdin and files over --max-inflate are refused', () => {
    const r = runCli(['-', '--max-inflate', '1000'], { input: PROFILE });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('gen-report: <stdin>: more than 1000 bytes (raise --max-inflate to allow it)\n');
    const f = runCli(['samples/allocs.pb.gz', '--max-inflate', '1000']);
    expect(f.code).toBe(2);
    expect(f.stderr).toBe('gen-report: samples/allocs.pb.gz: file is 1.9 KiB, over the --max-inflate limit of 1000 bytes\n');
  });

  it('missing file and directory', () => {
    expect(runCli(['nope.pb.gz']).stderr).toBe('gen-report: nope.pb.gz: no such file\n');
    const r = runCli(['samples']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('gen-report: samples: is a directory, not a profile\n');
  });

  it('several inputs are loaded and handed to mergeProfiles', async () => {
    const r = runCli(['samples/allocs.pb.gz', '-'], { input: 'not a profile' });
    // The second source is read and parsed before merging: its error proves it was loaded.
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^gen-report: <stdin>: unrecognized profile format/);
  });
});

describe('the input is never touched', () => {
  it('refuses --output naming the input, and a hard link to it in --out-dir', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gr-in-'));
    const input = join(dir, 'heap');
    copyFileSync(`${ROOT}samples/allocs.pb.gz`, input);
    const before = readFileSync(input);
    const o = runCli([input, '--dot', '-o', input]);
    expect(o.code).toBe(2);
    expect(o.stderr).toBe(`gen-report: refusing to overwrite the input ${input} with an output (${input}): choose another --out-dir or --output\n`);
    // Input `heap` → stem `heap` → `heap.gv` in the same folder: make that name the input itself.
    linkSync(input, join(dir, 'heap.gv'));
    const l = runCli([input, '--dot', '--out-dir', dir]);
    expect(l.code).toBe(2);
    expect(l.stderr).toContain('refusing to overwrite the input');
    expect(readFileSync(input)).toEqual(before);
    expect(statSync(input).nlink).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(['heap', 'heap.gv']);
    rmSync(dir, { recursive: true });
  });

  it('refuses an --output through a folder that does not exist yet (missing/../input)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gr-in-'));
    copyFileSync(`${ROOT}samples/allocs.pb.gz`, join(dir, 'leak.pb.gz'));
    const before = readFileSync(join(dir, 'leak.pb.gz'));
    const r = runCli(['leak.pb.gz', '--dot', '-o', 'missing/../leak.pb.gz'], { cwd: dir });
    expect(r.stderr).toBe('gen-report: refusing to overwrite the input leak.pb.gz with an output (missing/../leak.pb.gz): choose another --out-dir or --output\n');
    expect(r.code).toBe(2);
    expect(readFileSync(join(dir, 'leak.pb.gz'))).toEqual(before);
    rmSync(dir, { recursive: true });
  });

  it('refuses to overwrite the file stdin is redirected from (gen-report - -o FILE < FILE)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gr-in-'));
    const file = join(dir, 'leak.pb.gz');
    copyFileSync(`${ROOT}samples/allocs.pb.gz`, file);
    const before = readFileSync(file);
    const fd = openSync(file, 'r');
    const r = spawnSync(process.execPath, [CLI, '-', '--dot', '-o', 'leak.pb.gz'], { cwd: dir, stdio: [fd, 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' }, encoding: 'utf8' });
    closeSync(fd);
    expect(r.stderr).toBe('gen-report: refusing to overwrite the file stdin is redirected from with an output (leak.pb.gz): choose another --out-dir or --output\n');
    expect(r.status).toBe(2);
    expect(readFileSync(file)).toEqual(before);
    // A pipe has no file behind it: the same output name is fine.
    const p = runCli(['-', '--dot', '-o', join(dir, 'out.gv')], { input: before });
    expect(p.code).toBe(0);
    rmSync(dir, { recursive: true });
  });
});

describe('output problems are one-line usage errors, found before rendering', () => {
  it('--out-dir naming a file, --output naming a folder, a folder that cannot be created', () => {
    const a = runCli(['samples/allocs.pb.gz', '--dot', '--out-dir', 'samples/allocs.pb.gz']);
    expect(a.code).toBe(2);
    expect(a.stderr).toBe('gen-report: samples/allocs.pb.gz is not a directory: cannot write output files into it\n');
    const b = runCli(['samples/allocs.pb.gz', '--dot', '-o', 'samples']);
    expect(b.code).toBe(2);
    expect(b.stderr).toBe('gen-report: samples is a directory: give a file name to --output\n');
    // fs.mkdir's recursive mode never returns here on Node 20: created one level at a time instead.
    const c = runCli(['samples/allocs.pb.gz', '--dot', '-o', '/proc/nope/x.gv'], { timeout: 20_000 });
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/^gen-report: cannot create output folder \/proc\/nope: [^\n]+\n$/);
  });

  it('missing folders of --out-dir are created', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gr-mk-'));
    const r = runCli(['samples/allocs.pb.gz', '--dot', '--out-dir', join(dir, 'a', 'b'), '-q']);
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, 'a', 'b'))).toEqual(['allocs.gv']);
    rmSync(dir, { recursive: true });
  });
});
