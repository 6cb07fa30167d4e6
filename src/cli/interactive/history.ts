import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** Lines kept between sessions (the newest). */
export const HISTORY_SIZE = 1000;

/** $XDG_STATE_HOME/gen-report/history, else ~/.local/state/gen-report/history (XDG's state folder). */
export function historyPath(env: NodeJS.ProcessEnv): string {
  const state = env['XDG_STATE_HOME'];
  const base = state && state.startsWith('/') ? state : join(env['HOME'] || homedir(), '.local', 'state');
  return join(base, 'gen-report', 'history');
}

/** The saved lines, newest first (node:readline's order); none when the file is missing or unreadable. */
export function loadHistory(path: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(-HISTORY_SIZE)
    .reverse();
}

/** Writes the lines (newest first), oldest line first in the file, private to the user. */
export function saveHistory(path: string, newestFirst: string[]): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const lines = newestFirst.slice(0, HISTORY_SIZE).reverse();
  writeFileSync(path, lines.length > 0 ? `${lines.join('\n')}\n` : '', { mode: 0o600 });
}
