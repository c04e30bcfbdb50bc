import { createHash } from "node:crypto";
import { prisma } from "@/lib/db";
import type { RequestCtx } from "@/lib/auth/actor";
import { validate } from "@/lib/api/validate";
import { ZEvidenceLink, type TEvidenceLink } from "@/lib/schemas/evidence";
import { resolveProject } from "@/lib/core/access/resolve-project";
import { lockAndFindExisting, storeEvidence } from "@/lib/evidence/store-evidence";
import { toResult, type IngestResult } from "@/lib/evidence/ingest-result";

export interface RecordLinkOptions {
  ctx: RequestCtx;
  projectSlug: string;
  data: TEvidenceLink;
  now: Date;
}

/** Records a link as evidence (a policy page, a ticket, a dashboard) for the period it covers. */
export async function recordLink({ ctx, projectSlug, data, now }: RecordLinkOptions): Promise<IngestResult> {
  const input = validate(ZEvidenceLink, data, "body");
  const project = await resolveProject({
    ctx,
    slug: projectSlug,
    permission: "evidence:write",
    write: "adding evidence",
  });
  // The same link for the same moment is the same evidence; the same link later is new evidence.
  const dedupeKey = `link:${createHash("sha256")
    .update(`${input.url}\n${new Date(input.effectiveAt).toISOString()}`)
    .digest("hex")}`;
  return prisma.$transaction(async (tx) => {
    const found = await lockAndFindExisting(tx, project.id, dedupeKey);
    if (found) return toResult("existing", found, [], false);
    const stored = await storeEvidence(tx, ctx, {
      projectId: project.id,
      kind: "LINK",
      format: "link",
      title: input.title,
      subject: input.title,
      outcome: input.outcome,
      summary: { url: input.url, outcomeReason: "Stated by the person who recorded the link." },
      dedupeKey,
      sourceUrl: input.url,
      collectedAt: now,
      effectiveAt: new Date(input.effectiveAt),
      periodStart: input.periodStart ? new Date(input.periodStart) : null,
      periodEnd: input.periodEnd ? new Date(input.periodEnd) : null,
    });
    return toResult("created", stored.row, stored.controls, false);
  });
}
