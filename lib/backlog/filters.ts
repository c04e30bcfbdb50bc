// The backlog filters as a Prisma condition, shared by the lists and the counts.
import type { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { projectAccessWhere } from "@/lib/core/access/project-access";
import { NO_BLOCK } from "@/lib/backlog/priority";

export interface BacklogFilterInput {
  projectId?: string;
  block?: string;
  priority?: "BLOCKER" | "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "NONE";
  status?: "OPEN" | "IN_PROGRESS" | "DONE" | "NOT_DONE";
  owner?: string;
  control?: string;
  kind?: "ITEM" | "GAP" | "CHECKLIST";
  q?: string;
  removed?: "include" | "only";
}

export function backlogWhere(actor: Actor, f: BacklogFilterInput): Prisma.BacklogItemWhereInput {
  const and: Prisma.BacklogItemWhereInput[] = [
    f.projectId ? { projectId: f.projectId } : { project: { AND: [projectAccessWhere(actor), { archivedAt: null }] } },
  ];
  if (f.block !== undefined) and.push({ block: f.block === "" || f.block === NO_BLOCK ? null : f.block });
  if (f.priority) and.push({ priority: f.priority === "NONE" ? null : f.priority });
  if (f.status) and.push(f.status === "NOT_DONE" ? { status: { not: "DONE" } } : { status: f.status });
  if (f.owner) and.push({ ownerId: f.owner === "none" ? null : f.owner });
  if (f.control)
    and.push({ controls: { some: { control: { OR: [{ id: f.control }, { key: f.control.toUpperCase() }] } } } });
  if (f.kind) and.push({ kind: f.kind });
  if (f.removed !== "include") and.push({ removedFromSourceAt: f.removed === "only" ? { not: null } : null });
  if (f.q) {
    const q = f.q;
    and.push({
      OR: [
        { title: { contains: q, mode: "insensitive" } },
        { key: { contains: q, mode: "insensitive" } },
        { body: { contains: q, mode: "insensitive" } },
        { block: { contains: q, mode: "insensitive" } },
      ],
    });
  }
  return { AND: and };
}
