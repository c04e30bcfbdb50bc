import { readJsonBody } from "@/lib/core/http/read-body";

/**
 * The JSON body of a write in the audit workspace, not yet validated. These routes let the lib
 * operation validate it after the audit gate, so that someone outside the audit learns nothing
 * from field errors (they get 403/404, never 422). The operation's zod schema is still the one
 * source of truth for the input (lib/schemas/audit.ts).
 */
export async function workspaceBody(req: Request): Promise<unknown> {
  return readJsonBody(req);
}
