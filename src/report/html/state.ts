import type { ReportConfig } from '../../config/defaults.js';

/**
 * The page's refine state, with the parameter names of pprof's web UI (the URL fragment's keys):
 * f focus, i ignore, h hide, s show, sf show_from, tf/ti/ts/th the tag filters, si sample_index,
 * n nodecount, g granularity: the page engine's RefineState.
 */
export interface PageState {
  f?: string;
  i?: string;
  h?: string;
  s?: string;
  sf?: string;
  tf?: string;
  ti?: string;
  ts?: string;
  th?: string;
  si?: string;
  n?: number;
  g?: ReportConfig['granularity'];
}

/**
 * The state the command's own flags give: the page opens in it (its precomputed views are that
 * state's), a refine starts from it, and Reset drops it. Only what was set is written.
 */
export function initialState(c: ReportConfig, sampleType: string): PageState {
  const st: PageState = {};
  const put = (k: 'f' | 'i' | 'h' | 's' | 'sf' | 'tf' | 'ti' | 'ts' | 'th', v: string) => {
    if (v !== '') st[k] = v;
  };
  put('f', c.focus);
  put('i', c.ignore);
  put('h', c.hide);
  put('s', c.show);
  put('sf', c.showFrom);
  put('tf', c.tagFocus);
  put('ti', c.tagIgnore);
  put('ts', c.tagShow);
  put('th', c.tagHide);
  st.si = sampleType;
  if (c.nodeCount !== -1) st.n = c.nodeCount;
  if (c.granularity !== 'functions') st.g = c.granularity;
  return st;
}
