import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('limits beyond what the machine takes are one-line errors (#26)', () => {
  it('--timeout and --layout-timeout beyond a timer\'s 2^31-1 ms are refused, never Node\'s TimeoutOverflowWarning', () => {
    const t = runCli(['http://127.0.0.1:1/heap', '--timeout', '1e7']);
    expect(t.stderr).toBe('gen-report: --timeout must be at most 2147483 seconds\n');
    expect(t.code).toBe(2);
    const l = runCli(['samples/allocs.pb.gz', '--svg', '--layout-timeout', '1e7', '-o', '-']);
    expect(l.stderr).toBe('gen-report: --layout-timeout must be at most 2147483 seconds\n');
    expect(l.code).toBe(2);
    // The largest one is taken (the fetch fails for its own reason).
    const m = runCli(['http://127.0.0.1:1/heap', '--timeout', '2147483']);
    expect(m.stderr).not.toMatch(/TimeoutOverflowWarning|must be at most/);
    expect(m.code).toBe(2);
  });

  it.skipIf(!existsSync('/dev/full'))('--dot -o /dev/full: a one-line error, exit 2, no stack', () => {
    const r = runCli(['samples/allocs.pb.gz', '--dot', '-o', '/dev/full']);
    expect(r.stderr).toBe('gen-report: cannot write /dev/full: no space left on the device\n');
    expect(r.code).toBe(2);
  });
});
