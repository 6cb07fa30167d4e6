// Library entry: the pipeline stages, for programs that want reports without the CLI.
// The engine's I/O on Node (zlib, files, workers, resvg): installed before anything renders.
import './io/node-platform.js';
export type { Profile, ValueType, Func, Location, Mapping, Samples, LabelSet } from './model/profile.js';
export { parseProfile, type ParseOptions } from './ingest/parse.js';
export { loadProfile } from './io/load-profile.js';
export { DEFAULTS, type ReportConfig } from './config/defaults.js';
export { analyze, resolveSampleIndex, type Analysis } from './graph/analysis.js';
export { renderText, textItems } from './report/text/text.js';
export { buildDotModel, type DotModel } from './report/dot/dot-model.js';
export { toDotText } from './report/dot/to-dot.js';
export { computeInputs, reportSource, type Computed, type Need, type ReportInputs, type ReportSource, type TypeInputs, type Warn } from './report/inputs.js';
export { formatTable, formatRecord, registerFormat, renderFormat, type FormatRecord, type SummaryInputs } from './report/formats.js';
export { UserError, UsageError, InputError } from './errors.js';
export { mergeProfiles } from './profile/merge.js';
export { subtractBase, type BaseOptions } from './profile/diff.js';
export { analyzeLeaks, type LeakReport, type LeakSite } from './compare/leaks.js';
export { trendOf, type Trend, type Verdict } from './compare/trend.js';
export { renderLeaksText } from './report/text/leaks-text.js';
export { sparklineSvg } from './report/summaries/sparkline.js';
export { diffFrameTree, type DiffFrame } from './compare/frame-diff.js';
export { applyFilters, compileFilters, activeFilters } from './profile/filter/apply.js';
export { makeView, type View } from './graph/view.js';
export {
  sourceListing,
  type ListedFunction,
  type ListedRoutine,
  type ListedLine,
  type ListingOptions,
} from './report/text/source-listing.js';
export { buildReportDoc, renderJson } from './report/summaries/json.js';
export { SCHEMA_ID, type ReportDoc } from './report/summaries/json-types.js';
export { renderMarkdown, MARKDOWN_CAP } from './report/summaries/markdown.js';
export { parseBudgets, type Budget } from './budget/spec.js';
export { checkBudgets, breachLine, type BudgetVerdict, type BudgetFacts } from './budget/check.js';
export { budgetFacts } from './budget/facts.js';
export { parseAmount, parseSize } from './budget/size.js';
// The documented API (README "Library"): generateReport, and its stages.
export {
  generateReport,
  readProfile,
  analyseProfile,
  renderReport,
  type GenerateOptions,
  type GeneratedReport,
  type ProfileInput,
  type Flags,
  type ReportAnalysis,
  type ReportFormat,
} from './api.js';
