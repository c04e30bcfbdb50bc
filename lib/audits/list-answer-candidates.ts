import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { prisma } from "@/lib/db";
import type { RequestCtx } from "@/lib/auth/actor";
import { decodeCursor, toPage } from "@/lib/pagination";
import { accessibleRequest } from "@/lib/audits/request-access";
import { evidenceInWindowWhere } from "@/lib/core/access/auditor-scope";

/** Evidence as a request lists it, attached or offered as an answer: title, kind, outcome, when, project. */
export const REQUEST_EVIDENCE_SELECT = {
  id: true,
  title: true,
  kind: true,
  outcome: true,
  effectiveAt: true,
  project: { select: { slug: true, name: true } },
} satisfies Prisma.EvidenceSelect;

export interface ListAnswerCandidatesOptions {
  ctx: RequestCtx;
  auditId: string;
  requestId: string;
  now: Date;
  query: { q?: string; cursor?: string; limit: number };
}

/**
 * Evidence a request can be answered with: the audit's projects, inside its window, newest first,
 * optionally matching a title. Open to whoever may answer (the owner, leads).
 */
export async function listAnswerCandidates({ ctx, auditId, requestId, now, query }: ListAnswerCandidatesOptions) {
  const { audit } = await accessibleRequest({ ctx, auditId, requestId, now, permission: "request:answer" });
  const after = decodeCursor(query.cursor, z.tuple([z.string(), z.string()]));
  const rows = await prisma.evidence.findMany({
    where: {
      AND: [
        evidenceInWindowWhere(audit.window, audit.projectIds),
        query.q ? { title: { contains: query.q, mode: "insensitive" } } : {},
        after
          ? {
              OR: [
                { effectiveAt: { lt: new Date(after[0]) } },
                { effectiveAt: new Date(after[0]), id: { lt: after[1] } },
              ],
            }
          : {},
      ],
    },
    orderBy: [{ effectiveAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    select: REQUEST_EVIDENCE_SELECT,
  });
  return toPage(rows, query.limit, (last) => [last.effectiveAt.toISOString(), last.id]);
}
