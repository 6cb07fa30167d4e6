import { redactUrls } from './util/redact-url.js';
import { visible } from './util/visible-text.js';

/**
 * Errors the user can act on. The CLI prints their message as one line and exits with `exitCode`;
 * anything else is an internal failure (short message, stack only with --debug).
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** Bad command line: unknown option, bad value, missing argument. */
export class UsageError extends UserError {
  override name = 'UsageError';
}

/** The input is not a usable profile; `source` names the file or URL. */
export class InputError extends UserError {
  override name = 'InputError';
  constructor(
    readonly source: string,
    readonly problem: string,
  ) {
    super(`${source}: ${problem}`);
  }
}

/**
 * First line of a message, so that nothing multi-line reaches the terminal as an error; its
 * control characters (a name's, a server's answer's) shown as escapes, a URL's password hidden.
 */
export function oneLine(message: string): string {
  const line = visible(redactUrls(message.split('\n', 1)[0] ?? ''));
  return line.length > 500 ? `${line.slice(0, 500)}…` : line;
}
