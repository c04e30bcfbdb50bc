import type { Tx } from "@/lib/db";
import { InvalidInputError, type FieldIssue } from "@/lib/errors";
import type { TMappingRef } from "@/lib/schemas/control";

export interface ResolvedRequirement {
  id: string;
  refId: string;
  frameworkKey: string;
  label: string; // "soc2 CC6.1"
}

/**
 * Turns { framework, refId } pairs into requirement rows. Every reference must name a live,
 * assessable requirement; otherwise one InvalidInputError names each bad entry by its path.
 */
export async function resolveMappings(tx: Tx, refs: TMappingRef[], path: string): Promise<ResolvedRequirement[]> {
  if (!refs.length) return [];
  const rows = await tx.requirement.findMany({
    where: { OR: refs.map((r) => ({ refId: r.refId, framework: { key: r.framework } })) },
    select: {
      id: true,
      refId: true,
      assessable: true,
      retiredAt: true,
      level: true,
      framework: { select: { key: true } },
    },
  });
  const frameworks = new Set(
    (await tx.framework.findMany({ where: { key: { in: refs.map((r) => r.framework) } }, select: { key: true } })).map(
      (f) => f.key,
    ),
  );
  const byRef = new Map(rows.map((r) => [`${r.framework.key}\u0000${r.refId}`, r]));
  const issues: FieldIssue[] = [];
  const out: ResolvedRequirement[] = [];
  refs.forEach((ref, i) => {
    const at = `${path}[${i}]`;
    const row = byRef.get(`${ref.framework}\u0000${ref.refId}`);
    if (!frameworks.has(ref.framework))
      issues.push({ path: `${at}.framework`, message: `no framework with key "${ref.framework}"` });
    else if (!row) issues.push({ path: `${at}.refId`, message: `no requirement "${ref.refId}" in ${ref.framework}` });
    else if (row.retiredAt)
      issues.push({
        path: `${at}.refId`,
        message: `${ref.framework} ${ref.refId} was retired by a newer catalogue version`,
      });
    else if (!row.assessable)
      issues.push({
        path: `${at}.refId`,
        message: `${ref.framework} ${ref.refId} is a ${row.level} that groups requirements; map one of the requirements inside it`,
      });
    else
      out.push({
        id: row.id,
        refId: row.refId,
        frameworkKey: row.framework.key,
        label: `${row.framework.key} ${row.refId}`,
      });
  });
  if (issues.length) throw new InvalidInputError(issues.map((i) => `${i.path}: ${i.message}`).join("; "), issues);
  return [...new Map(out.map((r) => [r.id, r])).values()];
}

/** The owner must be an active person who is not an auditor (auditors only read). */
export async function checkOwner(
  tx: Tx,
  ownerId: string | null | undefined,
  path = "ownerId",
): Promise<{ id: string; email: string } | null> {
  if (!ownerId) return null;
  const user = await tx.user.findUnique({
    where: { id: ownerId },
    select: { id: true, email: true, active: true, role: true },
  });
  const fail = (message: string) => new InvalidInputError(`${path}: ${message}`, [{ path, message }]);
  if (!user) throw fail("no such user");
  if (!user.active) throw fail(`${user.email} is deactivated; choose an active owner`);
  if (user.role === "AUDITOR") throw fail("an auditor cannot own a control; choose a lead, engineer or admin");
  return { id: user.id, email: user.email };
}
