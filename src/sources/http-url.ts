/**
 * Links from sources (a status page's shortlink, an events-file url) are only ever opened as
 * links, so only http(s) ones are kept: `javascript:`, `data:` and relative links would run code
 * or go somewhere unexpected.
 */

/** The longest link kept, as in the events file. */
const MAX_URL_LENGTH = 2048;

/**
 * The link as the browser would open it (`URL.href`), when it is an absolute http(s) URL; null
 * for anything else. The parsed form, not the text, is returned: the parser drops tabs and
 * newlines (`java\tscript:`), so checking the text alone could be fooled.
 */
export function httpUrlOrNull(text: unknown): string | null {
  if (typeof text !== 'string' || text.length > MAX_URL_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}
