import { rmSync } from 'node:fs';
import { DEFAULTS } from '../../config/defaults.js';
import { oneLine, UsageError, UserError } from '../../errors.js';
import type { Profile } from '../../model/profile.js';
import { profileLabels, resolveSampleIndex } from '../../graph/analysis.js';
import { computeInputs, reportSource } from '../../report/inputs.js';
import { loadProfiles } from '../load.js';
import type { CliOptions } from '../options.js';
import { mergeWithBase, type RunIO } from '../run.js';
import { stemOf } from '../sources.js';
import { inputGuard } from '../write.js';
import { commandHelp, COMMANDS } from './commands.js';
import { execute, type ExecEnv } from './execute.js';
import { historyPath } from './history.js';
import { pipeReader, terminalReader, type LineReader } from './line-reader.js';
import { optionHelp, overview } from './option-help.js';
import { expandShortcuts, parseStep } from './parse-line.js';
import { formatOptions, isBoolOption, isOptionName, OptionState } from './options-state.js';
import { own } from '../../util/dict.js';

export const PROMPT = '(gen-report) ';

export interface InteractiveIO extends RunIO {
  /** Where commands come from; a terminal gets line editing, history and completion. */
  stdin: NodeJS.ReadStream;
  /** The terminal readline draws on, when stdin is one. */
  terminal?: NodeJS.WriteStream;
  stdoutIsTTY: boolean;
}

/** `gen-report -i`: loads the profiles once, then runs pprof's interactive language until quit or end of input. */
export async function runInteractive(opts: CliOptions, io: InteractiveIO): Promise<number> {
  if (opts.leaks) throw new UsageError('--interactive works on one profile (several are merged), not on a --leaks series');
  if (opts.inputs.includes('-') || opts.base.includes('-')) {
    throw new UsageError('--interactive reads its commands from stdin: give the profile as a file or URL, not -');
  }
  const given = opts.formats.filter((f) => f !== 'text');
  if (given.length > 0 || opts.output !== null || opts.budgets.length > 0) {
    throw new UsageError(`--interactive writes what its commands ask for: drop ${given.length > 0 ? `--${given[0]}` : opts.output !== null ? '--output' : 'the budgets'} and type the command (e.g. svg > heap.svg) in the session`);
  }
  const env = io.env ?? process.env;
  for (const w of opts.warnings) io.stderr(`gen-report: warning: ${w}\n`);
  const profile = await load(opts, io, env);
  const message = (s: string) => io.stderr(s.endsWith('\n') ? safe(s) : `${safe(s)}\n`);
  const sampleTypes = profile.sampleTypes.map((t) => t.type);

  const state = OptionState.fromReport(opts.report, opts.normalize);
  greet(profile, opts, message);
  // As pprof's shell: reports start with the "Showing nodes…" lines, the header was shown above.
  state.set('compact_labels', 'true');

  const guard = await inputGuard([...opts.inputs, ...opts.base]);
  const exec: ExecEnv = {
    profile,
    stem: stemOf(opts.inputs[0]!, DEFAULTS.stdinStem),
    base: opts.report,
    render: opts.render,
    stdout: io.stdout,
    message,
    checkOutput: (p) => guard.check(p),
    tempFiles: [],
    mayOpenBrowser: io.stdoutIsTTY,
  };
  const reader = makeReader(io, profile, sampleTypes, message, env);
  try {
    for (;;) {
      const line = await reader.read(PROMPT);
      if (line === null) return 0;
      for (const input of expandShortcuts(line, sampleTypes)) {
        if (!(await step(input, state, profile, exec, sampleTypes))) return 0;
      }
    }
  } finally {
    reader.close();
    for (const f of exec.tempFiles) rmSync(f, { force: true });
  }
}

/** One expanded line; false when it ends the session. Errors are one line and the session goes on. */
async function step(input: string, state: OptionState, profile: Profile, exec: ExecEnv, sampleTypes: string[]): Promise<boolean> {
  const s = parseStep(input, state, isOptionName, isBoolOption);
  try {
    switch (s.kind) {
      case 'none':
        return true;
      case 'quit':
        return false;
      case 'error':
        exec.message(s.message);
        return true;
      case 'options':
        exec.message(formatOptions(state, sampleTypes, sampleTypes[resolveSampleIndex(profile, '')]!));
        return true;
      case 'help':
        help(s.topic, sampleTypes, exec.message);
        return true;
      case 'set': {
        let value = s.value;
        // sample_index is checked against the profile and kept as the type's name.
        if (s.name === 'sample_index') value = sampleTypes[resolveSampleIndex(profile, value)]!;
        state.configure(s.name, value);
        return true;
      }
      case 'run':
        await execute(s.run, exec);
        return true;
    }
  } catch (e) {
    // Messages of the language (plain Error) and of the engine (UserError) are the user's to read;
    // anything else is a bug, said as one.
    const err = e as Error;
    const mine = e instanceof UserError || err?.constructor === Error;
    exec.message(`${mine ? '' : 'internal error: '}${oneLine(err?.message ?? String(e))}`);
    return true;
  }
}

function help(topic: string, sampleTypes: string[], message: (s: string) => void): void {
  if (topic === '') {
    message(overview());
    return;
  }
  const c = own(COMMANDS, topic);
  if (c && !c.unavailable) {
    message(commandHelp(c));
    return;
  }
  const o = optionHelp(topic, sampleTypes);
  if (o !== undefined) message(`${o}\n`);
  else message(`Unknown command: ${topic}`);
}

/** pprof's greeting: the profile's header lines, then how to get help. */
function greet(profile: Profile, opts: CliOptions, message: (s: string) => void): void {
  try {
    const a = computeInputs(reportSource(profile, { ...opts.report, compactLabels: false }, ''), ['rows']).rows;
    message(profileLabels(a).join('\n'));
    if (a.total === 0 && profile.sampleTypes.length > 1) {
      message('No samples were found with the default sample value type.');
      message('Try "sample_index" command to analyze different sample values.');
    }
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    message(oneLine(e.message));
  }
  message('Entering interactive mode (type "help" for commands, "o" for options)');
}

/** The profiles, merged and with the base subtracted, exactly as a one-shot run loads them. */
async function load(opts: CliOptions, io: InteractiveIO, env: NodeJS.ProcessEnv): Promise<Profile> {
  const say = (s: string) => io.stderr(s);
  const { profiles, remote } = await loadProfiles(opts.inputs, opts, (msg) => say(`gen-report: note: ${msg}\n`));
  return mergeWithBase(profiles, remote, opts, { say, step: () => {}, env });
}

function makeReader(io: InteractiveIO, profile: Profile, sampleTypes: string[], message: (s: string) => void, env: NodeJS.ProcessEnv): LineReader {
  if (!io.stdin.isTTY) return pipeReader(io.stdin, io.stdout);
  return terminalReader({
    input: io.stdin,
    // pprof draws its prompt on stderr; stdout when stderr is not the terminal (2>log).
    output: io.terminal ?? (process.stderr.isTTY ? process.stderr : process.stdout),
    historyFile: historyPath(env),
    functionNames: [...new Set(profile.functions.map((f) => f.name))].sort(),
    sampleTypes,
    warn: message,
  });
}

/** One line for the terminal: message text never carries control characters (a profile's names can). */
function safe(s: string): string {
  return s.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
