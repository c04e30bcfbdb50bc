import { prisma } from "@/lib/db";
import { assertCan, type RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { ConflictError, type FieldIssue } from "@/lib/errors";
import { applyCatalogue } from "@/lib/catalogue/apply-catalogue";
import { BUILTIN_FRAMEWORK_KEYS } from "@/lib/catalogue/builtin";
import { invalidFile, parseFrameworkFile } from "@/lib/catalogue/framework-file";

export interface ImportFrameworkOptions {
  ctx: RequestCtx;
  /** The parsed JSON of a framework file (see docs/catalogues.md). */
  file: unknown;
  now: Date;
}

export interface ImportFrameworkResult {
  key: string;
  created: boolean;
  changes: string[];
  mappingsAdded: number;
}

/**
 * Imports a custom framework, or a new version of one imported before (same key: requirements are
 * updated, added and retired exactly as for the built-in catalogues). Control keys listed under a
 * requirement are mapped to it. Everything happens in one transaction: a file with any problem
 * changes nothing.
 */
export async function importFramework({ ctx, file, now }: ImportFrameworkOptions): Promise<ImportFrameworkResult> {
  assertCan(ctx.actor, "framework:manage");
  const catalogue = parseFrameworkFile(file);
  if (BUILTIN_FRAMEWORK_KEYS.includes(catalogue.key)) {
    throw new ConflictError(
      `"${catalogue.key}" is the key of a built-in catalogue, which is updated only with Proofline itself. Give your framework another key.`,
    );
  }
  return prisma.$transaction(
    async (tx) => {
      const existing = await tx.framework.findUnique({ where: { key: catalogue.key }, select: { builtIn: true } });
      if (existing?.builtIn)
        throw new ConflictError(`"${catalogue.key}" is a built-in catalogue; give your framework another key.`);

      const keys = [...new Set(catalogue.requirements.flatMap((r) => r.controls))];
      const controls = await tx.control.findMany({
        where: { key: { in: keys } },
        select: { id: true, key: true, archivedAt: true },
      });
      const byKey = new Map(controls.map((c) => [c.key, c]));
      const issues: FieldIssue[] = [];
      catalogue.requirements.forEach((r) =>
        r.controls.forEach((key, j) => {
          const control = byKey.get(key);
          const path = `requirements[${r.position}].controls[${j}]`;
          if (!control) issues.push({ path, message: `no control "${key}" in the library` });
          else if (control.archivedAt)
            issues.push({ path, message: `control "${key}" is archived; restore it first or leave it out` });
        }),
      );
      if (issues.length) throw invalidFile(issues);

      const applied = await applyCatalogue({ tx, catalogue, builtIn: false, now });
      const requirements = await tx.requirement.findMany({
        where: { frameworkId: applied.frameworkId },
        select: { id: true, refId: true },
      });
      const reqId = new Map(requirements.map((r) => [r.refId, r.id]));
      const wanted = catalogue.requirements.flatMap((r) =>
        r.controls.map((key) => ({ controlId: byKey.get(key)!.id, requirementId: reqId.get(r.refId)! })),
      );
      const { count } = wanted.length
        ? await tx.controlMapping.createMany({ data: wanted, skipDuplicates: true })
        : { count: 0 };
      if (count)
        await tx.control.updateMany({
          where: { id: { in: [...new Set(wanted.map((w) => w.controlId))] } },
          data: { customisedAt: now },
        });

      const changes = [...applied.lines, ...(count ? [`${catalogue.key}: added ${count} control mapping(s)`] : [])];
      if (changes.length) {
        await recordActivity(tx, {
          ctx,
          action: "framework.import",
          entityType: "Framework",
          entityId: applied.frameworkId,
          summary: {
            key: catalogue.key,
            version: catalogue.version,
            created: applied.created,
            changes: changes.slice(0, 40),
          },
          occurredAt: now,
        });
      }
      return { key: catalogue.key, created: applied.created, changes, mappingsAdded: count };
    },
    { timeout: 60_000 },
  );
}
