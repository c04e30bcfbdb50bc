import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { listLinkableControls } from "@/lib/backlog/list-linkable-controls";

const query = z.strictObject({ q: z.string().trim().max(100).optional() });

export const GET = defineRoute({ auth: "session", permission: "control:read", query }, async ({ ctx, query }) => ({
  items: await listLinkableControls({ ctx, q: query.q }),
}));
