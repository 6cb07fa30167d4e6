import { defaultRenderOptions, type RenderOptions, type ReportConfig } from '../config/defaults.js';
import type { Profile } from '../model/profile.js';
import { analyze, type Analysis } from './analysis.js';
import { buildDotModel, type DotModel } from './dot-model.js';
import { toDotText } from './to-dot.js';

/**
 * What every reporter reads: the profile, the options, and lazily computed, shared intermediate
 * results (so `--dot --svg --png --html` builds one graph and lays it out once).
 */
export interface RenderContext {
  profile: Profile;
  config: ReportConfig;
  /** Output file stem (input name without .pb.gz etc.). */
  stem: string;
  table(): Analysis;
  graph(): Analysis;
  dotModel(): DotModel;
  dot(): string;
  /** Layout and raster options of the graph formats. */
  render: RenderOptions;
  /** Non-fatal remarks for the user (stderr in the CLI). */
  warn(message: string): void;
  /** Memo for reporters' own shared work (e.g. the SVG layout), keyed by name. */
  memo<T>(key: string, make: () => T): T;
}

export interface ContextExtras {
  render?: RenderOptions;
  warn?: (message: string) => void;
}

export function createContext(profile: Profile, config: ReportConfig, stem: string, extras: ContextExtras = {}): RenderContext {
  const cache = new Map<string, unknown>();
  const memo = <T>(key: string, make: () => T): T => {
    if (!cache.has(key)) cache.set(key, make());
    return cache.get(key) as T;
  };
  const ctx: RenderContext = {
    profile,
    config,
    stem,
    table: () => memo('table', () => analyze(profile, config, 'table')),
    graph: () => memo('graph', () => analyze(profile, config, 'graph')),
    dotModel: () => memo('dotModel', () => buildDotModel(ctx.graph())),
    dot: () => memo('dot', () => toDotText(ctx.dotModel())),
    render: extras.render ?? defaultRenderOptions(),
    warn: extras.warn ?? (() => {}),
    memo,
  };
  return ctx;
}
