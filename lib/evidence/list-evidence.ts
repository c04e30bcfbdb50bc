import { z } from "zod";
import { prisma } from "@/lib/db";
import { Prisma } from "@/generated/prisma/client";
import type { EvidenceKind, EvidenceOutcome } from "@/generated/prisma/enums";
import type { RequestCtx } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/errors";
import { decodeCursor, toPage, type Page } from "@/lib/pagination";
import type { TEvidenceListQuery } from "@/lib/schemas/evidence";
import { resolveProject } from "@/lib/core/access/resolve-project";
import { evidenceScopeSql } from "@/lib/core/access/auditor-scope";

export interface EvidenceListItem {
  id: string;
  kind: EvidenceKind;
  format: string;
  title: string;
  outcome: EvidenceOutcome;
  effectiveAt: Date;
  collectedAt: Date;
  expiresAt: Date | null;
  sourceRepo: string | null;
  sourceBranch: string | null;
  sourceCommit: string | null;
  sourceWorkflow: string | null;
  sourceRunUrl: string | null;
  sourceUrl: string | null;
  controls: string[];
}

const ZCursor = z.tuple([z.iso.datetime(), z.string().max(100)]);

export interface ListEvidenceOptions {
  ctx: RequestCtx;
  projectSlug: string;
  query: TEvidenceListQuery;
}

/**
 * One page of a project's evidence, newest effective first, by keyset on (effectiveAt, id): every
 * filter the table offers has an index that yields rows in that order, so a page costs the same at
 * row 10 and at row 1,000,000. The control filter walks EvidenceControl's own copy of the times.
 */
export async function listEvidence({ ctx, projectSlug, query }: ListEvidenceOptions): Promise<Page<EvidenceListItem>> {
  const project = await resolveProject({ ctx, slug: projectSlug, permission: "evidence:read" });
  const cursor = decodeCursor(query.cursor, ZCursor);
  let controlId: string | null = null;
  if (query.control) {
    const control = await prisma.control.findUnique({ where: { key: query.control }, select: { id: true } });
    if (!control) throw new NotFoundError(`There is no control "${query.control}".`);
    controlId = control.id;
  }
  const [time, id] = controlId
    ? [Prisma.sql`d."effectiveAt"`, Prisma.sql`d."evidenceId"`]
    : [Prisma.sql`e."effectiveAt"`, Prisma.sql`e.id`];
  // Auditors see only evidence inside their granted audits' windows (lib/core/access/auditor-scope.ts).
  const conditions: Prisma.Sql[] = [Prisma.sql`e."projectId" = ${project.id}`, await evidenceScopeSql(ctx.actor)];
  if (query.kind) conditions.push(Prisma.sql`e.kind = ${query.kind}::"EvidenceKind"`);
  if (query.outcome) conditions.push(Prisma.sql`e.outcome = ${query.outcome}::"EvidenceOutcome"`);
  if (query.repo) conditions.push(Prisma.sql`e."sourceRepo" = ${query.repo}`);
  if (query.from) conditions.push(Prisma.sql`${time} >= ${new Date(query.from)}`);
  if (query.to) conditions.push(Prisma.sql`${time} <= ${new Date(query.to)}`);
  if (cursor) conditions.push(Prisma.sql`(${time}, ${id}) < (${new Date(cursor[0])}, ${cursor[1]})`);
  const from = controlId
    ? Prisma.sql`"EvidenceControl" d JOIN "Evidence" e ON e.id = d."evidenceId" AND d."projectId" = ${project.id} AND d."controlId" = ${controlId}`
    : Prisma.sql`"Evidence" e`;
  const rows = await prisma.$queryRaw<Array<Omit<EvidenceListItem, "controls">>>`
    SELECT e.id, e.kind, e.format, e.title, e.outcome, e."effectiveAt", e."collectedAt", e."expiresAt",
           e."sourceRepo", e."sourceBranch", e."sourceCommit", e."sourceWorkflow", e."sourceRunUrl", e."sourceUrl"
    FROM ${from}
    WHERE ${Prisma.join(conditions, " AND ")}
    ORDER BY ${time} DESC, ${id} DESC
    LIMIT ${query.limit + 1}`;
  const page = toPage(rows, query.limit, (last) => [last.effectiveAt.toISOString(), last.id]);
  const links = page.items.length
    ? await prisma.evidenceControl.findMany({
        where: { evidenceId: { in: page.items.map((r) => r.id) } },
        select: { evidenceId: true, control: { select: { key: true } } },
      })
    : [];
  const keys = new Map<string, string[]>();
  for (const l of links) keys.set(l.evidenceId, [...(keys.get(l.evidenceId) ?? []), l.control.key].sort());
  return { items: page.items.map((r) => ({ ...r, controls: keys.get(r.id) ?? [] })), nextCursor: page.nextCursor };
}
