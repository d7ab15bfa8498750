/**
 * The Content-Security-Policy of the workspace page, sent by both the Electron shell (on every
 * app:// response) and the browser host: our own code only. Inline styles stay allowed for the
 * layout libraries; inline scripts, eval and remote origins do not. The one remote thing is an
 * https image in a customer's email, and the sanitiser keeps those out of the page until the
 * agent clicks "Show images" for that message (tracking pixels stay dark by default).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');
