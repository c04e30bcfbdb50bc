// The Content-Security-Policy of every page, with a fresh nonce per request. proxy.ts sets it on the
// request (Next reads the nonce from there and puts it on its own <script> tags) and on the response.
// Scripts run only when they carry the nonce, or were loaded by one that did ('strict-dynamic'): an
// injected <script> or inline handler does not run. Styles may be inline (React style attributes and
// chart libraries use them; style injection cannot run code). No imports: proxy.ts loads it.

export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy(nonce: string, opts: { dev?: boolean } = {}): string {
  return [
    "default-src 'self'",
    // next dev evaluates modules with eval (React's dev tooling); production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${opts.dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Responses that are data, never pages (API, downloads): nothing may run or load in them. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";
