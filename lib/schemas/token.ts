import { z } from "zod";

// Project tokens carry permission names as scopes. Only these can be granted to a token.
export const TOKEN_SCOPES = ["evidence:write", "evidence:read", "readiness:read"] as const;

export const ZTokenCreate = z.strictObject({
  name: z.string().trim().min(2, "Name the token (e.g. the pipeline that uses it)").max(80),
  scopes: z
    .array(z.enum(TOKEN_SCOPES))
    .min(1, "Give the token at least one scope")
    .max(TOKEN_SCOPES.length)
    .default(["evidence:write"]),
  expiresAt: z.iso
    .datetime({ offset: true, message: "Use an ISO 8601 time, e.g. 2026-12-31T00:00:00Z" })
    .nullable()
    .default(null),
});
export type TTokenCreate = z.infer<typeof ZTokenCreate>;
