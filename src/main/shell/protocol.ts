// Serves the built workspace over the privileged app:// scheme, never file://, so the page has
// a real origin for the CSP and 'self', and no access to the rest of the disk.
import fs from 'node:fs/promises';
import { protocol, type Session } from 'electron';
import { logger, describeError } from '../log';
import { APP_SCHEME, appResponseHeaders, resolveAppFile } from './policy';

const log = logger('shell');

/** Declares app:// as a standard, secure scheme. Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    // corsEnabled: Vite's module scripts and stylesheets are fetched in CORS mode, even same-origin.
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } },
  ]);
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** Answers app://workspace/… on `session` with the files of `rendererDir`, read-only. */
export function serveWorkspace(session: Session, rendererDir: string): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const file = resolveAppFile(rendererDir, request.url);
    if (file === null) return plain(404, 'Not found');
    try {
      const body = await fs.readFile(file);
      return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
        status: 200,
        headers: appResponseHeaders(file),
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return plain(404, 'Not found');
      log.error('cannot read a workspace file', { file, ...describeError(error) });
      return plain(500, 'Cannot read the file');
    }
  });
}
