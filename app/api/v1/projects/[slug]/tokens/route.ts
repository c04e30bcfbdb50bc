import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { jsonResponse } from "@/lib/core/http/json";
import { requestNow } from "@/lib/clock";
import { createToken } from "@/lib/tokens/create-token";
import { listTokens } from "@/lib/tokens/list-tokens";
import { ZTokenCreate } from "@/lib/schemas/token";

const params = z.strictObject({ slug: z.string().min(1).max(100) });

export const GET = defineRoute({ auth: "session", permission: "token:read", params }, async ({ ctx, params }) =>
  listTokens({ ctx, projectSlug: params.slug }),
);

// The answer carries the secret: the only time it is ever shown.
export const POST = defineRoute(
  { auth: "session", permission: "token:manage", params, body: ZTokenCreate },
  async ({ ctx, params, body }) =>
    jsonResponse(await createToken({ ctx, projectSlug: params.slug, data: body, now: await requestNow() }), {
      status: 201,
      headers: { "cache-control": "no-store" },
    }),
);
