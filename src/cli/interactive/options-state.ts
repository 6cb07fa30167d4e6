import type { ReportConfig } from '../../config/defaults.js';
import type { Granularity } from '../../graph/node-info.js';
import { GRANULARITIES } from '../../config/refine.js';
import { goFloat, parseGoBool, parseGoFloat, parseGoInt, pprofBool } from './go-values.js';

/**
 * The interactive shell's options: go tool pprof's configurable fields (same names, kinds and
 * spellings in `o`), kept between commands and turned into the engine's ReportConfig per command.
 */

type Kind = 'string' | 'bool' | 'int' | 'float';
export interface OptionField {
  name: string;
  kind: Kind;
  /** A field set by naming one of its values (`cum`, `lines`). */
  choices?: readonly string[];
  /** Shown in `o` and accepted, but not something gen-report can apply: setting it is an error. */
  unsupported?: string;
}

export const SORT_CHOICES = ['cum', 'flat'] as const;

/** pprof's configurable fields, in its config struct's order. */
export const OPTION_FIELDS: readonly OptionField[] = [
  { name: 'output', kind: 'string' },
  { name: 'call_tree', kind: 'bool' },
  { name: 'relative_percentages', kind: 'bool' },
  { name: 'unit', kind: 'string' },
  { name: 'compact_labels', kind: 'bool' },
  { name: 'source_path', kind: 'string' },
  { name: 'trim_path', kind: 'string' },
  // Only pprof's disasm and weblist read it, and gen-report has neither: accepted, no effect.
  { name: 'intel_syntax', kind: 'bool' },
  { name: 'mean', kind: 'bool', unsupported: 'gen-report does not support mean (average value per sample)' },
  { name: 'sample_index', kind: 'string' },
  { name: 'divide_by', kind: 'float' },
  { name: 'normalize', kind: 'bool', unsupported: 'normalize applies when the profiles are loaded: give --normalize with --base on the command line' },
  { name: 'sort', kind: 'string', choices: SORT_CHOICES },
  { name: 'tagroot', kind: 'string', unsupported: 'gen-report does not support tagroot' },
  { name: 'tagleaf', kind: 'string', unsupported: 'gen-report does not support tagleaf' },
  { name: 'drop_negative', kind: 'bool' },
  { name: 'nodecount', kind: 'int' },
  { name: 'nodefraction', kind: 'float' },
  { name: 'edgefraction', kind: 'float' },
  { name: 'trim', kind: 'bool' },
  { name: 'focus', kind: 'string' },
  { name: 'ignore', kind: 'string' },
  { name: 'prune_from', kind: 'string' },
  { name: 'hide', kind: 'string' },
  { name: 'show', kind: 'string' },
  { name: 'show_from', kind: 'string' },
  { name: 'tagfocus', kind: 'string' },
  { name: 'tagignore', kind: 'string' },
  { name: 'tagshow', kind: 'string' },
  { name: 'taghide', kind: 'string' },
  { name: 'noinlines', kind: 'bool' },
  { name: 'granularity', kind: 'string', choices: GRANULARITIES },
];

type Value = string | number | boolean;

/** Field name or choice name → field (pprof's configFieldMap). */
const BY_NAME = new Map<string, OptionField>();
for (const f of OPTION_FIELDS) {
  BY_NAME.set(f.name, f);
  for (const c of f.choices ?? []) BY_NAME.set(c, f);
}

/** A name `name=value` (or the bare word) sets. */
export function isOptionName(name: string): boolean {
  return BY_NAME.has(name);
}

/** Takes no value: a bool field, or one of a field's choices. */
export function isBoolOption(name: string): boolean {
  const f = BY_NAME.get(name);
  return f !== undefined && (f.name !== name || f.kind === 'bool');
}

/** Every field and choice name starting with `prefix` (for completion). */
export function optionNamesWithPrefix(prefix: string): string[] {
  return [...BY_NAME.keys()].filter((n) => n.startsWith(prefix));
}

export class OptionState {
  private readonly values = new Map<string, Value>();

  constructor(initial: Record<string, Value>) {
    for (const f of OPTION_FIELDS) this.values.set(f.name, initial[f.name]!);
  }

  /** The state a gen-report command line starts the shell with (pprof takes its flags the same way). */
  static fromReport(r: ReportConfig, normalize: boolean): OptionState {
    return new OptionState({
      output: '',
      call_tree: r.callTree,
      relative_percentages: r.relativePercentages,
      unit: r.unit,
      compact_labels: r.compactLabels,
      source_path: r.sourcePath,
      trim_path: r.trimPath,
      intel_syntax: false,
      mean: false,
      sample_index: r.sampleIndex,
      divide_by: r.divideBy,
      normalize,
      sort: r.sort,
      tagroot: '',
      tagleaf: '',
      drop_negative: r.dropNegative,
      nodecount: r.nodeCount,
      nodefraction: r.nodeFraction,
      edgefraction: r.edgeFraction,
      trim: r.trim,
      focus: r.focus,
      ignore: r.ignore,
      prune_from: r.pruneFrom,
      hide: r.hide,
      show: r.show,
      show_from: r.showFrom,
      tagfocus: r.tagFocus,
      tagignore: r.tagIgnore,
      tagshow: r.tagShow,
      taghide: r.tagHide,
      noinlines: r.noInlines,
      granularity: r.granularity,
    });
  }

  clone(): OptionState {
    return new OptionState(Object.fromEntries(this.values));
  }

  get(name: string): Value {
    return this.values.get(name)!;
  }

  /** The value as pprof's `o` prints it (fmt.Sprint of the Go field). */
  text(name: string): string {
    const v = this.get(name);
    const f = BY_NAME.get(name)!;
    return f.kind === 'float' ? goFloat(v as number) : String(v);
  }

  /** Sets a field from its text, checked as pprof's config.set does (same error texts). */
  set(name: string, text: string): void {
    const f = BY_NAME.get(name);
    if (!f || f.name !== name) throw new Error(`unknown config field "${name}"`);
    let v: Value;
    switch (f.kind) {
      case 'string':
        if (f.choices && !f.choices.includes(text)) throw new Error(`invalid "${f.name}" value "${text}"`);
        v = text;
        break;
      case 'int':
        v = parseGoInt(text);
        break;
      case 'float':
        v = parseGoFloat(text);
        break;
      case 'bool':
        v = pprofBool(text);
        break;
    }
    if (f.unsupported && v !== this.get(name)) throw new Error(f.unsupported);
    this.values.set(name, v);
  }

  /**
   * `name=value` or a bare `name`: a field takes the value; a choice (`cum`, `lines`) sets its field
   * when the value is true. A bare choice counts as true here (pprof 1.19 refuses it, asking for
   * `cum=true`).
   */
  configure(name: string, value: string): void {
    const f = BY_NAME.get(name);
    if (!f) throw new Error(`unknown config field "${name}"`);
    if (f.name === name) {
      this.set(name, value);
      return;
    }
    if (value === '' || parseGoBool(value) === true) this.set(f.name, name);
    else throw new Error(`unknown config field "${name}"`);
  }

  /** The engine's options for one command. */
  toReport(base: ReportConfig): ReportConfig {
    const s = (n: string) => this.get(n) as string;
    const b = (n: string) => this.get(n) as boolean;
    const n = (k: string) => this.get(k) as number;
    return {
      ...base,
      callTree: b('call_tree'),
      relativePercentages: b('relative_percentages'),
      unit: s('unit'),
      compactLabels: b('compact_labels'),
      sourcePath: s('source_path'),
      trimPath: s('trim_path'),
      sampleIndex: s('sample_index'),
      divideBy: n('divide_by'),
      sort: s('sort') as 'flat' | 'cum',
      dropNegative: b('drop_negative'),
      nodeCount: n('nodecount'),
      nodeFraction: n('nodefraction'),
      edgeFraction: n('edgefraction'),
      trim: b('trim'),
      focus: s('focus'),
      ignore: s('ignore'),
      pruneFrom: s('prune_from'),
      hide: s('hide'),
      show: s('show'),
      showFrom: s('show_from'),
      tagFocus: s('tagfocus'),
      tagIgnore: s('tagignore'),
      tagShow: s('tagshow'),
      tagHide: s('taghide'),
      noInlines: b('noinlines'),
      granularity: s('granularity') as Granularity,
      peek: '',
      list: '',
    };
  }
}

/** pprof's `o`: every field (source_path left out, as pprof does), sorted, with its choices. */
export function formatOptions(state: OptionState, sampleTypes: string[], defaultSampleType: string): string {
  const lines: string[] = [];
  for (const f of OPTION_FIELDS) {
    if (f.name === 'source_path') continue;
    let v = state.text(f.name);
    let comment = '';
    if (f.choices) comment = `[${[...f.choices].sort().join(' | ')}]`;
    else if (f.name === 'sample_index') {
      if (v === '') v = defaultSampleType;
      comment = `[${sampleTypes.join(' | ')}]`;
    } else if (f.name === 'nodecount' && v === '-1') comment = 'default';
    else if (v === '') v = '""';
    if (comment !== '') comment = `//: ${comment}`;
    lines.push(`  ${f.name.padEnd(25)} = ${v.padEnd(20)} ${comment}`);
  }
  return `${lines.sort().join('\n')}\n`;
}
