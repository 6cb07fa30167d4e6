import type { RenderContext } from '../context.js';
import { renderList } from './list.js';
import { renderText } from './text.js';
import { renderTree } from './tree.js';
import { visibleLines } from '../../util/visible-text.js';

/**
 * What `--text`, `--peek` and `--list` print on stdout for a context, in one place: the format
 * records (src/report/formats.ts) and the HTML page's engine (src/page/engine.ts) both call these.
 * `visibleLines` over the whole text is the backstop for anything a profile put there.
 */
export const textOutput = (ctx: RenderContext): string => visibleLines(renderText(ctx.rows()));
export const peekOutput = (ctx: RenderContext): string => visibleLines(renderTree(ctx.analysis('peek'), ctx.view().peek));
export const listOutput = (ctx: RenderContext): string => visibleLines(renderList(ctx));
