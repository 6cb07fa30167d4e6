import { UserError } from '../errors.js';
import type { RenderContext } from './context.js';

/** Self-contained HTML report: being built (issue 6). */
export async function renderHtml(_ctx: RenderContext): Promise<string> {
  throw new UserError('--html is not available in this build yet');
}
