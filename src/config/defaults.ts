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
  /** pprof's path filters (regexps on function name, file name or mapping file; "" = off). */
  focus: string;
  ignore: string;
  hide: string;
  show: string;
  showFrom: string;
  pruneFrom: string;
  /** pprof's tag filters: `[key=]regexp[,regexp…]` or a numeric range such as `1mb:2gb`. */
  tagFocus: string;
  tagIgnore: string;
  /** Keep / drop sample labels whose key matches (regexps; "" = off). */
  tagShow: string;
  tagHide: string;
  /** Regexps of `--peek` and `--list` ("" when that format is not requested). */
  peek: string;
  list: string;
  /** Where `--list` looks for source files (default: the current directory) and prefixes to trim. */
  sourcePath: string;
  trimPath: string;
}

/** How graphs are laid out and drawn (--svg, --png, --html). */
export interface RenderOptions {
  /** Graphviz layout time limit in seconds before the worker is stopped. */
  layoutTimeoutSeconds: number;
  /** PNG resolution in dots per inch (72 = one pixel per Graphviz point); 0 = automatic (see png-size.ts). */
  dpi: number;
  /** Multiplies the PNG's size in each direction. */
  scale: number;
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
    focus: '',
    ignore: '',
    hide: '',
    show: '',
    showFrom: '',
    pruneFrom: '',
    tagFocus: '',
    tagIgnore: '',
    tagShow: '',
    tagHide: '',
    peek: '',
    list: '',
    sourcePath: '',
    trimPath: '',
  }),
  /** nodecount used by graph formats (DOT, SVG, PNG, HTML) when --nodecount is not given. */
  graphNodeCount: 80,
  /** Refuse gzip input that inflates past this (a gzip bomb stops here). */
  maxInflate: 1024 * 1024 * 1024,
  /**
   * JS heap a protobuf profile's tables (strings, comments, locations, functions) may take, at most
   * (src/ingest/table-budget.ts); 40% of Node's heap limit when that is smaller.
   */
  maxTableHeap: 512 * 1024 * 1024,
  /** Refuse HTTP bodies larger than this. */
  maxFetch: 512 * 1024 * 1024,
  /** HTTP fetch timeout in seconds. */
  timeoutSeconds: 60,
  /**
   * With --seconds N the fetch may take 1.5 × N plus this many seconds, as pprof's HTTP client
   * (internal/driver/fetch.go: timeout + 5 s): a delta endpoint answers after N seconds and more.
   */
  fetchTimeoutMarginSeconds: 5,
  /** Graphviz layout time limit in seconds before the worker is stopped. */
  layoutTimeoutSeconds: 120,
  /** PNG dpi (0 = automatic) and scale, see RenderOptions. */
  pngDpi: 0,
  pngScale: 1,
  /** Automatic PNG size: 96 dpi (as `dot -Tpng`), shrunk towards this width but never below 72 dpi. */
  pngTargetWidth: 2400,
  /** PNG bounds whatever the options: pixels in all (memory: 4 bytes each) and pixels per side. */
  pngMaxPixels: 40_000_000,
  pngMaxSide: 16_384,
  /** Above this many boxes (nodes + tag nodelets), layout time can explode: warn, and place edge labels as xlabels. */
  layoutManyNodes: 120,
  /**
   * The HTML page's bounds (src/report/html/size-cap.ts): names longer than this many characters are
   * cut with "…" (DOT labels stop at 4000 too), and the page's data (tables, flame graph, call
   * graphs of every sample type) stops near this many bytes, with a note saying what was left out.
   */
  htmlMaxNameChars: 4000,
  htmlMaxBytes: 8 * 1024 * 1024,
  htmlMaxComments: 1000,
  /**
   * The page's embedded profile (src/page/embedded.ts), which its engine refines: not embedded past
   * this many bytes (the page then says which views cannot refine); its embedded sources, at most
   * this many bytes, of the files of this many top functions.
   */
  htmlMaxProfileBytes: 8 * 1024 * 1024,
  htmlMaxSourceBytes: 1024 * 1024,
  htmlSourceFunctions: 30,
  /** Output file stem when reading from stdin. */
  stdinStem: 'heap',
  /** `--leaks`: verdict thresholds and table sizes (src/compare/trend.ts explains each rule). */
  leaks: Object.freeze({
    /** A change matters when it is at least this share of the site's peak value… */
    minRelativeChange: 0.1,
    /** …and at least this share of the largest snapshot total: pprof's own node cut-off
     *  (nodefraction 0.005), so a site pprof would not even draw is never a suspect. */
    minShareOfTotal: 0.005,
    /** A step "grew" when it rose by more than this share of the site's peak (ignores jitter). */
    stepNoise: 0.01,
    /** Growing steadily: the Mann-Kendall trend test at the one-sided 1% level (z ≥ 2.326)… */
    trendZ: 2.326,
    /** …which needs this many snapshots (a perfect rise over 5 reaches only z = 2.2)… */
    testMinSnapshots: 6,
    /** …with fewer, Kendall's τ ≥ this is accepted and the verdict is marked tentative… */
    steadyMinTau: 0.6,
    /** …the least-squares line explains at least this much of the variance (R²)… */
    steadyMinR2: 0.6,
    /** …and the second half of the series still brought at least this share of the growth. */
    lateGrowthShare: 0.25,
    /** Grew then flat: the second half moved (max - min) by less than this share of the growth. */
    flatLateRange: 0.25,
    /** Rows of the text table (function sites; line sites get as many). */
    rows: 20,
    /** Suspects whose call paths are listed, and paths per suspect. */
    suspects: 5,
    pathsPerSuspect: 3,
  }),
  /** Rows of the --markdown top table when --nodecount is not given (the summary stays short). */
  markdownRows: 20,
});

export function defaultRenderOptions(): RenderOptions {
  return { layoutTimeoutSeconds: DEFAULTS.layoutTimeoutSeconds, dpi: DEFAULTS.pngDpi, scale: DEFAULTS.pngScale };
}
