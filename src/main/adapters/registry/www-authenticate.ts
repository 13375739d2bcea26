/** A parsed `WWW-Authenticate` challenge: `Bearer realm="…",service="…",scope="…"` or `Basic realm="…"`. */
export interface AuthChallenge {
  readonly scheme: 'basic' | 'bearer';
  /** Parameter names lower-cased; values unquoted. */
  readonly params: Readonly<Record<string, string>>;
}

/**
 * Reads the first Basic or Bearer challenge of a `WWW-Authenticate` header (RFC 7235 auth-params, quoted
 * strings with backslash escapes; commas inside quotes, e.g. `scope="repository:a:pull,push"`, kept).
 * Returns null for schemes Shipdeck does not speak.
 */
export function parseWwwAuthenticate(header: string | undefined): AuthChallenge | null {
  if (header === undefined) return null;
  let rest = header.trim();
  while (rest !== '') {
    const schemeMatch = /^([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*)\s*/.exec(rest);
    if (schemeMatch === null) return null;
    const scheme = (schemeMatch[1] ?? '').toLowerCase();
    rest = rest.slice(schemeMatch[0].length);
    const params: Record<string, string> = {};
    // auth-params until the next scheme (a token not followed by "=") or the end
    for (;;) {
      const param = /^([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*=\s*("((?:[^"\\]|\\.)*)"|[^,\s]*)\s*,?\s*/.exec(rest);
      if (param === null) break;
      const name = (param[1] ?? '').toLowerCase();
      const value = param[3] !== undefined ? param[3].replace(/\\(.)/g, '$1') : (param[2] ?? '');
      params[name] = value;
      rest = rest.slice(param[0].length);
    }
    if (scheme === 'bearer' || scheme === 'basic') return { scheme, params };
    rest = rest.replace(/^,\s*/, '');
  }
  return null;
}
