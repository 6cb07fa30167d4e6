import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { byCommand, INTERACTIVE, interactiveCases, runInteractiveScript } from '../helpers/interactive.js';

// Each script went to `go tool pprof` on stdin (test/goldens/interactive/regen.sh); gen-report -i
// must answer every command as pprof did. Only the prompt's name and the Time: line differ.
const cases = interactiveCases();
const script = (name: string) => readFileSync(join(INTERACTIVE, 'scripts', `${name}.cmds`), 'utf8');

describe('gen-report -i answers command by command as go tool pprof does', () => {
  let commands = 0;
  for (const c of cases) {
    it(c.name, () => {
      const golden = byCommand(readFileSync(join(INTERACTIVE, 'pprof', `${c.name}.txt`), 'utf8'), '(pprof) ');
      const r = runInteractiveScript(c, script(c.script));
      expect(r.code).toBe(0);
      const ours = byCommand(r.output, '(gen-report) ');
      const lines = ['(greeting)', ...script(c.script).split('\n')];
      // Pair each answer with its command, so a failure names the command.
      const pair = (answers: string[]) => answers.map((a, i) => `${lines[i] ?? '(end of input)'}\n${a}`);
      expect(pair(ours)).toEqual(pair(golden));
      commands += golden.length - 1;
    });
  }
  it('covers at least 25 commands and option settings', () => {
    expect(commands).toBeGreaterThanOrEqual(25);
  });
});
