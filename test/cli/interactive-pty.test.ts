import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT } from '../helpers/cli.js';

// gen-report -i on a real pseudo-terminal (util-linux `script`): line editing, Tab, history.
const ESC = '\x1b';
const UP = `${ESC}[A`;
const TAB = '\t';
const CTRL_D = '\x04';
const CTRL_U = '\x15';

/** A session on a pty: what it printed so far (escape sequences removed), and keys to type. */
class PtySession {
  private raw = '';
  private readonly child: ChildProcess;
  readonly exit: Promise<number | null>;

  constructor(stateHome: string) {
    const cmd = `${process.execPath} ${CLI} -i samples/workload/leak.pb.gz`;
    this.child = spawn('script', ['-qfec', cmd, '/dev/null'], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', TZ: 'UTC', TERM: 'xterm', XDG_STATE_HOME: stateHome, COLUMNS: '200' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (d: Buffer) => (this.raw += d.toString('utf8')));
    this.exit = new Promise((resolve) => this.child.on('close', (code) => resolve(code)));
  }

  /** The screen text: CSI sequences removed. */
  get text(): string {
    return this.raw.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
  }

  /** Waits until `pattern` occurs after position `from` of the text; returns where it ends. */
  async waitFor(pattern: string | RegExp, from = 0): Promise<number> {
    // A guard against a hang, not a speed check: give up (with the screen) after 20 s.
    for (let tries = 0; ; tries++) {
      if (tries > 1000) throw new Error(`never saw ${String(pattern)} in ${JSON.stringify(this.text.slice(from))}`);
      const t = this.text.slice(from);
      const i = typeof pattern === 'string' ? t.indexOf(pattern) : t.search(pattern);
      if (i >= 0) return from + i + (typeof pattern === 'string' ? pattern.length : (t.match(pattern)?.[0].length ?? 0));
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  type(keys: string): number {
    const at = this.text.length;
    this.child.stdin!.write(keys);
    return at;
  }
}

describe('gen-report -i on a terminal', () => {
  const state = mkdtempSync(join(tmpdir(), 'gen-report-state-'));

  it('Tab completes function names, Up recalls the previous command, Ctrl-D exits 0', async () => {
    const s = new PtySession(state);
    await s.waitFor('(gen-report) ');
    // A prefix: readline appends the rest of the only function starting with it.
    let at = s.type(`list main.quer${TAB}`);
    await s.waitFor('list main.query', at);
    at = s.type('\r');
    await s.waitFor('ROUTINE ======================== main.query', at);
    await s.waitFor('(gen-report) ', at);
    // A word inside a name (pprof's rule): the word is replaced by the whole name.
    at = s.type(`peek binaryRows).readR${TAB}`);
    await s.waitFor('peek github.com/go-sql-driver/mysql.(*binaryRows).readRow', at);
    s.type(CTRL_U);
    at = s.type(`top3\r`);
    await s.waitFor('Showing top 3 nodes out of 31', at);
    await s.waitFor('(gen-report) ', at);
    // Up, Up: the command before the last one, run again.
    at = s.type(`${UP}${UP}\r`);
    await s.waitFor('ROUTINE ======================== main.query', at);
    await s.waitFor('(gen-report) ', at);
    s.type(CTRL_D);
    expect(await s.exit).toBe(0);
    expect(readFileSync(join(state, 'gen-report', 'history'), 'utf8')).toBe('list main.query\ntop3\nlist main.query\n');
  }, 60_000);

  it('history survives a restart', async () => {
    const s = new PtySession(state);
    await s.waitFor('(gen-report) ');
    // The last session's second-to-last command: top3.
    const at = s.type(`${UP}${UP}\r`);
    await s.waitFor('Showing top 3 nodes out of 31', at);
    await s.waitFor('(gen-report) ', at);
    s.type(CTRL_D);
    expect(await s.exit).toBe(0);
    expect(readFileSync(join(state, 'gen-report', 'history'), 'utf8')).toBe('list main.query\ntop3\nlist main.query\ntop3\n');
  }, 60_000);
});
