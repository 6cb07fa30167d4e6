/**
 * URLs as gen-report shows them: the password of `scheme://user:PASSWORD@host/…` becomes `***`
 * (`user:***@host`), in a source name, a message or a report. The user name stays (as curl and git
 * show it). The password runs to the last `@` of the authority, as URL parsers read it, so a
 * password with a raw `@` is hidden whole. The one redaction used wherever a source is displayed:
 * source names (and so every report's header and file list), messages (errors.ts's oneLine
 * applies it to every error and warning line), redirect targets.
 */
const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#@:]*):([^\s/?#]*)@/gi;

export function redactUrls(text: string): string {
  return text.includes('://') ? text.replace(USERINFO, '$1$2:***@') : text;
}
