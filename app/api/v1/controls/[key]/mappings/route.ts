import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { requestNow } from "@/lib/clock";
import { updateControlMappings } from "@/lib/controls/update-control-mappings";
import { ZControlKey } from "@/lib/schemas/catalogue";
import { ZControlMappingsPatch } from "@/lib/schemas/control";

export const PATCH = defineRoute(
  {
    auth: "session",
    permission: "control:manage",
    params: z.strictObject({ key: ZControlKey }),
    body: ZControlMappingsPatch,
  },
  async ({ ctx, params, body }) => updateControlMappings({ ctx, key: params.key, data: body, now: await requestNow() }),
);
