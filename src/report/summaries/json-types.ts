/**
 * The `--json` document, schema "gen-report/1" (docs/report.schema.json describes it for users).
 * Keys come out in the order declared here; arrays are in report order. Nothing in it depends on
 * the clock or the machine, so two runs on the same profile with the same options are identical.
 * Values are raw numbers in the sample type's unit (before --divide_by); `formatted` is what the
 * text report prints; `percent` is 100 × value / total (null when the total is 0).
 */
export const SCHEMA_ID = 'gen-report/1';

export interface Amount {
  value: number;
  formatted: string;
}
export interface Share extends Amount {
  percent: number | null;
}

export interface ReportDoc {
  schema: typeof SCHEMA_ID;
  generator: { name: 'gen-report'; version: string };
  profile: ProfileDoc;
  sampleType: SampleTypeDoc;
  /** Unit of every `formatted` value (pprof's choice for --unit). */
  outputUnit: string;
  total: Amount;
  options: OptionsDoc;
  table: TableDoc;
  comparison: ComparisonDoc | null;
  leaks: LeaksDoc | null;
  budgets: BudgetsDoc;
  /** Other files written by the same run (paths as written). */
  artifacts: { format: string; path: string }[];
}

export interface SampleTypeDoc {
  index: number;
  type: string;
  unit: string;
}

export interface ProfileDoc {
  sources: string[];
  format: string;
  /** Base name of the main binary, when the profile names it. */
  file: string | null;
  buildId: string | null;
  comments: string[];
  timeNanos: number | null;
  /** The profile's own time, ISO 8601 UTC. */
  time: string | null;
  durationNanos: number | null;
  sampleTypes: SampleTypeDoc[];
  defaultSampleType: string | null;
}

export interface OptionsDoc {
  sampleIndex: string;
  granularity: string;
  sort: 'flat' | 'cum';
  nodeCount: number;
  nodeFraction: number;
  edgeFraction: number;
  unit: string;
  trim: boolean;
  noInlines: boolean;
  dropNegative: boolean;
  divideBy: number;
  /** Active sample filters as the text header lists them (`focus=main`), empty when none. */
  filters: string[];
}

/** The rows of `--text` (same trimming) and the edges between them. */
export interface TableDoc {
  shown: Share;
  nodeCount: number;
  /** Nodes left after the nodefraction cut, before nodecount. */
  origCount: number;
  droppedNodes: number;
  droppedEdges: number;
  nodes: NodeDoc[];
  edges: EdgeDoc[];
}

export interface NodeDoc {
  /** "N1", "N2"… in table order. */
  id: string;
  name: string;
  function: string | null;
  file: string | null;
  line: number | null;
  inline: 'inline' | 'partial-inline' | null;
  flat: Share;
  cum: Share;
}

export interface EdgeDoc {
  from: string;
  to: string;
  weight: Share;
  inline: boolean;
  /** The call goes through nodes that were trimmed away. */
  residual: boolean;
}

export interface ComparisonDoc {
  kind: 'base' | 'diff_base';
  baseSources: string[];
  normalized: boolean;
  growth: Amount;
  baseTotal: Amount | null;
  newTotal: Amount | null;
  /** 100 × growth / base total, null when the base total is unknown or 0. */
  growthPercent: number | null;
}

export interface LeaksDoc {
  sampleType: { type: string; unit: string };
  orderedBy: 'time' | 'name';
  axis: 'minutes' | 'steps';
  snapshots: { source: string; timeNanos: number | null; total: Amount }[];
  /** Last snapshot total minus the first. */
  growth: Amount;
  /** Function-level sites, ranked (issue 9's order), at most 20. */
  suspects: SuspectDoc[];
}

export interface SuspectDoc {
  rank: number;
  name: string;
  file: string | null;
  verdict: string;
  first: Amount;
  last: Amount;
  growth: Amount;
  /** Least-squares slope, in the sample unit per minute (or per step when `perStep`). */
  slope: number;
  perStep: boolean;
  r2: number;
  grewSteps: number;
  steps: number;
  values: number[];
}

export interface BudgetsDoc {
  ok: boolean;
  breaches: number;
  verdicts: VerdictDoc[];
}

export interface VerdictDoc {
  budget: 'max-total' | 'max-flat' | 'max-growth';
  spec: string;
  subject: string;
  limit: Amount;
  actual: Amount;
  /** actual − limit (negative: headroom left). */
  over: Amount;
  ok: boolean;
  matched: string[] | null;
}
