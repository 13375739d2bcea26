/**
 * The security settings of every Shipdeck window and page, in one place so that a unit test can hold
 * them and Electron and browser mode cannot drift apart. No Electron import: these are plain values.
 */

/**
 * No inline script, no remote origin, no plugins. `connect-src 'self'` covers browser mode's API and
 * WebSocket. This is the policy of the renderer page's <meta> tag, and of every response header.
 */
export const CONTENT_SECURITY_POLICY_META = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'"
].join('; ');

/** The response header adds what a <meta> policy cannot carry: no page may frame Shipdeck. */
export const CONTENT_SECURITY_POLICY = `${CONTENT_SECURITY_POLICY_META}; frame-ancestors 'none'`;

/**
 * Only for `electron-vite dev`: Vite's dev server injects an inline React-refresh preamble and <style>
 * tags and talks to its HMR socket. Never used by a build.
 */
export const DEV_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY_META.replace(
  "script-src 'self'",
  "script-src 'self' 'unsafe-inline'"
)
  .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
  .replace("connect-src 'self'", "connect-src 'self' ws://localhost:* ws://127.0.0.1:*");

/** webPreferences for every BrowserWindow: isolated, sandboxed, no Node in the page. */
export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false
  } as const;
}

/**
 * Whether a navigation inside the window is allowed: only to the page the app itself loaded (same
 * origin and, for file://, the same file). Everything else is denied, including window.open.
 */
export function isAllowedNavigation(targetUrl: string, appUrl: string): boolean {
  let target: URL;
  let app: URL;
  try {
    target = new URL(targetUrl);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  if (app.protocol === 'file:') return target.protocol === 'file:' && target.pathname === app.pathname;
  return target.origin === app.origin;
}

/** Permissions the window may have: desktop notifications (a release ended), and nothing else. */
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['notifications']);

/** Whether a permission request from the app's own page is granted. */
export function isAllowedPermission(permission: string, requestingUrl: string, appUrl: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isAllowedNavigation(requestingUrl, appUrl);
}
