// The size limits an operator can change (IMPORT_MAX_BYTES, INGEST_MAX_*_BYTES), read where uploads
// arrive. The parsers keep their own defaults, so they stay usable without any environment.
import { env, type TEnv } from "@/lib/env";
import { DEFAULT_MAX_IMPORT_BYTES, DEFAULT_PARSE_BUDGET_MS } from "@/lib/import/input";
import { DEFAULT_LIMITS, type IngestLimits } from "@/lib/ingest/limits";

type LimitSettings = Pick<
  TEnv,
  "IMPORT_MAX_BYTES" | "INGEST_MAX_BODY_BYTES" | "INGEST_MAX_JSON_BYTES" | "INGEST_MAX_LINE_BYTES"
>;

/** The largest readiness document an import accepts. */
export function importMaxBytes(settings: LimitSettings = env()): number {
  return settings.IMPORT_MAX_BYTES ?? DEFAULT_MAX_IMPORT_BYTES;
}

/** How long parsing one imported document may take on its worker thread before it is refused. */
export function importParseBudgetMs(settings: Pick<TEnv, "IMPORT_PARSE_BUDGET_MS"> = env()): number {
  return settings.IMPORT_PARSE_BUDGET_MS ?? DEFAULT_PARSE_BUDGET_MS;
}

/** What evidence ingest accepts: a whole body, one JSON document, one line of JSON Lines. */
export function ingestLimits(settings: LimitSettings = env()): IngestLimits {
  const maxBodyBytes = settings.INGEST_MAX_BODY_BYTES ?? DEFAULT_LIMITS.maxBodyBytes;
  // A JSON document or a line can never be larger than the body that carries it.
  return {
    maxBodyBytes,
    maxJsonDocumentBytes: Math.min(settings.INGEST_MAX_JSON_BYTES ?? DEFAULT_LIMITS.maxJsonDocumentBytes, maxBodyBytes),
    maxLineBytes: Math.min(settings.INGEST_MAX_LINE_BYTES ?? DEFAULT_LIMITS.maxLineBytes, maxBodyBytes),
  };
}
