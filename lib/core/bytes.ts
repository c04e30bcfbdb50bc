// Bytes as every layer passes them: a body, a spool file, a stored original, a parser's input.

/** A body read as a stream of byte chunks (a file stream, a request body, a test buffer). */
export type ByteSource = AsyncIterable<Uint8Array>;

export const MB = 1024 * 1024;

/** A size for a sentence: "3.2 MB", "12 KB", "900 bytes". */
export function formatBytes(n: number): string {
  if (n >= MB) return `${Math.round((n / MB) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}
