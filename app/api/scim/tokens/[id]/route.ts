import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { revokeScimToken } from "@/lib/scim/tokens";

export const DELETE = defineRoute(
  { auth: "session", permission: "user:manage", params: z.strictObject({ id: z.string().min(1).max(64) }) },
  async ({ ctx, params }) => revokeScimToken({ ctx, tokenId: params.id }),
);
