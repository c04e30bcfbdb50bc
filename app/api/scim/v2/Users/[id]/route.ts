import { scimJson, scimRoute } from "@/lib/scim/route";
import { deleteScimUser, getScimUser, patchScimUser, replaceScimUser } from "@/lib/scim/users";

export const GET = scimRoute(async (i) => scimJson(await getScimUser({ ...i, id: i.params.id })));
export const PUT = scimRoute(async (i) => scimJson(await replaceScimUser({ ...i, id: i.params.id, body: i.body })), {
  body: true,
});
export const PATCH = scimRoute(async (i) => scimJson(await patchScimUser({ ...i, id: i.params.id, body: i.body })), {
  body: true,
});
export const DELETE = scimRoute(async (i) => {
  await deleteScimUser({ ...i, id: i.params.id });
  return new Response(null, { status: 204 });
});
