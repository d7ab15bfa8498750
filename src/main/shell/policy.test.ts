import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../security/csp';
import { APP_ENTRY_URL, appResponseHeaders, isAllowedExternalUrl, isAppUrl, isTrustedSender, resolveAppFile } from './policy';

const root = path.resolve('/srv/app/out/renderer');

describe('resolveAppFile', () => {
  test('maps the entry URL to index.html when the window loads', () => {
    expect(resolveAppFile(root, APP_ENTRY_URL)).toBe(path.join(root, 'index.html'));
  });

  test('maps the bare origin to index.html when the path is /', () => {
    expect(resolveAppFile(root, 'app://workspace/')).toBe(path.join(root, 'index.html'));
  });

  test('maps an asset path to its file when it stays inside the folder', () => {
    expect(resolveAppFile(root, 'app://workspace/assets/index-abc.js?v=1#x')).toBe(path.join(root, 'assets', 'index-abc.js'));
  });

  test('decodes percent-escapes when a file name has spaces', () => {
    expect(resolveAppFile(root, 'app://workspace/assets/my%20font.woff2')).toBe(path.join(root, 'assets', 'my font.woff2'));
  });

  // The URL parser already folds literal and escaped dot segments at the root, so they can
  // only name a file inside the folder.
  test.each([
    ['dot segments', 'app://workspace/../../etc/passwd'],
    ['escaped dot segments', 'app://workspace/%2e%2e/%2e%2e/etc/passwd'],
  ])('keeps the request inside the folder when it has %s', (_case, url) => {
    expect(resolveAppFile(root, url)).toBe(path.join(root, 'etc', 'passwd'));
  });

  test.each([
    ['escaped slashes', 'app://workspace/..%2f..%2fetc%2fpasswd'],
    ['a sibling folder sharing the prefix', 'app://workspace/..%2frenderer-secrets/key'],
    ['the parent itself', 'app://workspace/..%2f'],
    ['backslashes', 'app://workspace/..%5c..%5cwindows%5cwin.ini'],
    ['a NUL byte', 'app://workspace/index.html%00.png'],
    ['a broken escape', 'app://workspace/%E0%A4%A'],
    ['another host', 'app://evil/index.html'],
    ['another scheme', 'file:///srv/app/out/renderer/index.html'],
    ['not a URL', 'index.html'],
  ])('refuses the request when it has %s', (_case, url) => {
    expect(resolveAppFile(root, url)).toBeNull();
  });
});

describe('appResponseHeaders', () => {
  test('sends the CSP and the HTML type when the file is a page', () => {
    expect(appResponseHeaders('/x/index.html')).toEqual({
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    });
  });

  test('sends a JavaScript type when the file is a module', () => {
    expect(appResponseHeaders('/x/assets/INDEX.JS')['Content-Type']).toBe('text/javascript; charset=utf-8');
  });

  test('sends an opaque type when the extension is unknown', () => {
    expect(appResponseHeaders('/x/blob.bin')['Content-Type']).toBe('application/octet-stream');
  });
});

describe('isTrustedSender', () => {
  test('accepts a call when it comes from our window showing our page', () => {
    expect(isTrustedSender({ fromWorkspaceWindow: true, frameUrl: 'app://workspace/index.html' })).toBe(true);
  });

  test.each([
    ['another webContents', { fromWorkspaceWindow: false, frameUrl: 'app://workspace/index.html' }],
    ['a frame already gone', { fromWorkspaceWindow: true, frameUrl: null }],
    ['a remote page', { fromWorkspaceWindow: true, frameUrl: 'https://evil.example/' }],
    ['a file page', { fromWorkspaceWindow: true, frameUrl: 'file:///tmp/x.html' }],
    ['another app host', { fromWorkspaceWindow: true, frameUrl: 'app://other/index.html' }],
    ['a look-alike host', { fromWorkspaceWindow: true, frameUrl: 'app://workspace.evil.example/' }],
  ])('refuses a call when it comes from %s', (_case, sender) => {
    expect(isTrustedSender(sender)).toBe(false);
  });
});

describe('isAppUrl', () => {
  test('accepts a deep path when the origin is ours', () => {
    expect(isAppUrl('app://workspace/assets/a.css')).toBe(true);
  });
});

describe('isAllowedExternalUrl', () => {
  test.each(['https://example.com/help?a=1#x', 'http://docs.example.org/', 'https://[2001:db8::1]/'])(
    'allows %s when it is http(s) to a public host',
    (url) => {
      expect(isAllowedExternalUrl(url)).toBe(true);
    },
  );

  test.each([
    ['file:///etc/passwd', 'a file URL'],
    ['smb://server/share', 'an SMB share'],
    ['javascript:alert(1)', 'script'],
    ['ms-msdt:/id PCWDiagnostic', 'an OS handler'],
    ['app://workspace/index.html', 'our own scheme'],
    ['https://user:pw@example.com/', 'credentials'],
    ['http://localhost:5317/rpc', 'localhost'],
    ['http://api.localhost/', 'a .localhost name'],
    ['http://127.0.0.1/', 'loopback'],
    ['http://0x7f.1/', 'loopback in hex'],
    ['http://10.0.0.8/admin', 'a private address'],
    ['http://172.20.1.1/', 'a private address'],
    ['http://192.168.1.1/', 'a router'],
    ['http://169.254.169.254/latest/meta-data', 'link-local metadata'],
    ['http://[::1]/', 'IPv6 loopback'],
    ['http://[fd00::1]/', 'IPv6 unique local'],
    ['http://[fe80::1]/', 'IPv6 link-local'],
    ['http://[::ffff:127.0.0.1]/', 'IPv4-mapped loopback'],
    ['http://intranet/', 'a single-label name'],
    ['not a url', 'text'],
  ])('refuses %s when it is %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });
});
