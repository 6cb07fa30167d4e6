/**
 * The interactive shell's commands: pprof's names, one-line descriptions and usage texts (so that
 * `help` reads as pprof's), and what each one produces.
 */

import { formatRecord } from '../../report/formats.js';

/**
 * How a command's output is delivered: `stdout` prints (or writes `> FILE`); `file` writes a file
 * (`> FILE`, else a new profileNNN.EXT in the current folder, as pprof does); `browser` is `web`.
 */
export type Delivery = 'stdout' | 'file' | 'browser';

export interface Command {
  /** The format (src/report/formats.ts) that renders it. */
  format: string;
  delivery: Delivery;
  /** Takes a regexp first (peek, list). */
  hasParam: boolean;
  description: string;
  usage: string;
  /** File extension for `file` and `browser` delivery. */
  ext?: string;
  /** Set when the command exists in pprof's language but not in this build: its one-line error. */
  unavailable?: string;
}

function reportUsage(c: string, cum: boolean, redirect: boolean): string {
  const h = [`${c} [n] [focus_regex]* [-ignore_regex]*`, 'Include up to n samples', 'Include samples matching focus_regex, and exclude ignore_regex.'];
  if (cum) {
    h[0] += ' [-cum]';
    h.push('-cum sorts the output by cumulative weight');
  }
  if (redirect) {
    h[0] += ' >f';
    h.push('Optionally save the report on the file f');
  }
  return h.join('\n');
}

function listUsage(c: string): string {
  return [
    `${c}<func_regex|address> [-focus_regex]* [-ignore_regex]*`,
    'Include functions matching func_regex, or including the address specified.',
    'Include samples matching focus_regex, and exclude ignore_regex.',
  ].join('\n');
}

const text = (description: string, usage: string, format = 'text', hasParam = false): Command => ({ format, delivery: 'stdout', hasParam, description, usage });
/** The file extension of a format, from its record. */
const extOf = (format: string): string => formatRecord(format)!.ext;

const picture = (format: string, description: string): Command => ({
  format,
  delivery: 'file',
  hasParam: false,
  ext: extOf(format),
  description,
  usage: reportUsage(format, false, true),
});

export const COMMANDS: Record<string, Command> = {
  top: text('Outputs top entries in text form', reportUsage('top', true, true)),
  text: text('Outputs top entries in text form', reportUsage('text', true, true)),
  tree: text('Outputs a text rendering of call graph', reportUsage('tree', true, true), 'tree'),
  peek: text('Output callers/callees of functions matching regexp', 'peek func_regex\nDisplay callers and callees of functions matching func_regex.', 'peek', true),
  list: text('Output annotated source for functions matching regexp', listUsage('list'), 'list', true),
  traces: text('Outputs all profile samples in text form', '', 'traces'),
  tags: text('Outputs all tags in the profile', 'tags [tag_regex]* [-ignore_regex]* [>file]\nList tags with key:value matching tag_regex and exclude ignore_regex.', 'tags'),
  dot: text('Outputs a graph in DOT format', reportUsage('dot', false, true), 'dot'),
  markdown: text('Outputs a short Markdown summary (totals, top table)', reportUsage('markdown', false, true), 'markdown'),
  json: text('Outputs the report as JSON (schema gen-report/1)', reportUsage('json', false, true), 'json'),
  svg: picture('svg', 'Outputs a graph in SVG format'),
  png: picture('png', 'Outputs a graph image in PNG format'),
  html: picture('html', 'Outputs a self-contained HTML report'),
  proto: {
    format: 'proto',
    delivery: 'file',
    hasParam: false,
    ext: extOf('proto'),
    description: 'Outputs the profile in compressed protobuf format',
    usage: '',
  },
  raw: text('Outputs a text representation of the raw profile', '', 'raw'),
  callgrind: {
    format: 'callgrind',
    delivery: 'file',
    hasParam: false,
    ext: extOf('callgrind'),
    description: 'Outputs a graph in callgrind format',
    usage: reportUsage('callgrind', false, true),
  },
  web: {
    format: 'html',
    delivery: 'browser',
    hasParam: false,
    ext: extOf('html'),
    description: 'Visualize graph through web browser',
    usage: reportUsage('web', false, false),
  },
};

/** pprof's command help: the description, then the usage lines indented. */
export function commandHelp(c: Command): string {
  let message = `${c.description}\n`;
  if (c.usage !== '') {
    message += '  Usage:\n';
    for (const line of c.usage.split('\n')) message += `    ${line}\n`;
  }
  return `${message}\n`;
}
