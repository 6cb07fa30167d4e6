/**
 * URLs as gen-report shows them: the password of `scheme://user:PASSWORD@host/…` becomes `***`
 * (`user:***@host`), in a source name, a message or a report. The user name stays (as curl and git
 * show it). The password runs to the last `@` of the authority, as URL parsers read it, so a
 * password with a raw `@` is hidden whole. The one redaction used wherever a source is displayed:
 * source names (and so every report's header and file list), messages (errors.ts's oneLine
 * applies it to every error and warning line), redirect targets. A password may hold spaces (URL
 * parsers take `http://u:pa ss@host/` and send `pa%20ss`), so it runs to the last `@` before the
 * authority's end (`/`, `?`, `#`, `\`) on the same line.
 */
const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#@:]*):([^\r\n/?#\\]*)@/gi;

export function redactUrls(text: string): string {
  return text.includes('://') ? text.replace(USERINFO, '$1$2:***@') : text;
}

/**
 * A source that looks like a URL but does not parse as one (`http://u:pa/ss@host/`: the `/` ends
 * the authority, so `pa` would be a port): what the user meant as a password runs to the last `@`
 * of the text, and is hidden as far. Only for such sources, whose authority cannot be known.
 */
export function redactUnparsedUrl(text: string): string {
  return redactUrls(text).replace(/^([a-z][a-z0-9+.-]*:\/\/[^\s/?#@:]*):[^]*@/i, '$1:***@');
}
