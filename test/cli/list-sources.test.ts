// --list reads the source files a profile names: the names are the profile's, so untrusted. A FIFO
// blocked the run forever; /dev/zero was read until the memory ran out.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { heapProfile } from '../helpers/hostile-profile.js';

const dir = mkdtempSync(join(tmpdir(), 'gr-list-src-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function naming(file: string): string {
  const f = join(dir, `p${Math.random().toString(36).slice(2)}.pb`);
  writeFileSync(f, heapProfile({ functions: ['main.main'], file: () => file, samples: [{ stack: [0], values: [1, 100] }] }));
  return f;
}

describe('--list: only regular files are read', () => {
  const fifo = join(dir, 'fifo');
  spawnSync('mkfifo', [fifo]);
  for (const [what, file] of [
    ['a FIFO', fifo],
    ['/dev/zero', '/dev/zero'],
  ]) {
    it(`a profile naming ${what} as its source`, () => {
      // The timeout only stops a run that would never end (the defect); nothing is timed.
      const r = runCli([naming(file), '--list', 'main'], { timeout: 60_000 });
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('ROUTINE ======================== main.main in ');
      expect(r.stdout).toContain(`Error: open ${file}: not a regular file`);
    });
  }
  it('a directory fails to read as before', () => {
    const r = runCli([naming(dir), '--list', 'main']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('EISDIR');
  });
});
