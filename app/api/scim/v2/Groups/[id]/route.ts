import { scimJson, scimRoute } from "@/lib/scim/route";
import { deleteScimGroup, getScimGroup, patchScimGroup, replaceScimGroup } from "@/lib/scim/groups";

export const GET = scimRoute(async (i) =>
  scimJson(await getScimGroup({ ...i, id: i.params.id, withMembers: i.withMembers })),
);
export const PUT = scimRoute(async (i) => scimJson(await replaceScimGroup({ ...i, id: i.params.id, body: i.body })), {
  body: true,
});
export const PATCH = scimRoute(async (i) => scimJson(await patchScimGroup({ ...i, id: i.params.id, body: i.body })), {
  body: true,
});
export const DELETE = scimRoute(async (i) => {
  await deleteScimGroup({ ...i, id: i.params.id });
  return new Response(null, { status: 204 });
});
