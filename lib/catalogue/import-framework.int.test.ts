import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { ConflictError, ForbiddenError, InvalidInputError } from "@/lib/errors";
import { importFramework } from "@/lib/catalogue/import-framework";
import { exportFramework } from "@/lib/catalogue/export-framework";
import { listFrameworks } from "@/lib/catalogue/list-frameworks";
import { updateControl } from "@/lib/controls/update-control";
import { ctxOf, makeUser } from "@/tests/factories";

const example = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, "../../docs/examples/custom-framework.json"), "utf8"),
);
const now = new Date("2026-02-01T10:00:00Z");

async function counts() {
  const [frameworks, requirements, mappings, events] = await Promise.all([
    prisma.framework.count(),
    prisma.requirement.count(),
    prisma.controlMapping.count(),
    prisma.activityEvent.count(),
  ]);
  return { frameworks, requirements, mappings, events };
}

describe("custom framework import and export", () => {
  it("imports the documented example with its mappings, records it, and exports the same file back", async () => {
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const result = await importFramework({ ctx: ctxOf(lead), file: example, now });
    expect(result).toEqual({
      key: "acme-vendor-addendum",
      created: true,
      changes: [
        'acme-vendor-addendum: loaded version "2025-03" (8 requirements)',
        "acme-vendor-addendum: added 4 control mapping(s)",
      ],
      mappingsAdded: 4,
    });
    const summary = (await listFrameworks({ ctx: ctxOf(lead) })).find((f) => f.key === "acme-vendor-addendum")!;
    expect(summary).toMatchObject({ builtIn: false, requirements: 8 });
    expect(summary.coverage).toEqual({ assessable: 5, mapped: 3, notApplicable: 1, unmapped: 1, ratio: 0.75 });
    const event = await prisma.activityEvent.findFirstOrThrow({ where: { action: "framework.import" } });
    expect(event.actorId).toBe(lead.id);
    // The mapped controls now count as customised: the starter loader leaves them alone.
    expect((await prisma.control.findUniqueOrThrow({ where: { key: "BCK-02" } })).customisedAt).toEqual(now);

    expect(await exportFramework({ ctx: ctxOf(lead), key: "acme-vendor-addendum" })).toEqual(example);
  });

  it("refuses a malformed file naming each problem, and writes nothing", async () => {
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const before = await counts();
    const duplicate = structuredClone(example);
    duplicate.key = "dup-test";
    duplicate.requirements[4].id = "A.1";
    const err = await importFramework({ ctx: ctxOf(lead), file: duplicate, now }).catch((e) => e);
    expect(err).toBeInstanceOf(InvalidInputError);
    expect(err.issues).toEqual([
      { path: "requirements[4].id", message: 'duplicate "A.1" (first used at requirements[1])' },
    ]);

    // Valid structure but an unknown control: checked inside the transaction, still nothing written.
    const unknownControl = structuredClone(example);
    unknownControl.key = "unknown-control";
    unknownControl.requirements[2].controls = ["ZZZ-01"];
    const err2 = await importFramework({ ctx: ctxOf(lead), file: unknownControl, now }).catch((e) => e);
    expect(err2).toBeInstanceOf(InvalidInputError);
    expect(err2.message).toBe(
      'The framework file has a problem: requirements[2].controls[0]: no control "ZZZ-01" in the library.',
    );
    expect(await counts()).toEqual(before);
  });

  it("refuses to overwrite a built-in catalogue", async () => {
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const before = await counts();
    await expect(importFramework({ ctx: ctxOf(lead), file: { ...example, key: "soc2" }, now })).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect(await counts()).toEqual(before);
  });

  it("imports a new version over the old one, retiring what was dropped and keeping its mappings", async () => {
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const v2 = structuredClone(example);
    v2.version = "2025-09";
    v2.requirements = v2.requirements.filter((r: { id: string }) => r.id !== "A.2");
    v2.requirements.push({
      id: "B.3",
      parent: "B",
      title: "Yearly penetration test shared with Acme",
      controls: ["SDL-12"],
    });
    const result = await importFramework({ ctx: ctxOf(lead), file: v2, now });
    expect(result.changes).toEqual([
      'acme-vendor-addendum: version "2025-03" -> "2025-09"',
      "acme-vendor-addendum: added 1: B.3",
      "acme-vendor-addendum: moved 5 requirement(s) to new positions",
      "acme-vendor-addendum: retired A.2 (not in this version; 1 mapping(s) kept)",
      "acme-vendor-addendum: added 1 control mapping(s)",
    ]);
    const a2 = await prisma.requirement.findFirstOrThrow({
      where: { refId: "A.2", framework: { key: "acme-vendor-addendum" } },
      include: { mappings: true },
    });
    expect(a2.retiredAt).not.toBeNull();
    expect(a2.mappings).toHaveLength(1);
    const exported = await exportFramework({ ctx: ctxOf(lead), key: "acme-vendor-addendum" });
    expect(exported.requirements.map((r) => r.id)).toEqual(["A", "A.1", "B", "B.1", "B.2", "C", "C.1", "B.3"]);
    // Importing the export changes nothing.
    expect((await importFramework({ ctx: ctxOf(lead), file: exported, now })).changes).toEqual([]);
  });

  it("exports only live controls: an archived control's mapping leaves the export", async () => {
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    await updateControl({ ctx: ctxOf(lead), key: "ACC-01", data: { archived: true }, now });
    const exported = await exportFramework({ ctx: ctxOf(lead), key: "acme-vendor-addendum" });
    expect(exported.requirements.find((r) => r.id === "A.1")!.controls).toBeUndefined();
  });

  it("refuses engineers and auditors", async () => {
    const before = await counts();
    for (const role of ["ENGINEER", "AUDITOR"] as const) {
      const user = await makeUser({ role });
      await expect(
        importFramework({ ctx: ctxOf(user), file: { ...example, key: `by-${role.toLowerCase()}` }, now }),
      ).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await counts()).toEqual(before);
  });
});
