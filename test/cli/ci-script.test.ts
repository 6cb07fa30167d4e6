import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

/** .ci/report.sh: the README's CI recipe as .ci/run uses it. */
function report(args: string[], env: Record<string, string> = {}) {
  return spawnSync('bash', [join(ROOT, '.ci/report.sh'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', TZ: 'UTC', GITHUB_STEP_SUMMARY: '', GEN_REPORT_FORMATS: '--dot --json', ...env },
  });
}

describe('.ci/report.sh', () => {
  it('writes the reports and the summary into the artifact folder, within the workload budgets', () => {
    const out = mkdtempSync(join(tmpdir(), 'gen-report-ci-'));
    const r = report(['samples/workload/leak.pb.gz', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['leak.gv', 'leak.json', 'summary.md']);
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toMatch(/#### Budgets: ✅ all 2 within budget/);
    expect(JSON.parse(readFileSync(join(out, 'leak.json'), 'utf8')).budgets.ok).toBe(true);
  });
  it('appends the summary to $GITHUB_STEP_SUMMARY and passes a breach on as exit 1, files written', () => {
    const out = mkdtempSync(join(tmpdir(), 'gen-report-ci-'));
    const summary = join(out, '..', `${out.split('/').pop()}-summary.md`);
    writeFileSync(summary, '');
    const r = report(['samples/workload/leak.pb.gz', out, '--max-total', '1MB'], { GITHUB_STEP_SUMMARY: summary });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^gen-report: budget breached: --max-total 1MB: total is 4\.57MB/m);
    expect(readFileSync(summary, 'utf8')).toBe(readFileSync(join(out, 'summary.md'), 'utf8'));
    expect(readdirSync(out).sort()).toEqual(['leak.gv', 'leak.json', 'summary.md']);
  });
});
