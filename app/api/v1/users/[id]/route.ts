import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { updateUser } from "@/lib/users/update-user";
import { ZUserUpdate } from "@/lib/schemas/user";

export const PATCH = defineRoute(
  {
    auth: "session",
    permission: "user:manage",
    params: z.strictObject({ id: z.string().min(1).max(64) }),
    body: ZUserUpdate,
  },
  async ({ ctx, params, body }) => updateUser({ ctx, userId: params.id, data: body }),
);
