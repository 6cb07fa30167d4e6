import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const NODE = 'samples/workload/node/leak.pb.gz';

describe('Node heap profiles (@datadog/pprof)', () => {
  const r = runCli([NODE, '--text', '--nodefraction=0']);
  const table = r.stdout.split('\n').slice(r.stdout.split('\n').findIndex((l) => /flat%/.test(l)) + 1).filter(Boolean);
  const fn = table.map((l) => l.replace(/^\s*\S+\s+\S+\s+\S+\s+\S+\s+\S+\s+/, ''));

  it('reads the profile: inuse types only, the query loop leads', () => {
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Type: inuse_space$/m);
    expect(fn[0]).toBe('queryLoop');
    expect(fn).toContain('(external)');
  });

  it('anonymous functions from different files are separate nodes named with their file', () => {
    const anon = fn.filter((n) => n.startsWith('(anonymous:L#1:C#1)'));
    expect(anon.length).toBeGreaterThan(3);
    expect(new Set(anon).size).toBe(anon.length);
    for (const n of anon) expect(n).toMatch(/^\(anonymous:L#1:C#1\) \S+/);
  });

  it('--merge-anonymous keeps pprof\'s by-name merge', () => {
    const m = runCli([NODE, '--text', '--nodefraction=0', '--merge-anonymous']);
    const mt = m.stdout.split('\n').slice(m.stdout.split('\n').findIndex((l) => /flat%/.test(l)) + 1).filter(Boolean);
    const mfn = mt.map((l) => l.replace(/^\s*\S+\s+\S+\s+\S+\s+\S+\s+\S+\s+/, ''));
    expect(mfn.filter((n) => n.startsWith('(anonymous:L#1:C#1)'))).toEqual(['(anonymous:L#1:C#1)']);
    expect(mfn.length).toBeLessThan(fn.length);
  });
});
