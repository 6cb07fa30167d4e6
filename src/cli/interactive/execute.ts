import { closeSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RenderOptions, ReportConfig } from '../../config/defaults.js';
import type { Profile } from '../../model/profile.js';
import { formatRecord, noSummary, renderFormat } from '../../report/formats.js';
import { reportSource, type ReportSource } from '../../report/inputs.js';
import { packageVersion } from '../../version.js';
import { writeAtomic } from '../write.js';
import { openInBrowser } from './browser.js';
import type { CommandRun } from './parse-line.js';

/** What a command needs from the session around it. */
export interface ExecEnv {
  profile: Profile;
  stem: string;
  base: ReportConfig;
  render: RenderOptions;
  stdout(s: string | Uint8Array): void;
  /** pprof's ui.Print / PrintErr: one message line on stderr. */
  message(s: string): void;
  /** Throws when `path` is one of the session's inputs (never overwritten). */
  checkOutput(path: string): Promise<void>;
  /** Files to remove when the session ends (pprof removes its `web` temp files too). */
  tempFiles: string[];
  /** A browser may be started (stdout is a terminal, never in a test's pipe). */
  mayOpenBrowser: boolean;
}

/** Renders one report command and delivers it: stdout, `> FILE`, a new profileNNN file, or `web`. */
export async function execute(run: CommandRun, env: ExecEnv): Promise<void> {
  const { command } = run;
  if (command.unavailable) throw new Error(command.unavailable);
  const config = run.options.toReport(env.base);
  if (run.param !== undefined) {
    if (command.format === 'peek') config.peek = run.param;
    if (command.format === 'list') config.list = run.param;
  }
  const data = await renderCommand(command.format, reportSource(env.profile, config, env.stem, env.render), env.message);

  const output = run.options.get('output') as string;
  if (command.delivery === 'browser') {
    const path = createNumbered(tmpdir(), 'gen-report', `.${command.ext}`, data);
    env.tempFiles.push(path);
    env.message(`Generating report in ${path}`);
    if (env.mayOpenBrowser) openInBrowser(path, env.message);
    return;
  }
  if (output !== '') {
    await env.checkOutput(output);
    env.message(`Generating report in ${output}`);
    await writeAtomic(output, data);
    return;
  }
  if (command.delivery === 'stdout') {
    env.stdout(data);
    return;
  }
  // As pprof does in its shell: a picture never goes to the terminal, it goes to a new file here.
  const path = createNumbered('', 'profile', `.${command.ext}`, data);
  env.message(`Generating report in ${path}`);
}

async function renderCommand(format: string, source: ReportSource, warn: (msg: string) => void): Promise<string | Uint8Array> {
  const r = formatRecord(format);
  if (!r) throw new Error(`${format}: no such report`);
  return (await renderFormat(r, source, noSummary(packageVersion()), warn)).data;
}

/** pprof's newTempFile: the first PREFIXnnnSUFFIX that does not exist yet, created exclusively. */
function createNumbered(dir: string, prefix: string, suffix: string, data: string | Uint8Array): string {
  for (let i = 1; i < 10000; i++) {
    const path = join(dir, `${prefix}${String(i).padStart(3, '0')}${suffix}`);
    let fd: number;
    try {
      fd = openSync(path, 'wx', 0o644);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw e;
    }
    try {
      writeFileSync(fd, data);
    } finally {
      closeSync(fd);
    }
    return path;
  }
  throw new Error(`could not create file of the form ${prefix}001${suffix}`);
}
