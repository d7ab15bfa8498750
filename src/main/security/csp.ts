/**
 * The Content-Security-Policy of the workspace page, sent by both the Electron shell (on every
 * app:// response) and the browser host: our own code only, no remote anything. Inline styles
 * stay allowed for the layout libraries; inline scripts, eval and remote origins do not.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');
