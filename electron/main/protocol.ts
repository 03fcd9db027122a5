import path from 'node:path';
import { appHost, appScheme } from './security';

/** MIME types of what Vite emits into out/renderer. Anything else is served as bytes. */
const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** Where an app:// request points: a file inside the renderer folder, or a refusal with its HTTP status. */
export type AppRequestTarget = { ok: true; filePath: string; mimeType: string } | { ok: false; status: 400 | 403 | 404; reason: string };

/**
 * Maps `app://flowcast/<path>` to a file under `rootDir` (out/renderer). Refuses other hosts, and any path that
 * escapes the root after decoding (`..`, encoded slashes, absolute paths), so the protocol never serves a file
 * outside the renderer bundle. `/` serves index.html.
 * @example resolveAppRequest('app://flowcast/assets/index.js', '/opt/Flowcast/resources/app.asar/out/renderer')
 */
export function resolveAppRequest(requestUrl: string, rootDir: string): AppRequestTarget {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400, reason: `Not a URL: ${requestUrl}` };
  }
  if (url.protocol !== `${appScheme}:` || url.host !== appHost) return { ok: false, status: 403, reason: `Not an app URL: ${requestUrl}` };
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return { ok: false, status: 400, reason: `Bad escape in ${requestUrl}` };
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return { ok: false, status: 400, reason: `Bad path in ${requestUrl}` };
  const relative = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const root = path.resolve(rootDir);
  const filePath = path.resolve(root, relative);
  if (filePath !== root && !filePath.startsWith(root + path.sep)) return { ok: false, status: 403, reason: `Outside the app: ${requestUrl}` };
  const mimeType = mimeTypes[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
  return { ok: true, filePath, mimeType };
}
