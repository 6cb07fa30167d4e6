import type { ReportInputs } from '../inputs.js';
import { renderList } from './list.js';
import { renderText } from './text.js';
import { renderTree } from './tree.js';
import { visibleLines } from '../../util/visible-text.js';

/**
 * What `--text`, `--peek` and `--list` print on stdout for their inputs, in one place: the format
 * records (src/report/formats.ts) and the HTML page's engine (src/page/engine.ts) both call these.
 * `visibleLines` over the whole text is the backstop for anything a profile put there.
 */
export const textOutput = (i: ReportInputs<'rows'>): string => visibleLines(renderText(i.rows));
export const peekOutput = (i: ReportInputs<'view' | 'peek'>): string => visibleLines(renderTree(i.peek, i.view.peek));
export const listOutput = (i: ReportInputs<'view'>): string => visibleLines(renderList(i));
