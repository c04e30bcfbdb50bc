import { openApiDocument, type Json } from "@/lib/core/http/openapi";
import { readinessOpenApiPaths } from "@/lib/readiness/openapi-paths";
import { backlogOpenApiPaths } from "@/lib/backlog/openapi-paths";
import { evidenceOpenApi } from "@/lib/evidence/openapi-paths";

let cached: Json | undefined;

/** /api/v1/openapi.json: every area's part, joined once per process. */
export function apiDocument(): Json {
  cached ??= openApiDocument([{ paths: readinessOpenApiPaths() }, { paths: backlogOpenApiPaths() }, evidenceOpenApi()]);
  return cached;
}
