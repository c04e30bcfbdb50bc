import { defineRoute } from "@/lib/api/handler";
import { requestNow } from "@/lib/clock";
import { getPopulation } from "@/lib/audits/get-population";
import { ZPageOnly, ZPopulationParams } from "@/lib/schemas/audit";

export const GET = defineRoute(
  { auth: "session", permission: "population:read", params: ZPopulationParams, query: ZPageOnly },
  async ({ ctx, params, query }) => getPopulation({ ctx, ...params, now: await requestNow(), query }),
);
