import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Profile, Samples } from '../model/profile.js';
import type { BackgroundTask } from '../report/html/background-tasks.js';

// The platform's background thread (src/util/platform.ts `background`): one worker thread, started
// ahead of time by warmUp for the formats that use it (the HTML report), running the engine's
// background tasks (src/report/html/background-tasks.ts) while the main thread builds the graphs.
// A profile's sample arrays (most of its bytes: 80 MB of a million samples) go over in shared
// memory, copied once; the rest of it is copied by postMessage.

/**
 * One task for the worker (background-worker.ts). A profile comes once, with the first task on
 * it, and stays under its key for the tasks after (its sample arrays in shared memory, the rest
 * copied).
 */
export interface BackgroundRequest {
  id: number;
  task: BackgroundTask;
  key: number;
  /** The profile, with the first task on it. */
  profile?: Profile;
  /** Keys of profiles no task will read again. */
  forget?: number[];
  arg: unknown;
}
export type BackgroundReply = { id: number; result: unknown } | { id: number; error: string };

/** The compiled worker next to this module: the bundle's (see scripts/bundle.mjs) or tsc's; from the TypeScript sources (vitest), the built one. */
function workerUrl(): URL {
  for (const name of ['./background-worker.mjs', './background-worker.js']) {
    const here = new URL(name, import.meta.url);
    if (existsSync(fileURLToPath(here))) return here;
  }
  return new URL('../../dist/src/io/background-worker.js', import.meta.url);
}

/** The worker thread and what only it holds: the tasks it has not answered, the keys of the profiles it has (a profile no longer referenced here is forgotten there at the next task). */
interface Thread {
  worker: Worker;
  /** The runs that warmed it and have not stopped it: the last one's stop ends it. */
  users: number;
  pending: Map<number, { resolve: (r: unknown) => void; reject: (e: Error) => void }>;
  keys: WeakMap<Profile, number>;
  held: Map<number, WeakRef<Profile>>;
}

let current: Thread | null = null;
let nextId = 0;
let nextKey = 0;

function start(): Thread {
  const t: Thread = { worker: new Worker(workerUrl()), users: 0, pending: new Map(), keys: new WeakMap(), held: new Map() };
  const { worker: w, pending } = t;
  const failAll = (e: Error) => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  w.on('message', (m: BackgroundReply) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (pending.size === 0) w.unref();
    if ('error' in m) p.reject(new Error(m.error));
    else p.resolve(m.result);
  });
  w.on('error', failAll);
  w.once('exit', (code) => {
    if (current === t) current = null;
    failAll(new Error(`the background worker exited with code ${code}`));
  });
  // After the listeners: adding a 'message' listener refs the worker again.
  w.unref();
  return t;
}

/**
 * Starts the worker now (its thread and modules load while the profile loads); returns what stops
 * it when the run ends. Runs at once in one process (library calls) share it: only the last of
 * them to stop ends it, so one run's end never fails another's tasks.
 */
export function warmBackground(): () => void {
  const t = (current ??= start());
  t.users++;
  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    if (--t.users > 0) return;
    if (current === t) current = null;
    void t.worker.terminate();
  };
}

/** A typed array with the same contents in shared memory (not copied by postMessage). */
function shared<T extends Uint32Array | Uint16Array | Float64Array>(a: T): T {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const b = new (a.constructor as new (buf: SharedArrayBuffer) => T)(new SharedArrayBuffer(a.byteLength));
  b.set(a);
  return b;
}

/** `p` as posted: its sample arrays in shared memory (the worker only reads them). */
function postable(p: Profile): Profile {
  const s = p.samples;
  const samples: Samples = { ...s, stackStart: shared(s.stackStart), locs: shared(s.locs), values: shared(s.values), labelSet: shared(s.labelSet) };
  return { ...p, samples };
}

/** Runs `task` on `profile` in the background worker. */
export function runInBackground(task: BackgroundTask, profile: Profile, arg: unknown): Promise<unknown> {
  const t = (current ??= start());
  const req: BackgroundRequest = { id: nextId++, task, key: 0, arg };
  const known = t.keys.get(profile);
  if (known !== undefined) req.key = known;
  else {
    req.key = nextKey++;
    t.keys.set(profile, req.key);
    t.held.set(req.key, new WeakRef(profile));
    req.profile = postable(profile);
  }
  const forget = [...t.held].filter(([, r]) => r.deref() === undefined).map(([k]) => k);
  if (forget.length > 0) req.forget = forget;
  return new Promise((resolve, reject) => {
    try {
      t.worker.postMessage(req);
    } catch (e) {
      // Not sent (an argument that cannot be cloned, memory): the worker never saw this task or
      // this profile, so nothing waits on it and the profile goes with the next task again.
      if (req.profile) {
        t.keys.delete(profile);
        t.held.delete(req.key);
      }
      reject(e instanceof Error ? e : new Error(String(e)));
      return;
    }
    for (const k of forget) t.held.delete(k);
    t.pending.set(req.id, { resolve, reject });
    t.worker.ref();
  });
}
