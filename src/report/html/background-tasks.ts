import type { ReportConfig } from '../../config/defaults.js';
import { encodeProfile, type EncodedProfile } from '../../model/codec.js';
import type { Profile } from '../../model/profile.js';
import { platform } from '../../util/platform.js';
import { buildFlame, type FlameData } from './flame.js';

/**
 * The HTML report's parts that need only the profile, none of the graphs: its flame graph and its
 * embedded profile. On a platform with a background thread (the command's) they run there while
 * the main thread builds each sample type's graphs; elsewhere here, as they always did. Either
 * way the same function makes the same data: the thread only moves the work.
 */
export const BACKGROUND_TASKS = {
  flame: (p: Profile, config: ReportConfig): FlameData => buildFlame(p, config),
  /** `encodeProfile` within the page's cap (null: over it). */
  encodeProfile: (p: Profile, maxBlobChars: number): EncodedProfile | null => encodeProfile(p, maxBlobChars),
};

export type BackgroundTask = keyof typeof BACKGROUND_TASKS;
type Arg<K extends BackgroundTask> = Parameters<(typeof BACKGROUND_TASKS)[K]>[1];
type Result<K extends BackgroundTask> = ReturnType<(typeof BACKGROUND_TASKS)[K]>;

/** A result made at most once, when first asked for. */
export type Later<T> = () => Promise<T>;

/**
 * Starts `task` on the platform's background thread, or leaves it to this one when there is none.
 * A thread that fails (it could not start, or died) leaves the task to this one too, but only
 * when the report asks for the result: a run that fails or stops meanwhile never redoes it here.
 * So a report never depends on the thread, and the same function makes the same data either way.
 */
export function inBackground<K extends BackgroundTask>(task: K, p: Profile, arg: Arg<K>): Later<Result<K>> {
  const here = (): Result<K> => (BACKGROUND_TASKS[task] as (p: Profile, a: Arg<K>) => Result<K>)(p, arg);
  let started: Promise<unknown> | null | undefined;
  try {
    started = platform().background?.(task, p, arg);
  } catch {
    started = null; // the thread could not take it (no memory to share the samples, no thread)
  }
  let result: Promise<Result<K>> | undefined;
  if (!started) return () => (result ??= new Promise((resolve) => resolve(here())));
  const settled = started.then(
    (r) => ({ done: true as const, r: r as Result<K> }),
    () => ({ done: false as const }),
  );
  return () => (result ??= settled.then((s) => (s.done ? s.r : here())));
}

/** What the page's renderer asks for, started before the graphs are built (src/report/inputs.ts). */
export interface PageParts {
  flame: Later<FlameData>;
  /** The embedded profile within the page's cap, null over it. */
  profile: Later<EncodedProfile | null>;
}

export function startPageParts(viewProfile: Profile, profile: Profile, config: ReportConfig, maxBlobChars: number): PageParts {
  return { flame: inBackground('flame', viewProfile, config), profile: inBackground('encodeProfile', profile, maxBlobChars) };
}
