import { UserError } from '../errors.js';
import type { RenderContext } from './context.js';

/** PNG via resvg: being built (issue 5). */
export async function renderPng(_ctx: RenderContext): Promise<Uint8Array> {
  throw new UserError('--png is not available in this build yet');
}
