import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_META, DEV_CONTENT_SECURITY_POLICY, isAllowedNavigation, isAllowedPermission } from './security';

describe('content security policy', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name, values] as const;
    })
  );

  it('allows scripts and everything else from the app itself only', () => {
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('has no inline script, eval or remote origin anywhere', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });

  it('matches the CSP meta tag of the renderer page', () => {
    const html = fs.readFileSync(new URL('../renderer/index.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(CONTENT_SECURITY_POLICY_META);
    expect(CONTENT_SECURITY_POLICY.startsWith(CONTENT_SECURITY_POLICY_META)).toBe(true);
  });

  it('relaxes nothing outside the dev server policy', () => {
    expect(DEV_CONTENT_SECURITY_POLICY).toContain("'unsafe-inline'");
    expect(DEV_CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:/);
  });
});

describe('navigation rule', () => {
  it('accepts only the same origin for a served app', () => {
    expect(isAllowedNavigation('http://localhost:5173/x', 'http://localhost:5173/')).toBe(true);
    expect(isAllowedNavigation('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
    expect(isAllowedNavigation('not a url', 'http://localhost:5173/')).toBe(false);
  });

  it('accepts only the same file for a packaged app', () => {
    const app = 'file:///app/out/renderer/index.html';
    expect(isAllowedNavigation('file:///app/out/renderer/index.html#/history', app)).toBe(true);
    expect(isAllowedNavigation('file:///etc/passwd', app)).toBe(false);
    expect(isAllowedNavigation('http://127.0.0.1/app/out/renderer/index.html', app)).toBe(false);
  });
});

describe('isAllowedPermission', () => {
  const appUrl = 'file:///opt/shipdeck/resources/app/out/renderer/index.html';
  it('grants notifications to the app page only, and nothing else', () => {
    expect(isAllowedPermission('notifications', appUrl, appUrl)).toBe(true);
    expect(isAllowedPermission('notifications', 'https://evil.example/', appUrl)).toBe(false);
    for (const permission of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'pointerLock']) expect(isAllowedPermission(permission, appUrl, appUrl)).toBe(false);
  });
});
