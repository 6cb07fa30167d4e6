import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { runCliAsync } from '../helpers/cli-async.js';

const SAMPLE = 'samples/allocs.pb.gz';

/** One line on stderr, exit 2, nothing on stdout. */
function usage(args: string[], line: string) {
  const r = runCli(args);
  expect(r.stderr).toBe(`gen-report: ${line}\n`);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
}

describe('an unknown option names the closest known one', () => {
  it('--nodecnt=5 → did you mean --nodecount?', () => usage([SAMPLE, '--nodecnt=5'], 'unknown option --nodecnt: did you mean --nodecount?'));
  it('-sampel_index=alloc_space (pprof spelling) → --sample_index', () =>
    usage([SAMPLE, '-sampel_index=alloc_space'], 'unknown option --sampel_index: did you mean --sample_index?'));
  it('--edge-fraction (dashed twin) → --edgefraction', () => usage([SAMPLE, '--edge-fraction=0.1'], 'unknown option --edge-fraction: did you mean --edgefraction?'));
  it('nothing close: a pointer to --help', () => usage([SAMPLE, '--bogus-flag'], 'unknown option --bogus-flag (see --help)'));
});

describe('a missing value is our own sentence, not Node parseArgs text', () => {
  it('--list with nothing after it', () => usage([SAMPLE, '--list'], '--list needs a value: --list REGEX'));
  it('--focus followed by another option', () => usage([SAMPLE, '--focus', '--text'], '--focus needs a value: --focus REGEX'));
  it('-o last', () => usage([SAMPLE, '--dot', '-o'], '--output needs a value: --output FILE'));
});

describe("pprof's flags gen-report does not have: what to use instead", () => {
  for (const [flag, answer] of [
    ['-pdf', '--pdf is a go tool pprof option gen-report does not have: no PDF output: use --svg (any browser prints it to PDF) or --png'],
    ['-weblist=main', '--weblist is a go tool pprof option gen-report does not have: no --weblist: use --list REGEX (annotated source as text) or --html'],
    ['-symbolize=none', '--symbolize is a go tool pprof option gen-report does not have: profiles are read as they are: Go and Node profiles carry their function names, there is nothing to symbolize'],
    ['-gif', '--gif is a go tool pprof option gen-report does not have: no GIF output: use --png'],
    ['-disasm=main', '--disasm is a go tool pprof option gen-report does not have: no disassembly (it needs the program binary): use --list REGEX, or go tool pprof -disasm'],
  ] as const) {
    it(flag, () => usage([SAMPLE, flag], answer));
  }
});

describe('sizes are echoed as the user wrote them', () => {
  it('--max-total 4MiB → "over the limit of 4MiB"', () => {
    const r = runCli(['samples/workload/leak.pb.gz', '--max-total', '4MiB']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('gen-report: budget breached: --max-total 4MiB: total is 4.57MB, 586.16kB over the limit of 4MiB (114% of the budget)\n');
  });
  it('a percentage is echoed with what it came to', () => {
    const r = runCli(['samples/workload/leak.pb.gz', '--base', 'samples/workload/fixed.pb.gz', '--max-growth', '1%']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/over the limit of 1% \(5\.27kB\) \(/);
  });
});

describe('TLS and redirect failures in one plain sentence', () => {
  let server: Server;
  let port = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      res.writeHead(307, { location: req.url ?? '/' }).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('https:// to a plain HTTP port → "the server does not speak HTTPS"', async () => {
    const r = await runCliAsync([`https://127.0.0.1:${port}/debug/pprof/heap`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `gen-report: https://127.0.0.1:${port}/debug/pprof/heap: the server does not speak HTTPS at 127.0.0.1:${port} (try http://127.0.0.1:${port}/debug/pprof/heap)\n`,
    );
  });
  it('a redirect loop → "too many redirects (10)"', async () => {
    const r = await runCliAsync([`http://127.0.0.1:${port}/debug/pprof/heap`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`gen-report: http://127.0.0.1:${port}/debug/pprof/heap: too many redirects (10)\n`);
  });
});
