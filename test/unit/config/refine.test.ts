// The page's refine state ⇄ the command's config (src/config/refine.ts): every granularity the
// command takes survives as the page's initial state, a refine from it, and the copy-command line.
import { describe, expect, it } from 'vitest';
import { DEFAULTS, type Granularity, type ReportConfig } from '../../../src/config/defaults.js';
import { configFlags, refineConfig, stateOf } from '../../../src/config/refine.js';
import { parseCli, type CliOptions } from '../../../src/cli/options.js';

const CLI_GRANULARITIES: Granularity[] = ['functions', 'filefunctions', 'files', 'lines', 'addresses'];

const configWith = (g: Granularity): ReportConfig => ({ ...DEFAULTS.report, granularity: g });

describe('granularity in the refine state', () => {
  for (const g of CLI_GRANULARITIES) {
    it(`--${g}: kept by stateOf, refineConfig and configFlags`, () => {
      const c = configWith(g);
      const st = stateOf(c);
      expect(st.g).toBe(g === 'functions' ? undefined : g);
      expect(refineConfig(c, st).granularity).toBe(g);
      // A focus from the initial state keeps it.
      const focused = refineConfig(c, { ...st, f: 'sql' });
      expect(focused.granularity).toBe(g);
      expect(focused.focus).toBe('sql');
      expect(configFlags(focused)).toEqual(g === 'functions' ? ['--focus=sql'] : ['--focus=sql', `--${g}`]);
    });
  }

  it('the flag configFlags prints is the one the command reads', () => {
    for (const g of CLI_GRANULARITIES) {
      expect((parseCli(['x.pb.gz', '--text', ...configFlags(configWith(g))]) as CliOptions).report.granularity).toBe(g);
    }
  });

  it('an unknown granularity is a one-line error naming the choices', () => {
    expect(() => refineConfig(DEFAULTS.report, { g: 'bytes' as never })).toThrow(/^unknown granularity "bytes": want one of functions, filefunctions, files, lines, addresses$/);
  });
});
