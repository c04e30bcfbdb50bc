import { randomUUID } from "node:crypto";
import { prisma, type Tx } from "@/lib/db";
import type { RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import type { ReferenceStep } from "@/lib/seed/step";
import type { TStarterLibraryFile } from "@/lib/schemas/control";
import { starterLibrary } from "@/lib/controls/starter-library";

export interface LoadStarterOptions {
  library?: TStarterLibraryFile;
}

/**
 * Loads the starter control library without overwriting anyone's work:
 * - a control whose key is missing is created, with its expectations and mappings;
 * - a starter control nobody has edited (customisedAt empty, not archived) follows the file: title,
 *   description, frequency and expectations are updated, and new mappings are added; a mapping is
 *   removed only when the file lists it as withdrawn (a mapping an earlier version got wrong);
 * - a control a person has edited, archived or created under the same key is left exactly as it is.
 * Running it twice changes nothing. Returns what changed.
 */
export async function loadStarterControls(
  ctx: RequestCtx,
  { library = starterLibrary() }: LoadStarterOptions = {},
): Promise<string[]> {
  return prisma.$transaction(
    async (tx) => {
      const lines = await applyStarter(tx, library);
      if (lines.length) {
        await recordActivity(tx, {
          ctx,
          action: "control-library.load",
          entityType: "ControlLibrary",
          entityId: "starter",
          summary: { version: library.version, changes: lines.slice(0, 40) },
        });
      }
      return lines;
    },
    { timeout: 60_000 },
  );
}

type StarterControl = TStarterLibraryFile["controls"][number];

async function applyStarter(tx: Tx, library: TStarterLibraryFile): Promise<string[]> {
  const frameworkKeys = [
    ...new Set([
      ...library.controls.flatMap((c) => Object.keys(c.mappings)),
      ...library.withdrawn.map((w) => w.framework),
    ]),
  ];
  const requirements = await tx.requirement.findMany({
    where: { framework: { key: { in: frameworkKeys } } },
    select: { id: true, refId: true, framework: { select: { key: true } } },
  });
  const reqId = new Map(requirements.map((r) => [`${r.framework.key}\u0000${r.refId}`, r.id]));
  const targets = (c: StarterControl) =>
    Object.entries(c.mappings).flatMap(([fw, refs]) =>
      refs.map((ref) => {
        const id = reqId.get(`${fw}\u0000${ref}`);
        if (!id)
          throw new Error(`Starter control ${c.key} maps to ${fw} ${ref}, which the loaded catalogues do not contain.`);
        return { id, label: `${fw} ${ref}` };
      }),
    );

  const existing = await tx.control.findMany({
    where: { key: { in: library.controls.map((c) => c.key) } },
    select: {
      id: true,
      key: true,
      starter: true,
      customisedAt: true,
      archivedAt: true,
      title: true,
      description: true,
      frequency: true,
      expectations: { select: { kind: true, freshnessDays: true } },
      mappings: { select: { requirementId: true } },
    },
  });
  const byKey = new Map(existing.map((c) => [c.key, c]));
  const lines: string[] = [];

  const fresh = library.controls.filter((c) => !byKey.has(c.key));
  if (fresh.length) {
    const ids = new Map(fresh.map((c) => [c.key, randomUUID()]));
    await tx.control.createMany({
      data: fresh.map((c) => ({
        id: ids.get(c.key)!,
        key: c.key,
        title: c.title,
        description: c.description,
        frequency: c.frequency,
        starter: true,
      })),
    });
    await tx.controlExpectation.createMany({
      data: fresh.flatMap((c) => c.expects.map((e) => ({ controlId: ids.get(c.key)!, ...e }))),
    });
    const mappings = fresh.flatMap((c) => targets(c).map((t) => ({ controlId: ids.get(c.key)!, requirementId: t.id })));
    await tx.controlMapping.createMany({ data: mappings });
    lines.push(
      existing.length
        ? `added ${fresh.length} starter control(s) with ${mappings.length} mapping(s): ${fresh.map((c) => c.key).join(", ")}`
        : `loaded ${library.version}: ${fresh.length} controls with ${mappings.length} mappings`,
    );
  }

  for (const c of library.controls) {
    const before = byKey.get(c.key);
    if (!before || !before.starter || before.customisedAt || before.archivedAt) continue;
    const data: { title?: string; description?: string; frequency?: StarterControl["frequency"] } = {};
    if (before.title !== c.title) data.title = c.title;
    if (before.description !== c.description) data.description = c.description;
    if (before.frequency !== c.frequency) data.frequency = c.frequency;
    const changed: string[] = Object.keys(data);
    if (changed.length) await tx.control.update({ where: { id: before.id }, data });
    const want = c.expects
      .map((e) => `${e.kind}:${e.freshnessDays}`)
      .sort()
      .join(",");
    const have = before.expectations
      .map((e) => `${e.kind}:${e.freshnessDays}`)
      .sort()
      .join(",");
    if (want !== have) {
      await tx.controlExpectation.deleteMany({ where: { controlId: before.id } });
      await tx.controlExpectation.createMany({ data: c.expects.map((e) => ({ controlId: before.id, ...e })) });
      changed.push("expectations");
    }
    if (changed.length) lines.push(`updated ${c.key} (${changed.join(", ")})`);
    const mapped = new Set(before.mappings.map((m) => m.requirementId));
    const missing = targets(c).filter((t) => !mapped.has(t.id));
    if (missing.length) {
      await tx.controlMapping.createMany({
        data: missing.map((t) => ({ controlId: before.id, requirementId: t.id })),
        skipDuplicates: true,
      });
      lines.push(`mapped ${c.key} to ${missing.map((t) => t.label).join(", ")}`);
    }
  }
  lines.push(...(await withdrawMappings(tx, library, byKey, reqId)));
  return lines;
}

/** Removes the withdrawn mappings from starter controls nobody has edited; a person's own mapping stays. */
async function withdrawMappings(
  tx: Tx,
  library: TStarterLibraryFile,
  byKey: Map<string, { id: string; starter: boolean; customisedAt: Date | null; archivedAt: Date | null }>,
  reqId: Map<string, string>,
): Promise<string[]> {
  const lines: string[] = [];
  for (const w of library.withdrawn) {
    const control = byKey.get(w.control);
    const requirementId = reqId.get(`${w.framework}\u0000${w.refId}`);
    if (!control || !requirementId || !control.starter || control.customisedAt || control.archivedAt) continue;
    const removed = await tx.controlMapping.deleteMany({ where: { controlId: control.id, requirementId } });
    if (removed.count) lines.push(`unmapped ${w.control} from ${w.framework} ${w.refId} (withdrawn: ${w.reason})`);
  }
  return lines;
}

export const starterControlsStep: ReferenceStep = {
  name: "starter controls",
  run: (ctx) => loadStarterControls(ctx),
};
