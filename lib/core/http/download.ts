// Every file the API hands out goes through here: one Content-Disposition rule and nosniff.

/**
 * `attachment` with the name in both forms browsers read: an ASCII fallback (anything else, quotes,
 * backslashes and control characters become "_") and the exact name percent-encoded as UTF-8 (RFC 6266,
 * RFC 8187). A name from an upload can hold anything; the header stays valid and cannot be split.
 */
export function contentDisposition(filename: string): string {
  const name = filename.trim() || "download";
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return ascii === name
    ? `attachment; filename="${name}"`
    : `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export interface DownloadOptions {
  filename: string;
  /** Default: application/octet-stream (never rendered by the browser). */
  contentType?: string;
  /** Content-Length when known (streamed originals, packets). */
  size?: number;
  headers?: Record<string, string>;
}

/** A file download: the body as given (a stream is never read here), with its name and type. */
export function downloadResponse(
  body: BodyInit,
  { filename, contentType = "application/octet-stream", size, headers }: DownloadOptions,
): Response {
  return new Response(body, {
    headers: {
      "content-type": contentType,
      ...(size === undefined ? {} : { "content-length": String(size) }),
      "content-disposition": contentDisposition(filename),
      "x-content-type-options": "nosniff",
      ...headers,
    },
  });
}
