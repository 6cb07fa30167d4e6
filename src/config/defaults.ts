import type { Granularity } from '../graph/node-info.js';

/** Every option that shapes a report, with pprof's names (underscores become camelCase). */
export interface ReportConfig {
  /** Sample type name or index; "" = the profile's default_sample_type, else the last type. */
  sampleIndex: string;
  /** -1 = the format's default (unlimited for text, 80 for graphs). */
  nodeCount: number;
  nodeFraction: number;
  edgeFraction: number;
  /** "minimum" (pprof's default), "auto", or a unit such as "B", "kB", "MB". */
  unit: string;
  sort: 'flat' | 'cum';
  granularity: Granularity;
  noInlines: boolean;
  dropNegative: boolean;
  compactLabels: boolean;
  divideBy: number;
  trim: boolean;
  callTree: boolean;
  relativePercentages: boolean;
}

/** All defaults live here (pprof's defaultConfig plus gen-report's own). */
export const DEFAULTS = Object.freeze({
  report: Object.freeze<ReportConfig>({
    sampleIndex: '',
    nodeCount: -1,
    nodeFraction: 0.005,
    edgeFraction: 0.001,
    unit: 'minimum',
    sort: 'flat',
    granularity: 'functions',
    noInlines: false,
    dropNegative: false,
    compactLabels: false,
    divideBy: 1,
    trim: true,
    callTree: false,
    relativePercentages: false,
  }),
  /** nodecount used by graph formats (DOT, SVG, PNG, HTML) when --nodecount is not given. */
  graphNodeCount: 80,
  /** Refuse gzip input that inflates past this (a gzip bomb stops here). */
  maxInflate: 1024 * 1024 * 1024,
  /** Refuse HTTP bodies larger than this. */
  maxFetch: 512 * 1024 * 1024,
  /** HTTP fetch timeout in seconds. */
  timeoutSeconds: 60,
  /** Graphviz layout time limit in seconds before the worker is stopped. */
  layoutTimeoutSeconds: 120,
  /** Output file stem when reading from stdin. */
  stdinStem: 'heap',
  /** Rows of the --markdown top table when --nodecount is not given (the summary stays short). */
  markdownRows: 20,
});
