// Issue 13: coverage (the framework pages) and readiness use one definition of applicability. For
// every scored requirement of every framework a project is assessed against, the real getFramework,
// listFrameworks and computeReadiness must agree on which requirements are scored and which are not
// applicable by default.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { systemCtx } from "@/lib/auth/actor";
import { getFramework } from "@/lib/catalogue/get-framework";
import { listFrameworks } from "@/lib/catalogue/list-frameworks";
import { importFramework } from "@/lib/catalogue/import-framework";
import { computeReadiness } from "@/lib/readiness/compute-readiness";
import { makeBoundaryWorld } from "@/lib/readiness/testing/boundary-world";
import { prisma } from "@/lib/db";
import { ctxOf, makeProject, makeUser, uniq } from "@/tests/factories";

const ctx = systemCtx("test");
const NOW = new Date("2026-11-20T10:30:00.000Z");
const PROJECT_NA = "Every control that decides it is marked not applicable";

/** Per framework: each scored requirement → its not-applicable-by-default reason (or null), as each side sees it. */
async function bothSides(projectId: string) {
  const { result } = await computeReadiness({ ctx, projectId, at: NOW });
  const listed = new Map((await listFrameworks({ ctx })).map((f) => [f.key, f]));
  const out: Array<{
    key: string;
    page: Record<string, string | null>;
    readiness: Record<string, string | null>;
    coverageNa: number;
    listedNa: number;
  }> = [];
  for (const fw of result.frameworks) {
    const detail = await getFramework({ ctx, key: fw.key });
    const page = Object.fromEntries(
      detail.nodes.filter((n) => n.scored).map((n) => [n.refId, n.notApplicableByDefault]),
    );
    // Readiness: a scored requirement is not applicable by default when it is not applicable with the
    // catalogue's reason as its note (not because the project marked its controls not applicable).
    const readiness = Object.fromEntries(
      fw.requirements
        .filter((r) => r.status !== "group")
        .map((r) => [r.refId, r.status === "not_applicable" && !r.note?.startsWith(PROJECT_NA) ? r.note : null]),
    );
    out.push({
      key: fw.key,
      page,
      readiness,
      coverageNa: detail.coverage.notApplicable,
      listedNa: listed.get(fw.key)!.coverage.notApplicable,
    });
  }
  return out;
}

describe("one definition of applicability for coverage and readiness", () => {
  it("agrees on every requirement of SOC 2, GDPR and IRB; no SOC 2 criterion is not applicable by default and the score counts 61", async () => {
    const project = await makeProject({ frameworks: ["soc2", "gdpr", "irb"] });
    const sides = await bothSides(project.id);
    expect(sides.map((s) => s.key).sort()).toEqual(["gdpr", "irb", "soc2"]);
    for (const s of sides) {
      expect(s.readiness, s.key).toEqual(s.page);
      const na = Object.values(s.page).filter(Boolean).length;
      expect([s.coverageNa, s.listedNa], s.key).toEqual([na, na]);
    }
    const soc2 = sides.find((s) => s.key === "soc2")!;
    expect(Object.keys(soc2.page)).toHaveLength(61);
    expect(Object.entries(soc2.page).filter(([, reason]) => reason)).toEqual([]);
    const { result } = await computeReadiness({ ctx, projectId: project.id, at: NOW, frameworkKeys: ["soc2"] });
    expect(result.frameworks[0].applicable).toBe(61);
  });

  it("agrees where a reason is inherited, a control is mapped beneath it, or a retired parent holds the reason", async () => {
    const w = await makeBoundaryWorld(uniq("appl").toLowerCase(), NOW);
    const [side] = await bothSides(w.projectId);
    expect(side.readiness).toEqual(side.page);
    // R.na (retired, not applicable by default) holds R.na.1, decided by F1, and R.na.2, decided by nothing.
    expect(side.page["R.na.1"]).toBeNull();
    expect(side.page["R.na.2"]).toBe("Dropped from scope for teams like ours.");
    expect([side.coverageNa, side.listedNa]).toEqual([1, 1]);
  });

  it("a requirement not applicable by default counts once a control is mapped to it, on both sides", async () => {
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const key = uniq("appl").toLowerCase();
    const control = await prisma.control.create({
      data: {
        key: `Z${randomBytes(3).toString("hex").toUpperCase()}-01`,
        title: "Badge logs",
        description: "Badge logs reviewed.",
        frequency: "MONTHLY",
      },
    });
    const reason = "We run entirely on a cloud provider and hold nothing on our own premises.";
    await importFramework({
      ctx: ctxOf(lead),
      now: NOW,
      file: {
        format: "proofline.framework/v1",
        key,
        name: `Applicability ${key}`,
        version: "1",
        requirements: [
          { id: "PHY", level: "category", title: "Physical" },
          {
            id: "PHY-1",
            parent: "PHY",
            title: "Badge access to the office",
            notApplicableByDefault: reason,
            controls: [control.key],
          },
          { id: "PHY-2", parent: "PHY", title: "Badge access to the server room", notApplicableByDefault: reason },
        ],
      },
    });
    const project = await makeProject({ frameworks: [key] });
    const [side] = await bothSides(project.id);
    expect(side.page).toEqual({ "PHY-1": null, "PHY-2": reason });
    expect(side.readiness).toEqual(side.page);
    const { result } = await computeReadiness({ ctx, projectId: project.id, at: NOW });
    expect(result.frameworks[0]).toMatchObject({ applicable: 1, met: 0 });
    expect((await getFramework({ ctx, key })).coverage).toEqual({
      assessable: 2,
      mapped: 1,
      notApplicable: 1,
      unmapped: 0,
      ratio: 1,
    });
  });
});
