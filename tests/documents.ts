// A document posted to the import route by a new user of some role, into a new project of its own
// (integration tests of the import: what a role may apply, what the parser does with a document).
import type { Role } from "@/generated/prisma/enums";
import { postDocument } from "@/lib/backlog/testing/post-document";
import { makeProject, makeUser } from "@/tests/factories";

/** Makes the user and the project, then posts (`query` names the file and the mode, as in postDocument). */
export async function postDocumentAsNew(role: Role, doc: { query: string; body: BodyInit; contentType?: string }) {
  const user = await makeUser({ role });
  const project = await makeProject();
  const res = await postDocument({ slug: project.slug, userId: user.id, ...doc });
  return { user, project, res };
}
