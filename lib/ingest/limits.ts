// Defaults for what the ingest path accepts. The ingest operation takes overrides in its options.
import { MB } from "@/lib/core/bytes";

export { MB, formatBytes } from "@/lib/core/bytes";

export interface IngestLimits {
  /** Any body (streamed formats: JUnit XML, JSON Lines). */
  maxBodyBytes: number;
  /** Formats that must be parsed as one JSON document (SARIF, SBOMs, npm audit, …). */
  maxJsonDocumentBytes: number;
  /** One line of a JSON Lines body. */
  maxLineBytes: number;
}

export const DEFAULT_LIMITS: IngestLimits = {
  maxBodyBytes: 1024 * MB,
  maxJsonDocumentBytes: 50 * MB,
  maxLineBytes: 1 * MB,
};

// Caps on what a summary keeps, so that a huge report yields a small summary.
export const CAPS = {
  message: 1_000,
  detail: 4_000,
  listItems: 100,
  propertyValue: 200,
  properties: 50,
  rejectedLines: 50,
};

export function clip(text: string | null | undefined, max: number): string | undefined {
  if (text == null) return undefined;
  return text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters)` : text;
}
