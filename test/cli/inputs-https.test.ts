import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { runCliAsync } from '../helpers/cli-async.js';

// A real TLS endpoint needs a certificate: made here with openssl (skipped where it is missing).
const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'gr-tls-'));
const cert = join(dir, 'cert.pem');
let server: Server;
let base = '';

beforeAll(async () => {
  if (!hasOpenssl) return;
  const key = join(dir, 'key.pem');
  const r = spawnSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
  ]);
  expect(r.status).toBe(0);
  const profile = readFileSync(`${ROOT}samples/allocs.pb.gz`);
  server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
    if (req.url === '/debug/pprof/heap') res.writeHead(200).end(profile);
    else if (req.url === '/to-https') res.writeHead(302, { location: '/debug/pprof/heap' }).end();
    else if (req.url === '/to-http') res.writeHead(302, { location: 'http://127.0.0.1:1/debug/pprof/heap' }).end();
    else res.writeHead(404).end('404 page not found\n');
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  if (server) {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  }
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!hasOpenssl)('https URLs', () => {
  it('fetches over TLS when the certificate is trusted (NODE_EXTRA_CA_CERTS), following an https redirect', async () => {
    const r = await runCliAsync([`${base}/to-https`, '--text', '--no-save'], { env: { NODE_EXTRA_CA_CERTS: cert } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^File: allocs\nType: alloc_space\n/);
  });

  it('an untrusted certificate: one line naming the TLS problem', async () => {
    const r = await runCliAsync([`${base}/debug/pprof/heap`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`gen-report: ${base}/debug/pprof/heap: TLS certificate not accepted (DEPTH_ZERO_SELF_SIGNED_CERT)\n`);
  });

  it('never follows https → http', async () => {
    const r = await runCliAsync([`${base}/to-http`], { env: { NODE_EXTRA_CA_CERTS: cert } });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `gen-report: ${base}/to-http: redirected to http://127.0.0.1:1/debug/pprof/heap: not following a redirect from https to another scheme\n`,
    );
  });
});
