import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT, runCli } from '../helpers/cli.js';
import { runCliAsync } from '../helpers/cli-async.js';

// A live endpoint whose heap changes between requests: first allocs.pb.gz, then recursion.pb.gz.
const PROFILES = [readFileSync(`${ROOT}samples/allocs.pb.gz`), readFileSync(`${ROOT}samples/recursion.pb.gz`)];
let served = 0;
let server: Server;
let base = '';
const env = { NO_COLOR: '1', GEN_REPORT_NO_BROWSER: '1', PPROF_TMPDIR: mkdtempSync(join(tmpdir(), 'gen-report-http-saved-')) };

beforeAll(async () => {
  server = createServer((req, res) => {
    res.writeHead(200).end(PROFILES[Math.min(served++, PROFILES.length - 1)]);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

let child: ChildProcess | null = null;
afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGTERM');
  child = null;
});

/** Starts gen-report --http, resolves with the URL it prints and everything it wrote on stderr so far. */
function startServer(args: string[]): Promise<{ url: string; stderr: () => string }> {
  return new Promise((resolve, reject) => {
    const c = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child = c;
    let err = '';
    c.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /Serving web UI on (http:\/\/[^/\s]+\/)/.exec(err);
      if (m) resolve({ url: m[1]!, stderr: () => err });
    });
    c.on('exit', (code) => reject(new Error(`gen-report exited ${code}: ${err}`)));
  });
}

describe('--http=[HOST]:PORT serves the HTML report', () => {
  it('on loopback when HOST is empty; with a URL source each reload shows the newer profile', async () => {
    served = 0;
    const s = await startServer([`${base}/debug/pprof/heap`, '--http=:0']);
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const first = await fetch(s.url);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const a = await first.text();
    // The first load: the report made at startup from the first answer (allocs.pb.gz).
    expect(a.includes('File: allocs')).toBe(true);
    expect(a.includes('main.descend')).toBe(false);
    // A reload fetches afresh: the endpoint now serves recursion.pb.gz.
    const b = await (await fetch(s.url)).text();
    expect(b.includes('File: recursion')).toBe(true);
    expect(b.includes('main.descend')).toBe(true);
    expect(served).toBe(2);
    expect((await fetch(`${s.url}nope`)).status).toBe(404);
    // One saved copy (the first fetch), as pprof keeps one.
    expect(s.stderr()).toMatch(/^Saved profile in .*\.001\.pb\.gz\nServing web UI on http:\/\/127\.0\.0\.1:\d+\/ \(each reload fetches the profile again\)\n/);
  });
  it('a file source: rendered once, the same page on every load', async () => {
    const s = await startServer(['samples/allocs.pb.gz', '--http=127.0.0.1:0']);
    const a = await (await fetch(s.url)).text();
    const b = await (await fetch(s.url)).text();
    expect(a === b).toBe(true);
    expect(a.includes('main.scratch')).toBe(true);
    expect(s.stderr()).toMatch(/^Serving web UI on http:\/\/127\.0\.0\.1:\d+\/\ngen-report: open http:\/\/127\.0\.0\.1:\d+\/ in a browser \(Ctrl-C stops the server\)\n$/);
  });
  it('a bad value or a format next to it is a usage error', () => {
    expect(runCli(['samples/allocs.pb.gz', '--http=foo']).stderr).toBe('gen-report: invalid --http "foo": want [HOST]:PORT, e.g. --http=:8080 or --http=localhost:8080\n');
    expect(runCli(['samples/allocs.pb.gz', '--http']).stderr).toBe('gen-report: --http needs a value: --http [HOST]:PORT\n');
    const r = runCli(['samples/allocs.pb.gz', '--http=:0', '--dot']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('gen-report: --http shows the HTML report: drop --dot\n');
  });
});

describe('--web writes the HTML report to a temporary file and opens it', () => {
  it('prints the path (no browser here: GEN_REPORT_NO_BROWSER=1)', async () => {
    const r = await runCliAsync(['samples/allocs.pb.gz', '--web'], { env });
    expect(r.code).toBe(0);
    const m = /^wrote (\/\S+\/allocs\.html): open it in a browser\n$/.exec(r.stderr);
    expect(m).not.toBeNull();
    expect(existsSync(m![1]!)).toBe(true);
    expect(readFileSync(m![1]!, 'utf8')).toMatch(/^<!DOCTYPE html>/i);
    expect(readdirSync(ROOT).some((f) => f === 'allocs.html')).toBe(false);
  });
  it('opens it with $BROWSER when one is set', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gen-report-browser-'));
    // A stand-in browser: records what it was asked to open.
    const fake = join(dir, 'fake-browser');
    const { writeFileSync, chmodSync } = await import('node:fs');
    writeFileSync(fake, `#!/bin/sh\necho "$1" > ${dir}/opened\n`);
    chmodSync(fake, 0o755);
    const r = await runCliAsync(['samples/allocs.pb.gz', '--web'], { env: { ...env, GEN_REPORT_NO_BROWSER: '', BROWSER: fake } });
    expect(r.code).toBe(0);
    const file = /^opened (\S+) \(/.exec(r.stderr)![1]!;
    for (let i = 0; i < 50 && !existsSync(join(dir, 'opened')); i++) await new Promise((res) => setTimeout(res, 100));
    expect(readFileSync(join(dir, 'opened'), 'utf8').trim()).toBe(`file://${file}`);
  });
});
