import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactUnparsedUrl, redactUrls } from '../../src/util/redact-url.js';
import { ROOT } from '../helpers/cli.js';
import { runCliAsync } from '../helpers/cli-async.js';

const PROFILE = readFileSync(`${ROOT}samples/allocs.pb.gz`);
const SECRET = 'Hunter2-PASSWORD';
let server: Server;
let port = 0;
const dir = mkdtempSync(join(tmpdir(), 'gr-secrets-'));

beforeAll(async () => {
  server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    if (u.pathname === '/debug/pprof/heap') res.writeHead(200).end(PROFILE);
    else if (u.pathname === '/echo') res.writeHead(401).end(`denied: ${req.headers.authorization ?? ''} for alice:${SECRET}`);
    else if (u.pathname === '/away') res.writeHead(302, { location: `ftp://bob:${SECRET}@127.0.0.1/x` }).end();
    else res.writeHead(404).end('404 page not found\n');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

const url = (path: string) => `http://alice:${SECRET}@127.0.0.1:${port}${path}`;
const shown = (path: string) => `http://alice:***@127.0.0.1:${port}${path}`;

describe('redactUrls', () => {
  it('hides the password of every URL in a text, up to the last @ of the authority', () => {
    expect(redactUrls('http://alice:pw@host:1/x')).toBe('http://alice:***@host:1/x');
    expect(redactUrls('get https://a:p@ss@h/p and http://b:q@h2/')).toBe('get https://a:***@h/p and http://b:***@h2/');
    expect(redactUrls('http://alice@host/x')).toBe('http://alice@host/x'); // no password: as it is
    expect(redactUrls('http://host/a:b@c')).toBe('http://host/a:b@c'); // `@` in the path is no userinfo
    expect(redactUrls('main.(*T).m')).toBe('main.(*T).m');
    // A space in a password: URL parsers take it (and send %20), so it is hidden whole.
    expect(redactUrls('http://u:pa ss word@h/x: 404')).toBe('http://u:***@h/x: 404');
    expect(redactUrls('http://u:pa ss\nx@h/')).toBe('http://u:pa ss\nx@h/'); // not across lines
  });
  it('a source that is no valid URL: the password runs to its last @', () => {
    expect(redactUnparsedUrl('http://u:pa/ss#w?d@h:1/x')).toBe('http://u:***@h:1/x');
    expect(redactUnparsedUrl('http://u:p@h:99999/x')).toBe('http://u:***@h:99999/x');
    expect(redactUnparsedUrl('http://[::1/x')).toBe('http://[::1/x');
  });
});

describe('a password in a source URL is never shown (#26)', () => {
  it('error messages', async () => {
    const r = await runCliAsync([url('/missing')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`gen-report: ${shown('/missing')}: server answered 404 Not Found: "404 page not found"\n`);
    for (const bad of [`http://alice:${SECRET}/x@127.0.0.1:${port}/`, `http://alice:${SECRET}#x@127.0.0.1:${port}/`]) {
      const r = await runCliAsync([bad, '--text']);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`gen-report: http://alice:***@127.0.0.1:${port}/: not a valid URL\n`);
    }
    // A server echoing the Authorization header, or the password, in its answer.
    const echo = await runCliAsync([url('/echo'), '--text']);
    expect(echo.code).toBe(2);
    expect(echo.stderr).toBe(`gen-report: ${shown('/echo')}: server answered 401 Unauthorized: "denied: Basic *** for alice:***"\n`);
    const away = await runCliAsync([url('/away')]);
    expect(away.code).toBe(2);
    expect(away.stderr).not.toContain(SECRET);
    expect(away.stderr).toContain('ftp://bob:***@127.0.0.1/x');
  });

  it('the HTML, JSON, Markdown and text reports, the --leaks snapshot list, the file names', async () => {
    const r = await runCliAsync([url('/debug/pprof/heap'), '--html', '--json', '--markdown', '--svg', '--out-dir', dir, '--json=' + join(dir, 'r.json'), '--markdown=' + join(dir, 'r.md')]);
    expect(r.stderr).not.toContain(SECRET);
    expect(r.code).toBe(0);
    const files = readdirSync(dir);
    expect(files.join('\n')).not.toContain(SECRET);
    for (const f of files) expect(readFileSync(join(dir, f), 'utf8'), f).not.toContain(SECRET);
    expect(readFileSync(join(dir, 'r.json'), 'utf8')).toContain(shown('/debug/pprof/heap'));
    const t = await runCliAsync([url('/debug/pprof/heap'), '--text', '--traces']);
    expect(t.code).toBe(0);
    expect(t.stdout + t.stderr).not.toContain(SECRET);
    const b = await runCliAsync([url('/debug/pprof/heap'), '--base', url('/debug/pprof/heap'), '--json=-']);
    expect(b.code).toBe(0);
    expect(b.stdout + b.stderr).not.toContain(SECRET);
    expect(b.stdout).toContain(shown('/debug/pprof/heap'));
    // A password with a space is sent (as %20) and hidden whole.
    const sp = await runCliAsync([`http://alice:${SECRET} x@127.0.0.1:${port}/debug/pprof/heap`, '--json=-', '--no-save']);
    expect(sp.code).toBe(0);
    expect(sp.stdout + sp.stderr).not.toContain(SECRET);
    expect(sp.stdout).toContain(shown('/debug/pprof/heap'));
    const l = await runCliAsync(['--leaks', url('/debug/pprof/heap'), url('/debug/pprof/heap'), '--text']);
    expect(l.stdout + l.stderr).not.toContain(SECRET);
    expect(l.stdout).toContain(shown('/debug/pprof/heap'));
  });
});
