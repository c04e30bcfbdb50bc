import { defineRoute } from "@/lib/api/handler";
import { jsonResponse } from "@/lib/core/http/json";
import { listUsers } from "@/lib/users/list-users";
import { createUser } from "@/lib/users/create-user";
import { ZUserCreate } from "@/lib/schemas/user";

export const GET = defineRoute({ auth: "session", permission: "user:read" }, async ({ ctx }) => ({
  items: await listUsers({ ctx }),
}));

export const POST = defineRoute(
  { auth: "session", permission: "user:manage", body: ZUserCreate },
  async ({ ctx, body }) => jsonResponse(await createUser({ ctx, data: body }), { status: 201 }),
);
