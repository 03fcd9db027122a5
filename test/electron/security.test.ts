import { describe, expect, it } from 'vitest';
import {
  appEntryUrl,
  contentSecurityPolicy,
  isNavigationAllowed,
  isPermissionGranted,
  isSafeExternalUrl,
  originOf,
  trustedOrigins,
  windowOpenDecision,
} from '../../electron/main/security';
import { mainWindowOptions, printWindowOptions } from '../../electron/main/windows';

function directives(csp: string): Map<string, string> {
  return new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values.join(' ')]));
}

describe('Content-Security-Policy', () => {
  it('is the strict policy the studio needs, without eval or inline scripts', () => {
    const csp = contentSecurityPolicy();
    const d = directives(csp);
    expect(d.get('default-src')).toBe("'self'");
    expect(d.get('script-src')).toBe("'self'");
    expect(d.get('style-src')).toBe("'self' 'unsafe-inline'");
    expect(d.get('worker-src')).toBe("'self'");
    expect(d.get('img-src')).toBe("'self' data:");
    expect(d.get('object-src')).toBe("'none'");
    expect(csp).not.toMatch(/unsafe-eval|wasm-unsafe-eval|\*/);
  });

  it('in development admits only the dev server, still without eval', () => {
    const csp = contentSecurityPolicy('http://localhost:5173/');
    expect(directives(csp).get('connect-src')).toBe("'self' http://localhost:5173 ws://localhost:5173");
    expect(csp).not.toMatch(/unsafe-eval/);
  });
});

describe('navigation and windows', () => {
  const origins = trustedOrigins();

  it('stays inside the app', () => {
    expect(isNavigationAllowed(appEntryUrl, origins)).toBe(true);
    expect(isNavigationAllowed('app://flowcast/index.html#/results', origins)).toBe(true);
    for (const url of ['https://example.com/', 'file:///etc/passwd', 'app://evil/index.html', 'javascript:alert(1)', 'data:text/html,hi', 'not a url', 'http://localhost:5173/']) {
      expect(isNavigationAllowed(url, origins), url).toBe(false);
    }
  });

  it('allows the dev server only in development', () => {
    expect(isNavigationAllowed('http://localhost:5173/', trustedOrigins('http://localhost:5173'))).toBe(true);
    expect(trustedOrigins('file:///x')).toEqual(['app://flowcast']);
  });

  it('never opens a new window; allow-listed https links go to the browser', () => {
    expect(windowOpenDecision('https://github.com/flowcast')).toEqual({ action: 'deny', openExternally: true });
    for (const url of ['http://github.com/', 'https://evil.example/', 'https://user:pw@github.com/', 'file:///etc/passwd', 'app://flowcast/x']) {
      expect(windowOpenDecision(url), url).toEqual({ action: 'deny', openExternally: false });
    }
    expect(isSafeExternalUrl('https://github.com.evil.example/')).toBe(false);
  });

  it('computes the origin of app:// URLs, which WHATWG URL reports as "null"', () => {
    expect(new URL(appEntryUrl).origin).toBe('null');
    expect(originOf(appEntryUrl)).toBe('app://flowcast');
    expect(originOf('blob:app://flowcast/x')).toBeUndefined();
  });

  it('denies every permission', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) expect(isPermissionGranted(p)).toBe(false);
  });
});

describe('window options', () => {
  it('applies the security checklist', () => {
    const prefs = mainWindowOptions({ preloadPath: '/app/out/preload/index.cjs' }).webPreferences;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, webSecurity: true, webviewTag: false, allowRunningInsecureContent: false });
    expect(prefs?.preload).toMatch(/\.cjs$/);
  });

  it('prints reports with scripts off', () => {
    expect(printWindowOptions().webPreferences).toMatchObject({ javascript: false, sandbox: true, nodeIntegration: false });
  });
});
