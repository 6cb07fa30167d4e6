import { COMMANDS, type Command } from './commands.js';
import { goQuote } from './go-values.js';
import { OPTION_HELP } from './option-help.js';
import type { OptionState } from './options-state.js';
import { own } from '../../util/dict.js';

/**
 * pprof's interactive language, one line at a time: macros (`:`, sample type names), option
 * settings (`name=value`, bare bool words), the shell's own words (o, help, quit) and report
 * commands with their trailing arguments (`top10 main -runtime -cum >out.txt`).
 */

export type Step =
  | { kind: 'set'; name: string; value: string; bare: boolean }
  | { kind: 'options' }
  | { kind: 'quit' }
  | { kind: 'help'; topic: string }
  | { kind: 'run'; run: CommandRun }
  | { kind: 'error'; message: string }
  | { kind: 'none' };

/** One report command, with the options it runs under (trailing words apply to it only). */
export interface CommandRun {
  name: string;
  command: Command;
  /** The regexp of peek/list. */
  param?: string;
  options: OptionState;
}

/** `//:` starts a comment after an option's value (what `o` prints, pasted back, still parses). */
const COMMENT = '//:';
const TAIL_DIGITS = /[0-9]+$/;
/** pprof's commands gen-report has no renderer for: said so, rather than "unrecognized". */
const PPROF_ONLY = ['comments', 'disasm', 'eog', 'evince', 'gif', 'gv', 'kcachegrind', 'pdf', 'ps', 'topproto', 'weblist'];

/** Expands one input line into the lines it stands for (pprof's shortcuts). */
export function expandShortcuts(line: string, sampleTypes: string[]): string[] {
  const input = line.trim();
  if (input === ':') return ['focus=', 'ignore=', 'hide=', 'tagfocus=', 'tagignore='];
  for (const t of sampleTypes) {
    if (input === t) return [`sample_index=${t}`];
    if (input === `total_${t}`) return ['mean=0', `sample_index=${t}`];
    if (input === `mean_${t}`) return ['mean=1', `sample_index=${t}`];
  }
  return [input];
}

export function fields(s: string): string[] {
  return s.split(/\s+/).filter((t) => t !== '');
}

/**
 * One expanded line → what to do. `isOption` tells option names from commands; the caller checks
 * and applies `set` steps (sample_index needs the profile).
 */
export function parseStep(input: string, state: OptionState, isOption: (n: string) => boolean, isBool: (n: string) => boolean): Step {
  const eq = input.indexOf('=');
  const name = (eq < 0 ? input : input.slice(0, eq)).trim();
  if (isOption(name)) {
    if (eq < 0 && !isBool(name)) return { kind: 'error', message: `please specify a value, e.g. ${name}=<val>` };
    let value = eq < 0 ? '' : input.slice(eq + 1);
    const c = value.lastIndexOf(COMMENT);
    if (c >= 0) value = value.slice(0, c);
    return { kind: 'set', name, value: value.trim(), bare: eq < 0 };
  }
  const tokens = fields(input);
  if (tokens.length === 0) return { kind: 'none' };
  switch (tokens[0]) {
    case 'o':
    case 'options':
      return { kind: 'options' };
    case 'exit':
    case 'quit':
    case 'q':
      return { kind: 'quit' };
    case 'help':
      return { kind: 'help', topic: tokens.slice(1).join(' ') };
  }
  try {
    return { kind: 'run', run: parseCommand(tokens, state) };
  } catch (e) {
    return { kind: 'error', message: (e as Error).message };
  }
}

/** pprof's parseCommandLine: the command, its regexp, then numbers, >file, -cum, -ignore, focus words. */
export function parseCommand(tokens: string[], state: OptionState): CommandRun {
  let name = tokens[0]!;
  let args = tokens.slice(1);
  let command: Command | undefined = own(COMMANDS, name);
  if (!command) {
    // `top10` is `top 10`.
    const d = TAIL_DIGITS.exec(name)?.[0];
    if (d !== undefined && d !== name) {
      name = name.slice(0, -d.length);
      args = [d, ...args];
      command = own(COMMANDS, name);
    }
  }
  if (!command) {
    if (own(OPTION_HELP, name) !== undefined) throw new Error(`did you mean: ${name}=${args[0] ?? '<val>'}`);
    if (PPROF_ONLY.includes(name)) throw new Error(`${name} is a go tool pprof command that gen-report does not have (type "help" for its commands)`);
    throw new Error(`unrecognized command: ${goQuote(name)}`);
  }
  let param: string | undefined;
  if (command.hasParam) {
    if (args.length === 0) throw new Error(`command ${name} requires an argument`);
    param = args[0]!;
    args = args.slice(1);
  }
  // Trailing words change this command's options only.
  const options = state.clone();
  let focus = '';
  let ignore = '';
  for (let i = 0; i < args.length; i++) {
    const t = args[i]!;
    if (/^[+-]?[0-9]+$/.test(t) && Math.abs(Number(t)) <= 2 ** 31 - (t.startsWith('-') ? 0 : 1)) {
      options.set('nodecount', String(Number(t)));
      continue;
    }
    if (t.startsWith('>')) {
      let file = t.slice(1);
      if (file === '') {
        i++;
        if (i >= args.length) throw new Error('unexpected end of line after >');
        file = args[i]!;
      }
      options.set('output', file);
    } else if (t.startsWith('-')) {
      if (t === '--cum' || t === '-cum') options.set('sort', 'cum');
      else ignore = joinRegexp(ignore, t.slice(1));
    } else focus = joinRegexp(focus, t);
  }
  const [f, g] = name === 'tags' ? ['tagfocus', 'tagignore'] : ['focus', 'ignore'];
  if (focus !== '') options.set(f, focus);
  if (ignore !== '') options.set(g, ignore);
  // The shell's top and text show 10 rows unless told otherwise.
  if (options.get('nodecount') === -1 && (name === 'text' || name === 'top')) options.set('nodecount', '10');
  return { name, command, param, options };
}

function joinRegexp(a: string, b: string): string {
  return a !== '' && b !== '' ? `${a}|${b}` : a + b;
}
