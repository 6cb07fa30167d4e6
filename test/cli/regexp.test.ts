import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BOMB_FOCUS, BOMB_PATTERN, bombName, bombProfile } from '../../bench/regexp-bombs.js';
import { runCli } from '../helpers/cli.js';

/**
 * Patterns from the profile (drop_frames) and the command line run in linear time with Go's
 * syntax. The expected outputs are go tool pprof's (Go 1.19) for the same files and flags. With
 * JavaScript's RegExp the first two runs never finish (40 a's: 2^40 steps).
 */
const dir = mkdtempSync(join(tmpdir(), 'gen-report-regexp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, bytes: Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};
const LONG = bombName(40);
const header = 'Type: inuse_space\n';
const table = 'Showing nodes accounting for 976.56kB, 100% of 976.56kB total\n      flat  flat%   sum%        cum   cum%\n';
const twoRows = (leaf: string) => `${table}  976.56kB   100%   100%   976.56kB   100%  ${leaf}\n         0     0%   100%   976.56kB   100%  main.main\n`;

describe('regexps on hostile input', () => {
  it(`a profile whose drop_frames is ${BOMB_PATTERN} does not hang --text`, () => {
    const r = runCli([file('drop-bomb.pb', bombProfile(LONG, BOMB_PATTERN)), '--text']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(header + twoRows(LONG));
    expect(r.code).toBe(0);
  });

  it(`--focus '${BOMB_FOCUS}' on a name of 40 a's and '!' finishes`, () => {
    const r = runCli([file('leaf.pb', bombProfile(LONG)), '--text', `--focus=${BOMB_FOCUS}`]);
    expect(r.stderr).toBe('gen-report: warning: Focus expression matched no samples\n');
    expect(r.stdout).toBe(`${header}Active filters:\n   focus=${BOMB_FOCUS}\nShowing nodes accounting for 0, 0% of 976.56kB total\n      flat  flat%   sum%        cum   cum%\n`);
    expect(r.code).toBe(0);
  });

  it('drop_frames still prunes: `(a+)+` drops the frame aaaa', () => {
    const r = runCli([file('drop-match.pb', bombProfile('aaaa', BOMB_PATTERN)), '--text']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`${header}${table}  976.56kB   100%   100%   976.56kB   100%  main.main\n`);
    expect(r.code).toBe(0);
  });

  it('a drop_frames that does not compile is ignored, as pprof ignores it', () => {
    const r = runCli([file('drop-bad.pb', bombProfile('aaaa', '(a+')), '--text']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(header + twoRows('aaaa'));
    expect(r.code).toBe(0);
  });

  it("Go's syntax: \\z is the end of the text", () => {
    const r = runCli([file('leaf2.pb', bombProfile(LONG)), '--text', '--show=!\\z']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`${header}Active filters:\n   show=!\\z\n${table}  976.56kB   100%   100%   976.56kB   100%  ${LONG}\n`);
    expect(r.code).toBe(0);
  });

  it("Go 1.19 refuses lookbehind, with pprof's message", () => {
    const r = runCli([file('leaf3.pb', bombProfile(LONG)), '--text', '--focus=(?<=a)b']);
    expect(r.stderr).toBe('gen-report: parsing focus regexp: error parsing regexp: invalid or unsupported Perl syntax: `(?<`\n');
    expect(r.stdout).toBe('');
    expect(r.code).toBe(2);
  });
});
