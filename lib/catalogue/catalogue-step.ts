import { prisma } from "@/lib/db";
import { recordActivity } from "@/lib/activity/record-activity";
import type { ReferenceStep } from "@/lib/seed/step";
import { applyCatalogue } from "@/lib/catalogue/apply-catalogue";
import { builtinCatalogues } from "@/lib/catalogue/builtin";
import type { Catalogue } from "@/lib/catalogue/framework-file";

export interface LoadCataloguesOptions {
  catalogues?: Catalogue[];
  now?: Date;
}

/**
 * Loads the built-in catalogues (or the given ones), one transaction per framework. Returns what
 * changed; a framework that already matches its file is not touched and adds no line or event.
 */
export async function loadBuiltinCatalogues(
  ctx: Parameters<ReferenceStep["run"]>[0],
  options: LoadCataloguesOptions = {},
): Promise<string[]> {
  const now = options.now ?? new Date();
  const lines: string[] = [];
  for (const catalogue of options.catalogues ?? builtinCatalogues()) {
    const result = await prisma.$transaction(
      async (tx) => {
        const applied = await applyCatalogue({ tx, catalogue, builtIn: true, now });
        if (applied.lines.length) {
          await recordActivity(tx, {
            ctx,
            action: applied.created ? "framework.load" : "framework.upgrade",
            entityType: "Framework",
            entityId: applied.frameworkId,
            summary: { key: catalogue.key, version: catalogue.version, changes: applied.lines.slice(0, 40) },
            occurredAt: now,
          });
        }
        return applied;
      },
      { timeout: 60_000 },
    );
    lines.push(...result.lines);
  }
  return lines;
}

export const catalogueStep: ReferenceStep = {
  name: "catalogues",
  run: (ctx) => loadBuiltinCatalogues(ctx),
};
