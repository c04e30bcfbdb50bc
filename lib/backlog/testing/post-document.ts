// A document posted to the import route the way the browser and the CLI send one (integration tests).
import { POST as importRoute } from "@/app/api/v1/projects/[slug]/documents/route";
import { call } from "@/tests/api";

/** Posts `body` to the project's import route as `userId`; `query` names the file and the mode. */
export function postDocument(opts: {
  slug: string;
  userId: string;
  query: string;
  body: BodyInit;
  contentType?: string;
}) {
  return call(importRoute, {
    method: "POST",
    path: `/api/v1/projects/${opts.slug}/documents?${opts.query}`,
    params: { slug: opts.slug },
    asUser: opts.userId,
    rawBody: opts.body,
    ...(opts.contentType ? { headers: { "content-type": opts.contentType } } : {}),
  });
}
