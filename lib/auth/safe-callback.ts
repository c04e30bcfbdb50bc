// Where to go after signing in. Only a path on this app is accepted: the value is resolved with the
// WHATWG URL parser (what browsers use) against a stand-in origin, and refused unless it stays there.
// Browsers drop tabs and newlines from URLs and read a backslash as a slash, so "/\evil.example" and
// "/<TAB>/evil.example" are protocol-relative URLs to another host; they are refused before parsing.

const BASE = "https://proofline.invalid";
const MAX_LENGTH = 2048;
const FALLBACK = "/";

export function safeCallback(value: string | string[] | undefined | null): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (typeof raw !== "string" || raw.length === 0 || raw.length > MAX_LENGTH) return FALLBACK;
  // Control characters (tab, CR, LF, NUL...), spaces at either end and backslashes never occur in a path we issue.
  if (/[\u0000-\u001f\u007f\\]/.test(raw) || raw.trim() !== raw) return FALLBACK;
  // A path: one slash, then not another (that would name a host).
  if (raw[0] !== "/" || raw[1] === "/") return FALLBACK;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return FALLBACK;
  }
  if (url.origin !== BASE) return FALLBACK;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // The normalised path must itself be a plain path (e.g. "/./\/x" normalises oddly): check it again.
  if (!path.startsWith("/") || path.startsWith("//") || new URL(path, BASE).origin !== BASE) return FALLBACK;
  // Never back to the sign-in page itself (a loop).
  if (/^\/signin(?:[/?#]|$)/i.test(path)) return FALLBACK;
  return path;
}
