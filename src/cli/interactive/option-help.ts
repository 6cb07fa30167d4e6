/** pprof's help texts of the options (`help focus`), and the shell's overview (`help`). */
import { COMMANDS } from './commands.js';
import { OPTION_FIELDS } from './options-state.js';
import { own } from '../../util/dict.js';

const h = (...lines: string[]) => `${lines.join('\n')}\n`;
const UNIT_LINES = [
  'Use name=value syntax to limit the matching to a specific tag.',
  'Numeric tag filter examples: 1kb, 1kb:10kb, memory=32mb:',
  'String tag filter examples: foo, foo.*bar, mytag=foo.*bar',
];

export const OPTION_HELP: Record<string, string> = {
  output: h('Output filename for file-based outputs'),
  drop_negative: h('Ignore negative differences', 'Do not show any locations with values <0.'),
  call_tree: h('Create a context-sensitive call tree', 'Treat locations reached through different paths as separate.'),
  relative_percentages: h(
    'Show percentages relative to focused subgraph',
    'If unset, percentages are relative to full graph before focusing',
    'to facilitate comparison with original graph.',
  ),
  unit: h(
    'Measurement units to display',
    'Scale the sample values to this unit.',
    'For time-based profiles, use seconds, milliseconds, nanoseconds, etc.',
    'For memory profiles, use megabytes, kilobytes, bytes, etc.',
    'Using auto will scale each value independently to the most natural unit.',
  ),
  compact_labels: 'Show minimal headers',
  source_path: 'Search path for source files',
  trim_path: 'Path to trim from source paths before search',
  intel_syntax: h('Show assembly in Intel syntax', 'Only applicable to commands `disasm` and `weblist`'),
  nodecount: h(
    'Max number of nodes to show',
    'Uses heuristics to limit the number of locations to be displayed.',
    'On graphs, dotted edges represent paths through nodes that have been removed.',
  ),
  nodefraction: 'Hide nodes below <f>*total',
  edgefraction: 'Hide edges below <f>*total',
  trim: h('Honor nodefraction/edgefraction/nodecount defaults', 'Set to false to get the full profile, without any trimming.'),
  focus: h(
    'Restricts to samples going through a node matching regexp',
    'Discard samples that do not include a node matching this regexp.',
    'Matching includes the function name, filename or object name.',
  ),
  ignore: h(
    'Skips paths going through any nodes matching regexp',
    'If set, discard samples that include a node matching this regexp.',
    'Matching includes the function name, filename or object name.',
  ),
  prune_from: h(
    'Drops any functions below the matched frame.',
    'If set, any frames matching the specified regexp and any frames',
    'below it will be dropped from each sample.',
  ),
  hide: h(
    'Skips nodes matching regexp',
    'Discard nodes that match this location.',
    'Other nodes from samples that include this location will be shown.',
    'Matching includes the function name, filename or object name.',
  ),
  show: h('Only show nodes matching regexp', 'If set, only show nodes that match this location.', 'Matching includes the function name, filename or object name.'),
  show_from: h(
    'Drops functions above the highest matched frame.',
    'If set, all frames above the highest match are dropped from every sample.',
    'Matching includes the function name, filename or object name.',
  ),
  tagroot: h('Adds pseudo stack frames for labels key/value pairs at the callstack root.', 'A comma-separated list of label keys.', 'The first key creates frames at the new root.'),
  tagleaf: h('Adds pseudo stack frames for labels key/value pairs at the callstack leaf.', 'A comma-separated list of label keys.', 'The last key creates frames at the new leaf.'),
  tagfocus: h('Restricts to samples with tags in range or matched by regexp', ...UNIT_LINES),
  tagignore: h('Discard samples with tags in range or matched by regexp', ...UNIT_LINES),
  tagshow: h('Only consider tags matching this regexp', 'Discard tags that do not match this regexp'),
  taghide: h('Skip tags matching this regexp', 'Discard tags that match this regexp'),
  divide_by: h('Ratio to divide all samples before visualization', 'Divide all samples values by a constant, eg the number of processors or jobs.'),
  mean: h('Average sample value over first value (count)', 'For memory profiles, report average memory per allocation.', 'For time-based profiles, report average time per event.'),
  sample_index: h('Sample value to report (0-based index or name)', 'Profiles contain multiple values per sample.', 'Use sample_index=i to select the ith value (starting at 0).'),
  normalize: h('Scales profile based on the base profile.'),
  flat: h('Sort entries based on own weight'),
  cum: h('Sort entries based on cumulative weight'),
  functions: h('Aggregate at the function level.', 'Ignores the filename where the function was defined.'),
  filefunctions: h('Aggregate at the function level.', 'Takes into account the filename where the function was defined.'),
  files: 'Aggregate at the file level.',
  lines: 'Aggregate at the source code line level.',
  addresses: h('Aggregate at the address level.', "Includes functions' addresses in the output."),
  noinlines: h('Ignore inlines.', 'Attributes inlined functions to their first out-of-line caller.'),
};

/** The help of `sample_index` names the loaded profile's types, as pprof's does. */
export function optionHelp(name: string, sampleTypes: string[]): string | undefined {
  const text = own(OPTION_HELP, name);
  if (text === undefined) return undefined;
  return name === 'sample_index' ? `${text}Or use sample_index=name, with name in [${sampleTypes.join(' ')}].\n` : text;
}

/** `help` alone: commands, options, option groups (pprof's layout). */
export function overview(): string {
  const line = (c: string, d: string) => `    ${c.padEnd(16)} ${d.split('\n', 1)[0]}`;
  const commands = Object.entries(COMMANDS)
    .filter(([, c]) => !c.unavailable)
    .map(([n, c]) => line(n, c.description))
    .sort();
  commands.push(line('o/options', 'List options and their current values'), line('q/quit/exit/^D', 'Exit gen-report'));
  const variables: string[] = [];
  const groups: string[] = [];
  for (const f of OPTION_FIELDS) {
    if (!f.choices) variables.push(line(f.name, own(OPTION_HELP, f.name) ?? ''));
    else groups.push([line(f.name, ''), ...f.choices.map((c) => `  ${line(c, own(OPTION_HELP, c) ?? '')}`)].join('\n'));
  }
  return (
    `  Commands:\n${commands.join('\n')}\n\n  Options:\n${variables.sort().join('\n')}\n\n` +
    `  Option groups (only set one per group):\n${groups.sort().join('\n')}\n` +
    '  :   Clear focus/ignore/hide/tagfocus/tagignore\n\n  type "help <cmd|option>" for more information\n'
  );
}
