import { scimJson, scimRoute } from "@/lib/scim/route";
import { createScimUser, listScimUsers } from "@/lib/scim/users";

// SCIM 2.0 Users, served at /scim/v2/Users (next.config.ts rewrites it here). Bearer: a SCIM token.
export const GET = scimRoute(async (i) => scimJson(await listScimUsers({ ...i, filter: i.filter, page: i.page })));
export const POST = scimRoute(async (i) => scimJson(await createScimUser({ ...i, body: i.body }), 201), { body: true });
