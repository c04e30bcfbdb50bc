import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { requestNow } from "@/lib/clock";
import { getControl } from "@/lib/controls/get-control";
import { updateControl } from "@/lib/controls/update-control";
import { ZControlKey } from "@/lib/schemas/catalogue";
import { ZControlUpdate } from "@/lib/schemas/control";

const params = z.strictObject({ key: ZControlKey });

export const GET = defineRoute({ auth: "session", permission: "control:read", params }, async ({ ctx, params }) =>
  getControl({ ctx, key: params.key, now: await requestNow() }),
);

export const PATCH = defineRoute(
  { auth: "session", permission: "control:manage", params, body: ZControlUpdate },
  async ({ ctx, params, body }) => updateControl({ ctx, key: params.key, data: body, now: await requestNow() }),
);
