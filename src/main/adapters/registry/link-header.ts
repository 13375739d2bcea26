/**
 * The `rel="next"` target of a `Link` header (`</v2/shop/api/tags/list?last=v9&n=100>; rel="next"`),
 * resolved against the URL that was asked. Null when there is no next page.
 */
export function nextPageUrl(linkHeader: string | undefined, requested: URL): URL | null {
  if (linkHeader === undefined) return null;
  for (const part of linkHeader.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
    if (match === null) continue;
    const rels = /(?:^|;)\s*rel\s*=\s*"?([^";]*)"?/i.exec(match[2] ?? '');
    const relValues = (rels?.[1] ?? '').toLowerCase().split(/\s+/);
    if (!relValues.includes('next')) continue;
    const next = new URL(match[1] ?? '', requested);
    // A registry only ever pages within itself: never follow a link (and send credentials) elsewhere.
    if (next.origin !== requested.origin) return null;
    return next;
  }
  return null;
}
