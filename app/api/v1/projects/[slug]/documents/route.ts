import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { jsonResponse } from "@/lib/core/http/json";
import { requestNow } from "@/lib/clock";
import { listDocuments } from "@/lib/backlog/list-documents";
import { previewDocumentImport } from "@/lib/backlog/preview-document-import";
import { applyDocumentImport } from "@/lib/backlog/apply-document-import";
import { readUpload } from "@/lib/backlog/read-upload";
import { ZDocumentImportQuery } from "@/lib/schemas/backlog";
import { ZImportMappingParam } from "@/lib/import/mapping";

/** The import's options, plus the reader's corrections to how the document is read (lib/import/mapping.ts). */
const query = ZDocumentImportQuery.extend({ mapping: ZImportMappingParam.optional() });

const params = z.strictObject({ slug: z.string().min(1).max(100) });

export const GET = defineRoute(
  { auth: "session-or-token", permission: "document:read", params },
  async ({ ctx, params }) => ({ items: await listDocuments({ ctx, slug: params.slug }) }),
);

/**
 * Imports a document. The body is the document itself (any content type; it is checked: size, not
 * binary, UTF-8). mode=preview (the default) says what would change; mode=apply does it. mapping=<JSON>
 * corrects how it is read (saved with the document on apply); mapping=none reads it with no correction.
 */
export const POST = defineRoute(
  { auth: "session-or-token", permission: "document:import", params, query },
  async ({ ctx, params, query, req }) => {
    const bytes = await readUpload(req);
    const input = {
      ctx,
      slug: params.slug,
      bytes,
      filename: query.filename,
      format: query.format,
      documentKey: query.documentKey,
      mapping: query.mapping,
    };
    if (query.mode === "preview") return previewDocumentImport(input);
    return jsonResponse(
      await applyDocumentImport({ ...input, now: await requestNow(), expectedSha256: query.expectedSha256 }),
      { status: 201 },
    );
  },
);
