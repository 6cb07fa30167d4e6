import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synthProfile } from '../../bench/synth-profile.js';
import { CLI, runCli } from '../helpers/cli.js';

// A profile whose untrimmed DOT is ~13 MB: written in many chunks, so a kill lands mid-write.
const dir = mkdtempSync(join(tmpdir(), 'gr-atomic-'));
const input = join(dir, 'big.pb');
const ARGS = ['--dot', '--nodecount', '0', '--trim=false'];
let reference: Buffer;

beforeAll(() => {
  writeFileSync(input, synthProfile({ functions: 1500, samples: 8000, seed: 2 }));
  const out = join(dir, 'ref.gv');
  const r = runCli([input, ...ARGS, '-o', out]);
  expect(r.code).toBe(0);
  reference = readFileSync(out);
  expect(reference.length).toBeGreaterThan(8 * 2 ** 20);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Killed {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Size of the first file seen in the output folder when the signal was sent. */
  sizeAtKill: number;
  left: string[];
}

/**
 * Runs the CLI into an empty folder and sends `signal` as soon as any file appears there (the
 * temp file of an atomic writer, or the target itself of a non-atomic one), or after `afterMs`.
 */
function killDuringWrite(name: string, signal: NodeJS.Signals, afterMs?: number): Promise<Killed> {
  const out = join(dir, name);
  mkdirSync(out);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, input, ...ARGS, '--out-dir', out], { stdio: 'ignore' });
    let sizeAtKill = -1;
    const kill = (file?: string) => {
      if (child.exitCode !== null || child.signalCode !== null || sizeAtKill !== -1) return;
      try {
        sizeAtKill = file ? statSync(join(out, file)).size : 0;
      } catch {
        sizeAtKill = 0;
      }
      child.kill(signal);
    };
    const w = afterMs === undefined ? watch(out, (_ev, file) => kill(file ?? undefined)) : null;
    const t = afterMs !== undefined ? setTimeout(() => kill(), afterMs) : null;
    child.on('error', reject);
    child.on('exit', (code, sig) => {
      w?.close();
      if (t) clearTimeout(t);
      resolve({ code, signal: sig, sizeAtKill, left: readdirSync(out) });
    });
  });
}

describe('outputs are atomic', () => {
  it('SIGINT while writing: exit 130, no temp file, no partial target', async () => {
    const k = await killDuringWrite('int', 'SIGINT');
    expect(k.sizeAtKill).toBeLessThan(reference.length); // the signal came before the file was complete
    expect(k.code).toBe(130);
    expect(k.left).toEqual([]);
  }, 120_000);

  it('SIGTERM while writing: exit 143, nothing left', async () => {
    const k = await killDuringWrite('term', 'SIGTERM');
    expect(k.code).toBe(143);
    expect(k.left).toEqual([]);
  }, 120_000);

  it('SIGKILL while writing: the target is absent or complete; only a hidden .tmp may remain', async () => {
    const k = await killDuringWrite('kill', 'SIGKILL');
    expect(k.signal).toBe('SIGKILL');
    expect(k.sizeAtKill).toBeLessThan(reference.length);
    for (const f of k.left) {
      if (f === 'big.gv') expect(readFileSync(join(dir, 'kill', f)).equals(reference)).toBe(true);
      else expect(f).toMatch(/^\.big\.gv\.\d+\.[0-9a-f]{8}\.tmp$/);
    }
  }, 120_000);

  it('SIGINT while rendering (before any file): stopped by the signal at once, nothing written', async () => {
    const k = await killDuringWrite('early', 'SIGINT', 700);
    expect(k.signal).toBe('SIGINT'); // the default action, not a handler waiting for the render to end
    expect(k.left).toEqual([]);
  }, 120_000);

  it('an uninterrupted run writes the complete file and no temp file', async () => {
    const out = join(dir, 'whole');
    const r = runCli([input, ...ARGS, '--out-dir', out]);
    expect(r.code).toBe(0);
    expect(readdirSync(out)).toEqual(['big.gv']);
    expect(readFileSync(join(out, 'big.gv')).equals(reference)).toBe(true);
  }, 120_000);
});
