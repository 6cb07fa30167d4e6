import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runCli } from './cli.js';

/** Writes `content` to a fresh temporary file named `name`; returns its path. */
export function writeTemp(content: string | Uint8Array, name: string): string {
  const f = join(mkdtempSync(join(tmpdir(), 'gen-report-in-')), name);
  writeFileSync(f, content);
  return f;
}

/** `gen-report FILE --text` on `text` fails as bad input should: exit 2, one stderr line naming the file and `problem`. */
export function expectInputError(text: string, name: string, problem: string): void {
  const f = writeTemp(text, name);
  const r = runCli([f, '--text']);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toContain(`gen-report: ${f}: `);
  expect(r.stderr).toContain(problem);
}
