import { can, type Actor } from "@/lib/auth/actor";
import type { Permission } from "@/lib/auth/permissions";
import type { ImportPlan } from "@/lib/import/plan-import";

// Importing a document is allowed by "document:import", but each change it makes to the project is
// a change of its own kind: backlog items need "backlog:write", runbooks "runbook:write". An import
// whose plan holds a change the actor may not make is refused whole (nothing is written); the preview
// lists the same refusals, so the person sees them before applying.

const VERBS: Record<string, string> = {
  create: "create",
  update: "update",
  close: "close",
  reopen: "reopen",
  restore: "restore",
  remove: "mark as removed",
};
const CHANGES = new Set(Object.keys(VERBS));

export interface RefusedImportEffect {
  permission: Permission;
  /** e.g. "create 3 runbooks" */
  effect: string;
}

function tally(actions: string[], noun: [string, string], permission: Permission): RefusedImportEffect[] {
  const counts = new Map<string, number>();
  for (const a of actions) if (CHANGES.has(a)) counts.set(a, (counts.get(a) ?? 0) + 1);
  return [...counts].map(([action, n]) => ({
    permission,
    effect: `${VERBS[action]} ${n} ${n === 1 ? noun[0] : noun[1]}`,
  }));
}

/** The changes in `plan` that `actor` may not make in the project (empty when all are allowed). */
export function refusedImportEffects(
  actor: Actor,
  projectId: string,
  plan: Pick<ImportPlan, "items" | "runbooks">,
): RefusedImportEffect[] {
  const refused: RefusedImportEffect[] = [];
  if (!can(actor, "backlog:write", { projectId }))
    refused.push(
      ...tally(
        plan.items.map((i) => i.action),
        ["backlog item", "backlog items"],
        "backlog:write",
      ),
    );
  if (!can(actor, "runbook:write", { projectId }))
    refused.push(
      ...tally(
        plan.runbooks.map((r) => r.action),
        ["runbook", "runbooks"],
        "runbook:write",
      ),
    );
  return refused;
}

/** One sentence for the 403: what the import would do that the actor may not. */
export function describeRefusedImport(refused: RefusedImportEffect[]): string {
  const permissions = [...new Set(refused.map((r) => r.permission))].join(", ");
  return `This import would ${refused.map((r) => r.effect).join(", ")}, which needs ${permissions} that you do not hold. Nothing was imported; ask a compliance lead to import it, or remove those parts from the document.`;
}
