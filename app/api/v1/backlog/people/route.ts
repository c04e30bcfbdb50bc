import { defineRoute } from "@/lib/api/handler";
import { listPeople } from "@/lib/backlog/list-people";

export const GET = defineRoute({ auth: "session", permission: "backlog:read" }, async ({ ctx }) => ({
  items: await listPeople({ ctx }),
}));
