import { parentPort } from 'node:worker_threads';
import './node-platform.js';
import type { Profile } from '../model/profile.js';
import { BACKGROUND_TASKS } from '../report/html/background-tasks.js';
import type { BackgroundReply, BackgroundRequest } from './background.js';

/**
 * Runs in the background worker thread (background.ts): the engine's background tasks, one after
 * another in the order they were sent, each profile kept under its key (see BackgroundRequest).
 */
if (parentPort) {
  const port = parentPort;
  const profiles = new Map<number, Profile>();
  port.on('message', (req: BackgroundRequest) => {
    for (const k of req.forget ?? []) profiles.delete(k);
    if (req.profile) profiles.set(req.key, req.profile);
    let reply: BackgroundReply;
    try {
      const p = profiles.get(req.key);
      if (!p) throw new Error(`no profile ${req.key}`);
      reply = { id: req.id, result: (BACKGROUND_TASKS[req.task] as (p: Profile, a: unknown) => unknown)(p, req.arg) };
    } catch (e) {
      reply = { id: req.id, error: e instanceof Error ? e.message : String(e) };
    }
    port.postMessage(reply);
  });
}
