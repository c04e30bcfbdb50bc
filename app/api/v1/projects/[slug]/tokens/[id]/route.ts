import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { requestNow } from "@/lib/clock";
import { revokeToken } from "@/lib/tokens/revoke-token";

const params = z.strictObject({ slug: z.string().min(1).max(100), id: z.string().min(1).max(100) });

export const DELETE = defineRoute({ auth: "session", permission: "token:manage", params }, async ({ ctx, params }) =>
  revokeToken({ ctx, projectSlug: params.slug, tokenId: params.id, now: await requestNow() }),
);
