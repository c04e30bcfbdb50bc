import { defineRoute } from "@/lib/api/handler";
import { jsonResponse } from "@/lib/core/http/json";
import { requestNow } from "@/lib/clock";
import { listControls } from "@/lib/controls/list-controls";
import { createControl } from "@/lib/controls/create-control";
import { ZControlCreate, ZControlListQuery } from "@/lib/schemas/control";

export const GET = defineRoute(
  { auth: "session", permission: "control:read", query: ZControlListQuery },
  async ({ ctx, query }) => listControls({ ctx, query }),
);

export const POST = defineRoute(
  { auth: "session", permission: "control:manage", body: ZControlCreate },
  async ({ ctx, body }) =>
    jsonResponse(await createControl({ ctx, data: body, now: await requestNow() }), { status: 201 }),
);
