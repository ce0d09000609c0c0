/**
 * Where a dashboard config (or a file source it names) may be fetched from: an http(s) URL, or a
 * path on the server Aftershock is served from (a file under `public/`). Anything the browser
 * could read as another host or another scheme is refused: `//host/…`, backslashes (read as `/`),
 * blanks and control characters (the URL parser drops tabs and newlines, so `/<tab>/host` is
 * `//host`), `javascript:` and `data:`, and `..` segments that walk out of the site.
 */
export function isDashboardLocation(text: string): boolean {
  if (/^https?:\/\//i.test(text)) return URL.canParse(text);
  // eslint-disable-next-line no-control-regex -- control characters are what it finds
  if (text === '' || /[\u0000-\u0020\u007f\\]/.test(text) || text.startsWith('//')) return false;
  const segments = text.split(/[/?#]/).map((s) => s.replace(/%2e/gi, '.'));
  return !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(text) && !segments.includes('..');
}
