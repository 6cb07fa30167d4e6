import { configFlags, shellQuote } from '../../config/refine.js';
import { DEFAULTS, type ReportConfig } from '../../config/defaults.js';
import { computeInputs, reportSource, type ReportSource } from '../inputs.js';
import { jsonForScript } from './embed.js';
import { sourceListing } from '../text/source-listing.js';
import { textItems } from '../text/text.js';
import { platform } from '../../util/platform.js';
import { encodeProfile, type EncodedProfile } from '../../model/codec.js';
import { dict, own } from '../../util/dict.js';

/** A source file as the page's Source view reads it: its lines from `firstLine` (null: a line not embedded; `eof`: the file ends after the last one). */
export interface EmbeddedSource {
  firstLine: number;
  lines: (string | null)[];
  eof?: boolean;
}

/** What `#gr-profile` holds: the report's profile and what the engine needs to refine it as the command would. */
export interface EmbeddedPage {
  profile: EncodedProfile;
  /** The report's config (its flags); a refine replaces the refine fields only (src/config/refine.ts). */
  config: ReportConfig;
  stem: string;
  /** The command's profile arguments: the report's inputs (a --leaks report: the last snapshot, whose views the page shows). */
  inputs: string[];
  /** `--base=…` / `--diff_base=…` and `--normalize`, as the report was made. */
  compare: string[];
  /** Source files of the top functions, keyed by the file name --list reads (after --trim_path). */
  sources?: Record<string, EmbeddedSource>;
  /** Said in the Source view: which sources are not in the page, and why. */
  sourcesNote?: string;
}

/** The flag that prints each page view. */
const VIEW_FLAGS: Record<string, (re: string) => string> = {
  top: () => '--text',
  graph: () => '--svg',
  flame: () => '--html',
  peek: (re) => `--peek=${re}`,
  source: (re) => `--list=${re}`,
};

/** The `gen-report …` command line that prints `view` with `config` (the page's "copy command"). */
export function commandLine(page: EmbeddedPage, config: ReportConfig, view: string, re = ''): string {
  const flag = (own(VIEW_FLAGS, view) ?? VIEW_FLAGS['top']!)(re);
  return ['gen-report', flag, ...configFlags(config), ...page.compare, ...page.inputs].map(shellQuote).join(' ');
}

export interface EmbedLimits {
  /** The embedded profile's JSON, at most (else the page refines nothing and says so). */
  maxProfileBytes: number;
  /** The embedded sources, at most. */
  maxSourceBytes: number;
  /** Source files of this many top functions. */
  sourceFunctions: number;
}

export const DEFAULT_EMBED: EmbedLimits = {
  maxProfileBytes: DEFAULTS.htmlMaxProfileBytes,
  maxSourceBytes: DEFAULTS.htmlMaxSourceBytes,
  sourceFunctions: DEFAULTS.htmlSourceFunctions,
};

export interface Embedding {
  /** `#gr-profile`'s content (safe inside <script>), or null when over the cap. */
  json: string | null;
  /** For the page's notes: why the page cannot refine, or what it cannot list. */
  notes: string[];
}

const mb = (n: number) => `${(n / 2 ** 20).toFixed(1)} MB`;

/**
 * The page's embedded profile for a report's context (at report time, on the command's platform).
 * `encoded`: `encodeProfile(ctx.profile, limits.maxProfileBytes)`, when it was made already (the
 * report starts it on a background thread: src/report/html/background-tasks.ts).
 */
export function embedPage(ctx: ReportSource, limits: EmbedLimits = DEFAULT_EMBED, encoded?: EncodedProfile | null): Embedding {
  const p = ctx.profile;
  const c = p.meta.comparison;
  const compare = c ? [`--${c.kind}=${c.baseSources.join(',')}`, ...(c.normalized ? ['--normalize'] : [])] : [];
  const notes: string[] = [];
  const overCap = (size: string) =>
    `This profile (${size} embedded) is over the page's cap (${mb(limits.maxProfileBytes)}): it is not embedded, so Refine (focus, ignore, hide, show, tag filters, granularity, node count), Peek and Source cannot recompute here; Top, Graph and Flame show the report as made, for each sample type. The copy-command line prints any other view.`;
  // Its samples alone over the cap: the encoding stops there (their full size is not known then).
  const profile = encoded !== undefined ? encoded : encodeProfile(p, limits.maxProfileBytes);
  if (profile === null) {
    notes.push(overCap(`more than ${mb(limits.maxProfileBytes)}`));
    return { json: null, notes };
  }
  const page: EmbeddedPage = {
    profile,
    config: { ...ctx.config, peek: '', list: '' },
    stem: ctx.stem,
    inputs: p.meta.sources,
    compare,
  };
  const withoutSources = jsonForScript(page);
  if (withoutSources.length > limits.maxProfileBytes) {
    notes.push(overCap(mb(withoutSources.length)));
    return { json: null, notes };
  }
  const src = embedSources(ctx, limits);
  // The same text as jsonForScript of the page with its sources (its last keys) added: the
  // profile, megabytes of it, is not serialized again.
  const tail = `,"sources":${jsonForScript(src.sources)}${src.note ? `,"sourcesNote":${jsonForScript(src.note)}` : ''}}`;
  return { json: `${withoutSources.slice(0, -1)}${tail}`, notes };
}

/** pprof's printSource shows this many lines around a function's samples (src/report/text/source-listing.ts). */
const MARGIN = 5;

/**
 * The source lines of the report's top functions, read as `--list` reads them (pprof's source
 * reader, through the platform, with --source_path / --trim_path), within the cap. For each
 * function, every line any refine can list: from the least of its start lines (or first sample
 * line − 5) to its last sample line + 5 — a refine only takes samples away, so its listing stays
 * inside. Lines between two functions' windows are null: the page never reads them for these
 * functions, and reading one (another function of the same file) makes list() say "not available".
 */
function embedSources(ctx: ReportSource, limits: EmbedLimits): { sources: Record<string, EmbeddedSource>; note: string } {
  const p = ctx.profile;
  const config = ctx.config;
  // The top functions of the unfiltered profile, at function granularity: what a reader lists first.
  const top = computeInputs(reportSource(p, { ...config, granularity: 'functions', focus: '', ignore: '', hide: '', show: '', showFrom: '', tagFocus: '', tagIgnore: '', nodeCount: -1 }, ctx.stem), ['view', 'rows']);
  const names = new Set(textItems(top.rows).slice(0, limits.sourceFunctions).map((r) => r.name));
  const sources = dict<EmbeddedSource>();
  if (names.size === 0) return { sources, note: '' };
  const windows = new Map<string, [number, number]>();
  for (const loc of p.locations) {
    for (const l of loc.lines) {
      const f = p.functions[l.func];
      if (!f || !names.has(f.name)) continue;
      const lo = Math.max(1, f.startLine !== 0 ? Math.min(f.startLine, l.line) : l.line - MARGIN);
      const w = windows.get(f.name);
      if (w) {
        w[0] = Math.min(w[0], lo);
        w[1] = Math.max(w[1], l.line + MARGIN);
      } else windows.set(f.name, [lo, l.line + MARGIN]);
    }
  }
  const matcher = { source: '', test: (s: string) => names.has(s), find: (s: string) => (names.has(s) ? s : null) };
  const listed = sourceListing(p, config, matcher, { valueIndex: top.view.valueIndex, sourcePath: config.sourcePath, trimPath: config.trimPath });
  const reader = platform().sourceReader(config.sourcePath || platform().cwd(), config.trimPath);
  // Each file's windows (from its listed functions), then its lines.
  const fileWindows = new Map<string, [number, number][]>();
  const missingFiles = new Set<string>();
  for (const fn of listed) {
    for (const r of fn.routines) {
      // Not embedded (the page then says the source is not available): the reason names the
      // search path, the current directory by default, which the page must not depend on.
      if (r.error !== undefined) {
        missingFiles.add(r.file);
        continue;
      }
      const w = windows.get(fn.name);
      if (!w) continue;
      const list = fileWindows.get(r.file) ?? [];
      list.push(w);
      fileWindows.set(r.file, list);
    }
  }
  let left = limits.maxSourceBytes;
  let found = 0;
  let leftOut = 0;
  for (const [file, ws] of fileWindows) {
    const first = Math.min(...ws.map((w) => w[0]));
    const last = Math.max(...ws.map((w) => w[1]));
    const lines: (string | null)[] = [];
    let bytes = 0;
    let eof = false;
    for (let n = first; n <= last; n++) {
      if (!ws.some(([a, b]) => a <= n && n <= b)) {
        lines.push(null);
        bytes += 5;
        continue;
      }
      const l = reader.line(file, n);
      if (l === undefined) {
        eof = true;
        break;
      }
      lines.push(l);
      bytes += l.length + 4;
    }
    if (bytes > left) {
      leftOut++;
      continue;
    }
    left -= bytes;
    sources[file] = { firstLine: first, lines, ...(eof ? { eof: true } : {}) };
    found++;
  }
  const parts: string[] = [];
  const missing = missingFiles.size;
  if (found === 0 && missing > 0) parts.push('The sources of the top functions were not found when the report was made: give --source_path (and --trim_path) to embed them.');
  else if (missing > 0) parts.push(`${missing} source files were not found when the report was made.`);
  if (leftOut > 0) parts.push(`${leftOut} source files were left out to keep the page small (${mb(limits.maxSourceBytes)} of sources).`);
  parts.push(`Source is shown for the top ${limits.sourceFunctions} functions only.`);
  return { sources, note: parts.join(' ') };
}
