import { createInterface, type Interface } from 'node:readline';
import { completeLine } from './completion.js';
import { HISTORY_SIZE, loadHistory, saveHistory } from './history.js';

/** Reads the shell's commands: `null` at the end of input (Ctrl-D, end of a pipe). */
export interface LineReader {
  read(prompt: string): Promise<string | null>;
  close(): void;
}

/**
 * Not a terminal: one command per line, as pprof's plain UI reads them, with the prompt written to
 * stdout before each read (so a transcript shows which output answers which command).
 */
export function pipeReader(input: NodeJS.ReadableStream, writePrompt: (s: string) => void): LineReader {
  const rl = createInterface({ input, crlfDelay: Infinity, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  return {
    async read(prompt) {
      writePrompt(prompt);
      const next = await lines.next();
      return next.done ? null : next.value;
    },
    close: () => rl.close(),
  };
}

export interface TerminalOptions {
  input: NodeJS.ReadStream;
  output: NodeJS.WriteStream;
  historyFile: string;
  functionNames: readonly string[];
  sampleTypes: readonly string[];
  /** One message line (a history file that cannot be written). */
  warn(s: string): void;
}

/** A terminal: node:readline's line editing, history kept in a file between sessions, Tab completion. */
export function terminalReader(o: TerminalOptions): LineReader {
  let rl!: Interface;
  const completer = (line: string, cb: (err: null, result: [string[], string]) => void): void => {
    const { word, hits } = completeLine(line, o.functionNames, o.sampleTypes);
    if (hits.every((h) => h.startsWith(word))) {
      cb(null, [hits, word]);
      return;
    }
    cb(null, [[], word]);
    // A name that contains the word but does not start with it: replace the word (readline only
    // ever appends to it).
    if (hits.length === 1) {
      const replaced = line.slice(0, line.length - word.length) + hits[0]!;
      setImmediate(() => {
        rl.write(null, { ctrl: true, name: 'u' });
        rl.write(replaced);
      });
    }
  };
  rl = createInterface({
    input: o.input,
    output: o.output,
    terminal: true,
    completer,
    history: loadHistory(o.historyFile),
    historySize: HISTORY_SIZE,
    removeHistoryDuplicates: false,
    tabSize: 4,
  });
  let warned = false;
  rl.on('history', (h: string[]) => {
    try {
      saveHistory(o.historyFile, h);
    } catch (e) {
      if (!warned) o.warn(`history not saved: ${(e as Error).message}`);
      warned = true;
    }
  });
  // Ctrl-C drops the line being typed, as a shell does; Ctrl-D on an empty line ends the session.
  rl.on('SIGINT', () => {
    o.output.write('^C\n');
    rl.write(null, { ctrl: true, name: 'e' });
    rl.write(null, { ctrl: true, name: 'u' });
    rl.prompt();
  });
  const queue: string[] = [];
  let waiting: ((l: string | null) => void) | null = null;
  let closed = false;
  rl.on('line', (l) => {
    if (waiting) {
      const w = waiting;
      waiting = null;
      w(l);
    } else queue.push(l);
  });
  rl.on('close', () => {
    closed = true;
    if (waiting) waiting(null);
    waiting = null;
  });
  return {
    read(prompt) {
      if (queue.length > 0) return Promise.resolve(queue.shift()!);
      if (closed) return Promise.resolve(null);
      rl.setPrompt(prompt);
      rl.prompt();
      return new Promise((resolve) => (waiting = resolve));
    },
    close() {
      rl.close();
    },
  };
}
