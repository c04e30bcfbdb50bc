// The document import API's answers as the browser receives them (app/api/v1/projects/[slug]/documents).
import type { ResponseOf, Serialized } from "@/lib/dto/serialized";
import type { previewDocumentImport } from "@/lib/backlog/preview-document-import";
import type { applyDocumentImport } from "@/lib/backlog/apply-document-import";
import type { planSummary } from "@/lib/backlog/import-context";
import type { listDocuments } from "@/lib/backlog/list-documents";

/** POST /api/v1/projects/[slug]/documents?mode=preview: what importing would do (writes nothing). */
export type ImportPreviewDto = ResponseOf<typeof previewDocumentImport>;

/** POST /api/v1/projects/[slug]/documents?mode=apply (201): what the import did. */
export type ImportAppliedDto = ResponseOf<typeof applyDocumentImport>;

/** What both answers carry, as the plan view shows either: the plan, and the document as each names it. */
export type ImportReportDto = Serialized<ReturnType<typeof planSummary>> & {
  document: { key: string; title: string; sameVersionImportedAt?: string | null };
};

/** One document of GET /api/v1/projects/[slug]/documents ({ items }) */
export type DocumentDto = ResponseOf<typeof listDocuments>[number];

/** What an item's line of the plan says will happen to it. */
export type PlanActionDto = ImportReportDto["items"][number]["action"];
