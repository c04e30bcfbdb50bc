import { isAppError } from "@/lib/errors";
import { BodyRefusedError } from "@/lib/core/http/read-body";

// SCIM answers errors in its own shape (RFC 7644 §3.12), never problem+json: identity providers read
// "status" (a string) and "scimType" from it.

export const SCIM_ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";
export const SCIM_CONTENT_TYPE = "application/scim+json";

export type ScimType =
  | "invalidFilter"
  | "tooMany"
  | "uniqueness"
  | "mutability"
  | "invalidSyntax"
  | "invalidPath"
  | "noTarget"
  | "invalidValue"
  | "invalidVers"
  | "sensitive";

export class ScimError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly scimType?: ScimType,
  ) {
    super(detail);
  }
}

export function scimErrorBody(status: number, detail: string, scimType?: ScimType) {
  return { schemas: [SCIM_ERROR_SCHEMA], status: String(status), ...(scimType ? { scimType } : {}), detail };
}

/** Any thrown error as a SCIM error response (unknown errors are logged and answered 500 without detail). */
export function scimErrorResponse(err: unknown, requestId: string): Response {
  let status = 500;
  let detail = `Something went wrong on our side. Quote request id ${requestId} when reporting it.`;
  let scimType: ScimType | undefined;
  if (err instanceof ScimError) {
    ({ status, detail, scimType } = err);
  } else if (err instanceof BodyRefusedError || isAppError(err)) {
    status = err.status === 422 || err.status === 415 ? 400 : err.status;
    detail = err.message;
    scimType = status === 409 ? "uniqueness" : status === 400 ? "invalidValue" : undefined;
  } else {
    console.error(`[scim request ${requestId}]`, err);
  }
  const headers: Record<string, string> = { "content-type": SCIM_CONTENT_TYPE, "x-request-id": requestId };
  if (status === 401) headers["www-authenticate"] = 'Bearer realm="Proofline SCIM"';
  return new Response(JSON.stringify(scimErrorBody(status, detail, scimType)), { status, headers });
}
