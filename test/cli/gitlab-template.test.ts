import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

/**
 * ci/gitlab/gen-report.gitlab-ci.yml, run as a GitLab runner would run a job extending it: the
 * job's variables (GitLab expands $CI_PROJECT_DIR in them) over the template's, then the script
 * entries in one bash with `set -eo pipefail`, in the project folder. GEN_REPORT_HOME is this
 * checkout (already built), so the clone-and-build entry is skipped as on a cache hit.
 */
const TEMPLATE = join(ROOT, 'ci/gitlab/gen-report.gitlab-ci.yml');
const job = parse(readFileSync(TEMPLATE, 'utf8'))['.gen-report'] as { variables: Record<string, string>; script: string[]; artifacts: { paths: string[] } };

function runJob(variables: Record<string, string>) {
  const project = mkdtempSync(join(tmpdir(), 'gen-report-gitlab-'));
  copyFileSync(join(ROOT, 'samples/workload/leak.pb.gz'), join(project, 'heap.pb.gz'));
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', NO_COLOR: '1', TZ: 'UTC', CI: 'true', GITLAB_CI: 'true', CI_PROJECT_DIR: project };
  for (const [k, v] of Object.entries({ ...job.variables, GEN_REPORT_HOME: ROOT, ...variables })) env[k] = v.replace(/\$CI_PROJECT_DIR/g, project);
  const r = spawnSync('bash', ['--norc', '--noprofile', '-c', `set -eo pipefail\n${job.script.join('\n')}`], { cwd: project, env, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, project };
}

describe('the GitLab CI template', () => {
  it('reports on heap.pb.gz into heap-report/ (the artifact path), the summary printed in the log', () => {
    const r = runJob({ GEN_REPORT_FORMATS: 'dot json', GEN_REPORT_MAX_TOTAL: '256MiB', GEN_REPORT_MAX_FLAT: 'main\\.query=192MiB\n' });
    expect(r.code, r.stderr).toBe(0);
    expect(job.artifacts.paths).toEqual([`${job.variables.GEN_REPORT_OUT_DIR}/`]);
    expect(readdirSync(join(r.project, 'heap-report')).sort()).toEqual(['heap.gv', 'heap.json', 'summary.md']);
    const md = readFileSync(join(r.project, 'heap-report/summary.md'), 'utf8');
    expect(md).toMatch(/#### Budgets: ✅ all 2 within budget/);
    expect(r.stdout.endsWith(md)).toBe(true);
  });
  it('a breached budget fails the job with exit 1, the files written and the summary printed', () => {
    const r = runJob({ GEN_REPORT_FORMATS: 'dot', GEN_REPORT_MAX_TOTAL: '1MB' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^gen-report: budget breached: --max-total 1MB/m);
    expect(readdirSync(join(r.project, 'heap-report')).sort()).toEqual(['heap.gv', 'summary.md']);
    expect(r.stdout).toContain('#### Budgets: ❌');
  });
  it('a bad input fails the job with exit 2 and one line', () => {
    const r = runJob({ GEN_REPORT_PROFILES: 'nothing-here.pb.gz' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^gen-report: nothing-here\.pb\.gz: [^\n]+\n$/);
  });
});
