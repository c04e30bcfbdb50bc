import { defineRoute } from "@/lib/api/handler";
import { jsonResponse } from "@/lib/core/http/json";
import { ZScimTokenCreate } from "@/lib/schemas/identity";
import { createScimToken, listScimTokens } from "@/lib/scim/tokens";

// Admins manage the bearer tokens identity providers use for SCIM (/scim/v2). The secret is in the
// creation answer only.
export const GET = defineRoute({ auth: "session", permission: "user:read" }, async ({ ctx }) => ({
  items: await listScimTokens({ ctx }),
}));
export const POST = defineRoute(
  { auth: "session", permission: "user:manage", body: ZScimTokenCreate },
  async ({ ctx, body }) => jsonResponse(await createScimToken({ ctx, data: body }), { status: 201 }),
);
