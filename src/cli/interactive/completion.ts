import { COMMANDS } from './commands.js';
import { fields } from './parse-line.js';
import { optionNamesWithPrefix } from './options-state.js';
import { own } from '../../util/dict.js';

/** Words the shell itself knows besides the report commands. */
const SHELL_WORDS = ['help', 'o', 'options', 'quit', 'exit'];

/**
 * Tab completion, pprof's rules with a list when several match: the first word completes to a
 * command or option name, `sample_index=` to a sample type, `help X` to a command or option, and a
 * later word of a report command (but tags) to a function name of the profile (`-name` too).
 * Returns the line's last word and what may replace it; one candidate is a completion.
 */
export function completeLine(line: string, functionNames: readonly string[], sampleTypes: readonly string[]): { word: string; hits: string[] } {
  const tokens = fields(line);
  const none = { word: '', hits: [] };
  if (tokens.length === 0 || /\s$/.test(line)) return none;
  const word = tokens[tokens.length - 1]!;
  if (tokens.length === 1) {
    const eq = word.indexOf('=');
    if (eq >= 0) {
      if (word.slice(0, eq) !== 'sample_index') return none;
      const v = word.slice(eq + 1);
      return { word, hits: sampleTypes.filter((s) => s.startsWith(v)).map((s) => `sample_index=${s}`) };
    }
    return { word, hits: matchWord(word) };
  }
  if (tokens[0] === 'help' && tokens.length === 2) return { word, hits: matchWord(word) };
  if (!own(COMMANDS, tokens[0]!.replace(/[0-9]+$/, '')) || tokens[0] === 'tags') return none;
  const neg = word.startsWith('-') ? '-' : '';
  return { word, hits: matchFunction(word.slice(neg.length), functionNames).map((f) => `${neg}${f}`) };
}

function matchWord(prefix: string): string[] {
  const p = prefix.toLowerCase();
  const names = [...Object.keys(COMMANDS), ...SHELL_WORDS, ...optionNamesWithPrefix(p)];
  return [...new Set(names.filter((n) => n.startsWith(p)))].sort();
}

/** Names starting with the word, else (pprof's rule) names containing it. */
function matchFunction(word: string, names: readonly string[]): string[] {
  if (word === '') return [];
  const starts = names.filter((n) => n.startsWith(word));
  if (starts.length > 0) return starts;
  return names.filter((n) => n.includes(word));
}
