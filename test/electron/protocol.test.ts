import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppRequest } from '../../electron/main/protocol';

const root = path.resolve('/opt/flowcast/out/renderer');

describe('app:// resolver', () => {
  it('serves files under the renderer folder with their MIME type', () => {
    expect(resolveAppRequest('app://flowcast/', root)).toEqual({ ok: true, filePath: path.join(root, 'index.html'), mimeType: 'text/html; charset=utf-8' });
    expect(resolveAppRequest('app://flowcast/assets/index-abc.js?v=1#x', root)).toEqual({ ok: true, filePath: path.join(root, 'assets/index-abc.js'), mimeType: 'text/javascript; charset=utf-8' });
    expect(resolveAppRequest('app://flowcast/assets/My%20Font.woff2', root)).toMatchObject({ ok: true, filePath: path.join(root, 'assets/My Font.woff2'), mimeType: 'font/woff2' });
  });

  it('never serves a file outside the renderer folder', () => {
    for (const url of ['app://flowcast/../main/index.js', 'app://flowcast/%2e%2e/%2e%2e/etc/passwd', 'app://flowcast/assets/..%2f..%2f..%2fetc%2fpasswd', 'app://flowcast/..%5c..%5cwindows', 'app://flowcast/a%00.js']) {
      const target = resolveAppRequest(url, root);
      if (target.ok) expect(target.filePath.startsWith(root + path.sep), url).toBe(true);
      else expect([400, 403]).toContain(target.status);
    }
    // URL parsing folds dot segments first, so this asks for <root>/etc/passwd, which the bundle does not have.
    expect(resolveAppRequest('app://flowcast/%2e%2e/%2e%2e/etc/passwd', root)).toMatchObject({ ok: true, filePath: path.join(root, 'etc/passwd') });
    expect(resolveAppRequest('app://flowcast/assets/..%2f..%2f..%2fetc%2fpasswd', root)).toMatchObject({ ok: false, status: 403 });
  });

  it('refuses other hosts, schemes and malformed escapes', () => {
    expect(resolveAppRequest('app://other/index.html', root)).toMatchObject({ ok: false, status: 403 });
    expect(resolveAppRequest('file:///etc/passwd', root)).toMatchObject({ ok: false, status: 403 });
    expect(resolveAppRequest('app://flowcast/%E0%A4%A', root)).toMatchObject({ ok: false, status: 400 });
    expect(resolveAppRequest('nonsense', root)).toMatchObject({ ok: false, status: 400 });
  });
});
