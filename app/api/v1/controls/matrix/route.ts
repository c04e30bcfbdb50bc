import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { mappingMatrix } from "@/lib/controls/mapping-matrix";

const query = z.strictObject({
  family: z
    .string()
    .regex(/^[A-Z][A-Z0-9]{1,7}$/)
    .optional(),
});

export const GET = defineRoute({ auth: "session", permission: "control:read", query }, async ({ ctx, query }) =>
  mappingMatrix({ ctx, family: query.family }),
);
