import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { getDocumentVersion } from "@/lib/backlog/get-document-version";

const params = z.strictObject({ slug: z.string().min(1).max(100), documentId: z.string().min(1).max(40) });
const query = z.strictObject({ version: z.string().min(1).max(40).optional() });

export const GET = defineRoute(
  { auth: "session-or-token", permission: "document:read", params, query },
  async ({ ctx, params, query }) =>
    getDocumentVersion({ ctx, slug: params.slug, documentId: params.documentId, versionId: query.version }),
);
