import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

/**
 * The GitHub Action (action.yml → action/run.mjs), run as the runner would: inputs in INPUT_*
 * variables named as GitHub documents them, a step-summary file and an output file.
 */
const SCRIPT = join(ROOT, 'action/run.mjs');
const LEAK = join(ROOT, 'samples/workload/leak.pb.gz');

function action(inputs: Record<string, string>, extra: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'gen-report-action-'));
  const summary = join(dir, 'step-summary.md');
  const output = join(dir, 'github-output');
  writeFileSync(summary, '## an earlier step\n');
  writeFileSync(output, '');
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', NO_COLOR: '1', TZ: 'UTC', GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: output, RUNNER_TEMP: dir, ...extra };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v;
  const r = spawnSync(process.execPath, [SCRIPT], { cwd: dir, encoding: 'utf8', env, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, dir, summary: readFileSync(summary, 'utf8'), outputs: readOutputs(readFileSync(output, 'utf8')) };
}

/** $GITHUB_OUTPUT as the runner reads it: `name<<DELIM` lines … `DELIM`, or `name=value`. */
function readOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (!heredoc) {
      const eq = line.indexOf('=');
      out[line.slice(0, eq)] = line.slice(eq + 1);
      continue;
    }
    const body: string[] = [];
    for (i++; lines[i] !== heredoc[2]; i++) {
      if (i >= lines.length) throw new Error(`no closing delimiter for ${heredoc[1]}`);
      body.push(lines[i]!);
    }
    out[heredoc[1]!] = body.join('\n');
  }
  return out;
}

describe('the GitHub Action', () => {
  it('writes the reports, appends the summary to the step summary and sets the outputs', () => {
    const r = action({ profiles: LEAK, formats: 'dot json', 'out-dir': 'heap-report', 'max-total': '256MiB', 'max-flat': 'main\\.query=192MiB' });
    expect(r.code, r.stderr).toBe(0);
    const out = join(r.dir, 'heap-report');
    expect(readdirSync(out).sort()).toEqual(['leak.gv', 'leak.json', 'summary.md']);
    const md = readFileSync(join(out, 'summary.md'), 'utf8');
    expect(md).toMatch(/#### Budgets: ✅ all 2 within budget/);
    expect(r.summary).toBe(`## an earlier step\n${md}`);
    expect(r.outputs).toEqual({
      'out-dir': out,
      summary: join(out, 'summary.md'),
      json: join(out, 'leak.json'),
      html: '',
      png: '',
      svg: '',
      dot: join(out, 'leak.gv'),
      files: [join(out, 'leak.gv'), join(out, 'summary.md'), join(out, 'leak.json')].join('\n'),
      total: '4682.16kB',
      'total-value': '4794528',
      unit: 'bytes',
      budget: 'ok',
      breaches: '0',
      'exit-code': '0',
    });
  });

  it('a breached budget: exit 1 after every file is written, outputs set, an annotation on GitHub', () => {
    const r = action({ profiles: LEAK, formats: 'dot', 'out-dir': 'out', 'max-total': '1MB' }, { GITHUB_ACTIONS: 'true' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^gen-report: budget breached: --max-total 1MB: total is 4\.57MB/m);
    expect(readdirSync(join(r.dir, 'out')).sort()).toEqual(['leak.gv', 'summary.md']);
    expect(r.summary).toBe(`## an earlier step\n${readFileSync(join(r.dir, 'out/summary.md'), 'utf8')}`);
    expect(r.outputs.budget).toBe('breached');
    expect(r.outputs.breaches).toBe('1');
    expect(r.outputs['exit-code']).toBe('1');
    // The JSON the outputs come from was not asked for: it is not left in the out-dir or the temp folder.
    expect(r.outputs.json).toBe('');
    expect(readdirSync(r.dir).sort()).toEqual(['github-output', 'out', 'step-summary.md']);
    // gen-report's own output runs with workflow commands stopped (profile names cannot make any).
    const token = /^::stop-commands::(\S+)$/m.exec(r.stdout)![1];
    expect(r.stdout).toContain(`::${token}::\n`);
    expect(r.stdout).toMatch(/^::error title=gen-report budget::--max-total 1MB: total is 4\.57MB, over the limit of 1MB$/m);
  });

  it('--leaks on a series of snapshots, inputs named with hyphens as GitHub does (INPUT_OUT-DIR)', () => {
    const series = [1, 2, 3].map((i) => join(ROOT, `samples/workload/series/leak-00${i}.pb.gz`)).join('\n');
    const r = action({ profiles: `${series}\n`, leaks: 'true', formats: 'json', 'out-dir': 'leaks', 'max-growth': '1000%' });
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(join(r.dir, 'leaks')).sort()).toEqual(['leak-003.json', 'summary.md']);
    const doc = JSON.parse(readFileSync(join(r.dir, 'leaks/leak-003.json'), 'utf8'));
    expect(doc.leaks).not.toBeNull();
    expect(r.outputs.total).toBe(doc.total.formatted);
    expect(r.outputs.budget).toBe('ok');
  });

  it('diff-base with a growth budget, pass-through args one a line, summary: false leaves the job page alone', () => {
    const r = action({
      profiles: LEAK,
      'diff-base': join(ROOT, 'samples/workload/fixed.pb.gz'),
      'max-growth': '1MB',
      formats: 'json',
      args: '--sample_index=inuse_space\n--nodecount=5',
      summary: 'false',
      'out-dir': 'cmp',
    });
    expect(r.code).toBe(1);
    expect(r.summary).toBe('## an earlier step\n');
    expect(r.stderr).toMatch(/^gen-report: budget breached: --max-growth 1MB: /m);
    const doc = JSON.parse(readFileSync(join(r.dir, 'cmp/leak.json'), 'utf8'));
    expect(doc.comparison).not.toBeNull();
    expect(doc.options.nodeCount).toBe(5);
    expect(r.outputs.budget).toBe('breached');
  });

  it('bad inputs: exit 2 with one line naming the problem, nothing written', () => {
    const cases: [Record<string, string>, string][] = [
      [{ profiles: '' }, 'gen-report action: input "profiles" is empty: give the profile (a path or URL), one a line\n'],
      [{ profiles: LEAK, formats: 'html;rm' }, 'gen-report action: input "formats": "html;rm" is not a format name (html png svg dot json text …)\n'],
      [{ profiles: LEAK, leaks: 'maybe' }, 'gen-report action: input "leaks" is "maybe": give true or false\n'],
      [{ profiles: LEAK, 'max-total': '1MB\n2MB' }, 'gen-report action: input "max-total" takes one value, not several lines\n'],
    ];
    for (const [inputs, message] of cases) {
      const r = action(inputs);
      expect(r.stderr).toBe(message);
      expect(r.code).toBe(2);
      expect(r.summary).toBe('## an earlier step\n');
      expect(r.outputs).toEqual({});
      expect(readdirSync(r.dir).sort()).toEqual(['github-output', 'step-summary.md']);
    }
  });

  it("gen-report's own refusals (a missing profile, a bad budget): exit 2, its message, no summary", () => {
    for (const [inputs, message] of [
      [{ profiles: 'missing.pb.gz', 'out-dir': 'o' }, /^gen-report: missing\.pb\.gz: /],
      [{ profiles: LEAK, 'out-dir': 'o', 'max-total': 'lots' }, /^gen-report: .*lots/],
    ] as const) {
      const r = action(inputs);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.summary).toBe('## an earlier step\n');
      expect(r.outputs).toEqual({ 'exit-code': '2' });
      expect(existsSync(join(r.dir, 'o')) ? readdirSync(join(r.dir, 'o')) : []).toEqual([]);
    }
  });

  it('action.yml: a composite action passing every input to the script, every output from it', () => {
    const yml = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'));
    expect(yml.runs.using).toBe('composite');
    const step = yml.runs.steps.find((s: { id?: string }) => s.id === 'report');
    expect(step.run).toBe('node "$GITHUB_ACTION_PATH/action/run.mjs"');
    const script = readFileSync(SCRIPT, 'utf8');
    for (const name of Object.keys(yml.inputs)) {
      // The composite step names it with underscores (a shell-friendly name); the script reads both.
      expect(step.env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`], name).toBe(`\${{ inputs.${name} }}`);
      expect(script, name).toMatch(new RegExp(`\\(['"]${name}['"]`));
    }
    for (const [name, o] of Object.entries(yml.outputs as Record<string, { value: string }>)) expect(o.value).toBe(`\${{ steps.report.outputs.${name} }}`);
    // No input is pasted into a shell script (script injection): inputs go through env only.
    for (const s of yml.runs.steps) expect(s.run ?? '').not.toMatch(/\$\{\{\s*inputs\./);
  });
});
