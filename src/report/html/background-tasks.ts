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

/**
 * Starts `task` on the platform's background thread, or runs it now when there is none; a thread
 * that fails (it could not start, or died) leaves the task to this one, so a report never depends
 * on the thread.
 */
export function inBackground<K extends BackgroundTask>(task: K, p: Profile, arg: Arg<K>): Promise<Result<K>> {
  const here = (): Result<K> => (BACKGROUND_TASKS[task] as (p: Profile, a: Arg<K>) => Result<K>)(p, arg);
  const started = platform().background?.(task, p, arg) as Promise<Result<K>> | null | undefined;
  if (!started) return new Promise((resolve) => resolve(here()));
  return started.catch(here);
}

/** What the page's renderer awaits, started before the graphs are built (src/report/inputs.ts). */
export interface PageParts {
  flame: Promise<FlameData>;
  /** The embedded profile within the page's cap, null over it. */
  profile: Promise<EncodedProfile | null>;
}

export function startPageParts(viewProfile: Profile, profile: Profile, config: ReportConfig, maxBlobChars: number): PageParts {
  const parts = { flame: inBackground('flame', viewProfile, config), profile: inBackground('encodeProfile', profile, maxBlobChars) };
  // Awaited by the renderer; a failure before then (another input's) must not leave them unhandled.
  parts.flame.catch(() => {});
  parts.profile.catch(() => {});
  return parts;
}
