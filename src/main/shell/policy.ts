// The Electron shell's security decisions as pure functions: which app:// URL maps to which
// file, which IPC sender is ours, which links may leave the app. No 'electron' import here, so
// the rules are unit-tested without the binary.
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../security/csp';

/** The privileged scheme the workspace is served from (never file://). */
export const APP_SCHEME = 'app';
/** The one host of the app scheme; every page and asset lives under it. */
export const APP_HOST = 'workspace';
/** The URL the window loads. */
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

function parseUrl(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/** Whether `raw` is a URL of our workspace (app://workspace/…). */
export function isAppUrl(raw: string): boolean {
  const url = parseUrl(raw);
  return url !== null && url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
}

/**
 * The file under `rendererDir` an app:// request asks for, or null when it asks for anything
 * else: another scheme or host, an undecodable path, a NUL or backslash, or a path that leaves
 * the folder once `..` and percent-escapes (`%2e%2e%2f`) are resolved. `/` means index.html.
 */
export function resolveAppFile(rendererDir: string, requestUrl: string): string | null {
  const url = parseUrl(requestUrl);
  if (url === null || url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  // A backslash is a separator on Windows; a NUL truncates paths in native code.
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, pathname === '/' ? 'index.html' : `.${pathname}`);
  const relative = path.relative(root, file);
  if (relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
    return null;
  }
  return file;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

/** The headers of an app:// response for `file`: its type, the CSP, no sniffing. */
export function appResponseHeaders(file: string): Record<string, string> {
  return {
    'Content-Type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  };
}

/** Who sent an IPC message, as the shell sees it. */
export interface IpcSender {
  /** Whether the message came from the webContents of our workspace window. */
  fromWorkspaceWindow: boolean;
  /** The URL of the frame that sent it; null when the frame is gone. */
  frameUrl: string | null;
}

/** Whether an IPC message may reach the contract: it must come from our window, showing our page. */
export function isTrustedSender(sender: IpcSender): boolean {
  return sender.fromWorkspaceWindow && sender.frameUrl !== null && isAppUrl(sender.frameUrl);
}

/** The only schemes a link may open in the system browser with. */
const EXTERNAL_PROTOCOLS: ReadonlySet<string> = new Set(['https:', 'http:']);

function isPrivateIpv4(host: string): boolean {
  const parts = host.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return false;
  const [a = -1, b = -1] = parts;
  return (
    a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)
  );
}

function isPrivateIpv6(host: string): boolean {
  if (!host.startsWith('[')) return false;
  const address = host.slice(1, -1).toLowerCase();
  if (address === '::' || address === '::1') return true;
  // IPv4-mapped (::ffff:7f00:1) — the URL parser writes the IPv4 part in hex.
  if (address.startsWith('::ffff:')) return true;
  // fc00::/7 unique local, fe80::/10 link-local.
  return /^f[cd][0-9a-f]{0,2}:/.test(address) || /^fe[89ab][0-9a-f]?:/.test(address);
}

/**
 * Whether a link may be handed to the system browser: http(s) only (no file:, smb:, custom
 * app schemes, javascript:), no credentials in the URL, and a public host — a link in a
 * customer's message must not reach the agent's own machine or local network (localhost,
 * loopback, private and link-local addresses, single-label intranet names).
 */
export function isAllowedExternalUrl(raw: string): boolean {
  const url = parseUrl(raw);
  if (url === null || !EXTERNAL_PROTOCOLS.has(url.protocol)) return false;
  if (url.username !== '' || url.password !== '') return false;
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (host === '' || host === 'localhost' || host.endsWith('.localhost')) return false;
  if (isPrivateIpv4(host) || isPrivateIpv6(host)) return false;
  return host.includes('.') || host.startsWith('[');
}
