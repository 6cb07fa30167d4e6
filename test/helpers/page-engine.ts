import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import type { RefineState } from '../../src/config/refine.js';
import { ROOT, runCli } from './cli.js';

export type { RefineState };

/** The page engine's API as the page sees it (src/page/engine.ts, bundled in dist/page/engine.js). */

export interface EngineHandle {
  hasLabels: boolean;
  initial: RefineState;
  sources: { available: boolean; note: string };
  ready: Promise<void>;
  compute(state: RefineState): { text: string; dot: string; pictureDot: string; labels: string[]; rows: unknown[]; warnings: string[]; flame: { names: string[] } };
  peek(state: RefineState, re: string): string;
  list(state: RefineState, re: string): string | null;
  command(state: RefineState, view: string, re?: string): string;
}

/** The state's flags, from the contract's names (test/helpers/refine-state.ts, not the engine's table). */
export { refineFlags as stateFlags } from './refine-state.js';

/** The HTML report `gen-report ARGS --html` writes (the built command), as text. */
export function reportHtml(args: string[]): string {
  const out = mkdtempSync(join(tmpdir(), 'gen-report-page-'));
  const r = runCli([...args, '--html', '--out-dir', out, '--quiet']);
  if (r.code !== 0) throw new Error(`gen-report ${args.join(' ')} --html: ${r.stderr}`);
  const file = readdirSync(out).find((f) => f.endsWith('.html'))!;
  return readFileSync(join(out, file), 'utf8');
}

/** The page's `#gr-profile` text, as a browser's parser ends it (at the first `</script`). */
export function embeddedProfile(html: string): string | null {
  const m = /<script type="application\/json" id="gr-profile">([\s\S]*?)<\/script/i.exec(html);
  return m ? m[1]! : null;
}

/** Runs the bundled engine (dist/page/engine.js) as the page does, on a page's #gr-profile, in a fresh context. */
export function loadEngine(html: string): EngineHandle | null {
  const text = embeddedProfile(html);
  const sandbox: Record<string, unknown> = {
    document: { getElementById: (id: string) => (id === 'gr-profile' && text !== null ? { textContent: text } : null) },
  };
  vm.createContext(sandbox);
  vm.runInContext(readFileSync(join(ROOT, 'dist/page/engine.js'), 'utf8'), sandbox);
  const engine = sandbox['GenReportEngine'] as { load(): EngineHandle | null };
  return engine.load();
}
