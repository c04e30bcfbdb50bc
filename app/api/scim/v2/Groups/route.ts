import { scimJson, scimRoute } from "@/lib/scim/route";
import { createScimGroup, listScimGroups } from "@/lib/scim/groups";

// SCIM 2.0 Groups, served at /scim/v2/Groups (next.config.ts rewrites it here). Bearer: a SCIM token.
export const GET = scimRoute(async (i) =>
  scimJson(await listScimGroups({ ...i, filter: i.filter, page: i.page, withMembers: i.withMembers })),
);
export const POST = scimRoute(async (i) => scimJson(await createScimGroup({ ...i, body: i.body }), 201), {
  body: true,
});
