/**
 * Security policy of the shell as pure data and predicates, so that each rule is unit-tested without Electron.
 * Glue in index.ts/windows.ts applies them (electron docs, tutorial/security.md).
 */

/** The custom scheme the packaged renderer is served from (module scripts and workers do not load from file://). */
export const appScheme = 'app';
/** Host of every app:// URL; the origin the IPC guard accepts is `app://flowcast`. */
export const appHost = 'flowcast';
export const appOrigin = `${appScheme}://${appHost}`;
/** The page the main window loads in a packaged or built app. */
export const appEntryUrl = `${appOrigin}/index.html`;

/**
 * The Content-Security-Policy of the renderer. React Flow needs inline styles; nothing needs eval or inline
 * scripts. In development the Vite dev server adds its HMR websocket and the React refresh preamble (an inline
 * script), so `devServerOrigin` loosens exactly those two directives; never `unsafe-eval`.
 * @example contentSecurityPolicy() // production policy
 */
export function contentSecurityPolicy(devServerOrigin?: string): string {
  const directives: Array<[string, string]> = [
    ['default-src', "'self'"],
    ['script-src', "'self'"],
    ['style-src', "'self' 'unsafe-inline'"],
    ['worker-src', "'self'"],
    ['img-src', "'self' data:"],
    ['font-src', "'self' data:"],
    ['connect-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    ['frame-ancestors', "'none'"],
  ];
  if (devServerOrigin !== undefined) {
    const origin = new URL(devServerOrigin).origin;
    const ws = origin.replace(/^http/, 'ws');
    for (const entry of directives) {
      if (entry[0] === 'script-src') entry[1] = `'self' ${origin} 'unsafe-inline'`;
      if (entry[0] === 'connect-src') entry[1] = `'self' ${origin} ${ws}`;
    }
  }
  return directives.map(([name, value]) => `${name} ${value}`).join('; ');
}

/** Parses a URL without throwing; undefined when it is not a URL. */
function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/**
 * Origins the renderer may be served from: the app:// origin, plus the dev server's origin in development.
 * @example trustedOrigins(process.env.ELECTRON_RENDERER_URL)
 */
export function trustedOrigins(devServerUrl?: string): string[] {
  const origins = [appOrigin];
  const dev = devServerUrl === undefined ? undefined : parse(devServerUrl);
  if (dev && (dev.protocol === 'http:' || dev.protocol === 'https:')) origins.push(dev.origin);
  return origins;
}

/**
 * The origin of a URL as the IPC guard compares it. For app:// (a custom standard scheme) WHATWG URL gives the
 * origin "null", so it is rebuilt from protocol and host.
 */
export function originOf(url: string): string | undefined {
  const parsed = parse(url);
  if (!parsed) return undefined;
  if (parsed.protocol === `${appScheme}:`) return `${appScheme}://${parsed.host}`;
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return parsed.origin;
  return undefined;
}

/** True when a URL belongs to one of the trusted origins. */
export function isTrustedUrl(url: string, origins: readonly string[]): boolean {
  const origin = originOf(url);
  return origin !== undefined && origins.includes(origin);
}

/**
 * `will-navigate` and `will-redirect` predicate: the window never leaves the app. Only an in-app URL (a reload of
 * the page, a hash change) is allowed; everything else is prevented.
 */
export function isNavigationAllowed(url: string, origins: readonly string[]): boolean {
  return isTrustedUrl(url, origins);
}

/** Links the shell hands to the system browser: https only, on allow-listed hosts (the docs site). */
export const externalHosts: readonly string[] = ['github.com', 'electronjs.org', 'www.electronjs.org'];

/** True when `shell.openExternal` may receive this URL. */
export function isSafeExternalUrl(url: string, hosts: readonly string[] = externalHosts): boolean {
  const parsed = parse(url);
  return parsed !== undefined && parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '' && hosts.includes(parsed.hostname);
}

/**
 * `setWindowOpenHandler` decision: never a new Electron window. An allow-listed https link goes to the system
 * browser instead; anything else is dropped.
 */
export function windowOpenDecision(url: string, hosts: readonly string[] = externalHosts): { action: 'deny'; openExternally: boolean } {
  return { action: 'deny', openExternally: isSafeExternalUrl(url, hosts) };
}

/** Permission requests (camera, notifications, geolocation, ...): the studio needs none, so all are refused. */
export function isPermissionGranted(_permission: string): boolean {
  return false;
}
