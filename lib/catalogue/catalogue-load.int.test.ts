import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { systemCtx } from "@/lib/auth/actor";
import { loadReferenceData } from "@/lib/seed/reference";
import { builtinCatalogues } from "@/lib/catalogue/builtin";
import { loadBuiltinCatalogues } from "@/lib/catalogue/catalogue-step";
import { listFrameworks } from "@/lib/catalogue/list-frameworks";
import { getFramework } from "@/lib/catalogue/get-framework";
import type { Catalogue } from "@/lib/catalogue/framework-file";
import { loadStarterControls } from "@/lib/controls/starter-step";
import { starterLibrary } from "@/lib/controls/starter-library";
import { updateControl } from "@/lib/controls/update-control";
import { ctxOf, makeUser } from "@/tests/factories";

const ctx = systemCtx("reference-data");
const soc2 = () => structuredClone(builtinCatalogues().find((c) => c.key === "soc2")!);
const mappingsOf = (refId: string) =>
  prisma.controlMapping.count({ where: { requirement: { refId, framework: { key: "soc2" } } } });

async function snapshot() {
  const [requirements, controls, mappings, expectations, events, frameworks] = await Promise.all([
    prisma.requirement.findMany({ orderBy: { id: "asc" } }),
    prisma.control.findMany({ orderBy: { id: "asc" } }),
    prisma.controlMapping.findMany({ orderBy: [{ controlId: "asc" }, { requirementId: "asc" }] }),
    prisma.controlExpectation.findMany({ orderBy: [{ controlId: "asc" }, { kind: "asc" }] }),
    prisma.activityEvent.count(),
    prisma.framework.findMany({ orderBy: { key: "asc" } }),
  ]);
  return { requirements, controls, mappings, expectations, events, frameworks };
}

describe("loading the catalogues and the starter library", () => {
  it("is idempotent: a second and third load change nothing and report nothing", async () => {
    const before = await snapshot();
    expect(before.frameworks.map((f) => f.key)).toEqual(["gdpr", "irb", "soc2"]);
    expect(before.controls.length).toBe(starterLibrary().controls.length);
    const lines: string[] = [];
    await loadReferenceData((l) => lines.push(l));
    await loadReferenceData((l) => lines.push(l));
    expect(lines).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it("counts coverage from the database: every SOC 2, GDPR and IRB requirement is served", async () => {
    const byKey = new Map((await listFrameworks({ ctx })).map((f) => [f.key, f]));
    expect(byKey.get("soc2")!.coverage).toEqual({
      assessable: 61,
      mapped: 61,
      notApplicable: 0,
      unmapped: 0,
      ratio: 1,
    });
    expect(byKey.get("soc2")!.requirements).toBe(86);
    expect(byKey.get("gdpr")!.coverage).toMatchObject({
      mapped: byKey.get("gdpr")!.coverage.assessable,
      unmapped: 0,
      ratio: 1,
    });
    expect(byKey.get("irb")!.coverage).toMatchObject({ assessable: 79, mapped: 79, unmapped: 0 });
    const detail = await getFramework({ ctx, key: "soc2", query: { q: "cc1.2" } });
    expect(detail.nodes.map((n) => n.refId)).toEqual(["CC", "CC1", "CC1.2"]);
    expect(detail.nodes[2]).toMatchObject({
      defaultNotApplicableReason: null,
      controls: [{ key: "GOV-09", title: "Governance body oversees internal control" }],
    });
  });

  it("upgrades a catalogue: updates titles, adds and retires requirements, keeps mappings, reports it", async () => {
    const v2: Catalogue = soc2();
    v2.version = "test version 2";
    v2.requirements.find((r) => r.refId === "CC6.1")!.title = "Logical access, renamed";
    const cc92 = v2.requirements.findIndex((r) => r.refId === "CC9.2");
    v2.requirements.splice(cc92, 1, {
      ...v2.requirements[cc92],
      refId: "CC9.3",
      title: "A criterion from the future",
      position: cc92,
    });
    const kept = await mappingsOf("CC9.2");
    expect(kept).toBeGreaterThan(0);

    const lines = await loadBuiltinCatalogues(ctx, { catalogues: [v2], now: new Date("2026-01-02T00:00:00Z") });
    expect(lines).toEqual([
      `soc2: version "${soc2().version}" -> "test version 2"`,
      "soc2: added 1: CC9.3",
      "soc2: updated CC6.1 (title)",
      `soc2: retired CC9.2 (not in this version; ${kept} mapping(s) kept)`,
    ]);
    const retired = await prisma.requirement.findFirstOrThrow({
      where: { refId: "CC9.2", framework: { key: "soc2" } },
    });
    expect(retired.retiredAt?.toISOString()).toBe("2026-01-02T00:00:00.000Z");
    expect(await mappingsOf("CC9.2")).toBe(kept);
    const event = await prisma.activityEvent.findFirstOrThrow({
      where: { action: "framework.upgrade" },
      orderBy: { id: "desc" },
    });
    expect(event.summary).toMatchObject({ key: "soc2", version: "test version 2" });

    const summary = (await listFrameworks({ ctx })).find((f) => f.key === "soc2")!;
    expect(summary).toMatchObject({ version: "test version 2", retired: 1 });
    expect(summary.coverage).toMatchObject({ assessable: 61, unmapped: 1 }); // CC9.3 has no control yet
    const page = await getFramework({ ctx, key: "soc2", query: { unmapped: "1" } });
    expect(page.nodes.filter((n) => n.match).map((n) => n.refId)).toEqual(["CC9.3"]);
    expect(page.retired.map((r) => r.refId)).toEqual(["CC9.2"]);
    expect(page.retired[0].controls.length).toBe(kept);
    // The framework page lists what the version changed, from the loader's own report.
    expect(page.changes[0]).toMatchObject({ version: "test version 2", lines });

    expect(await loadBuiltinCatalogues(ctx, { catalogues: [v2] })).toEqual([]);

    // Going back restores CC9.2 with its mappings and retires CC9.3.
    const back = await loadBuiltinCatalogues(ctx, { catalogues: [soc2()] });
    expect(back).toEqual([
      `soc2: version "test version 2" -> "${soc2().version}"`,
      "soc2: updated CC6.1 (title)",
      "soc2: restored CC9.2 (back in this version)",
      "soc2: retired CC9.3 (not in this version; 0 mapping(s) kept)",
    ]);
    expect(
      (await prisma.requirement.findFirstOrThrow({ where: { refId: "CC9.2", framework: { key: "soc2" } } })).retiredAt,
    ).toBeNull();
    expect(await mappingsOf("CC9.2")).toBe(kept);
  });

  it("adds new starter controls and mappings, but never touches a control a person edited", async () => {
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    await updateControl({
      ctx: ctxOf(lead),
      key: "BCK-02",
      data: { title: "Restore drill, our way" },
      now: new Date(),
    });
    const library = structuredClone(starterLibrary());
    const bck01 = library.controls.find((c) => c.key === "BCK-01")!;
    const bck02 = library.controls.find((c) => c.key === "BCK-02")!;
    bck01.mappings.soc2 = [...bck01.mappings.soc2, "CC9.1"];
    bck01.title = "Daily encrypted backups, kept off-site";
    bck02.title = "The starter's new wording";
    bck02.mappings.soc2 = [...bck02.mappings.soc2, "CC9.1"];
    library.controls.push({ ...bck01, key: "BCK-07", title: "A new starter control", mappings: { soc2: ["A1.2"] } });

    const lines = await loadStarterControls(ctx, { library });
    expect(lines).toEqual([
      "added 1 starter control(s) with 1 mapping(s): BCK-07",
      "updated BCK-01 (title)",
      "mapped BCK-01 to soc2 CC9.1",
    ]);
    const edited = await prisma.control.findUniqueOrThrow({
      where: { key: "BCK-02" },
      include: { mappings: { include: { requirement: true } } },
    });
    expect(edited.title).toBe("Restore drill, our way");
    expect(edited.mappings.map((m) => m.requirement.refId)).not.toContain("CC9.1");
    expect(await loadStarterControls(ctx, { library })).toEqual([]);
  });
  it("removes a withdrawn mapping from a starter control nobody edited, and keeps it on one a person edited", async () => {
    // An installation that loaded starter library 1 still has GOV-04 → A1.1 and CHG-03 → CC4.1.
    const [gov04, chg03, a11, cc41] = await Promise.all([
      prisma.control.findUniqueOrThrow({ where: { key: "GOV-04" } }),
      prisma.control.findUniqueOrThrow({ where: { key: "CHG-03" } }),
      prisma.requirement.findFirstOrThrow({ where: { refId: "A1.1", framework: { key: "soc2" } } }),
      prisma.requirement.findFirstOrThrow({ where: { refId: "CC4.1", framework: { key: "soc2" } } }),
    ]);
    await prisma.controlMapping.createMany({
      data: [
        { controlId: gov04.id, requirementId: a11.id },
        { controlId: chg03.id, requirementId: cc41.id },
      ],
    });
    await prisma.control.update({ where: { id: chg03.id }, data: { customisedAt: new Date() } });
    try {
      const lines = await loadStarterControls(ctx);
      // (The test above left BCK-01 with another title, which the real library now restores.)
      expect(lines.filter((l) => l.startsWith("unmapped"))).toEqual([
        expect.stringMatching(/^unmapped GOV-04 from soc2 A1\.1 \(withdrawn: A1\.1 is capacity management/),
      ]);
      expect(await prisma.controlMapping.count({ where: { controlId: gov04.id, requirementId: a11.id } })).toBe(0);
      expect(await prisma.controlMapping.count({ where: { controlId: chg03.id, requirementId: cc41.id } })).toBe(1);
      expect(await loadStarterControls(ctx)).toEqual([]);
    } finally {
      await prisma.controlMapping.deleteMany({ where: { controlId: chg03.id, requirementId: cc41.id } });
      await prisma.control.update({ where: { id: chg03.id }, data: { customisedAt: null } });
    }
  });
});
