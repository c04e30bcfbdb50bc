import { describe, expect, it } from "vitest";
import { computeReadiness } from "@/lib/readiness/compute-readiness";
import { generateTestWorld } from "@/lib/readiness/testing/world";
import { independentControlStates, independentRequirementStatuses } from "@/lib/readiness/testing/independent-sql";
import { ForbiddenError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { ctxOf, makeProject, makeUser, uniq } from "@/tests/factories";
import { systemCtx } from "@/lib/auth/actor";
import { fileEvidence, makeOneControlFramework } from "@/lib/readiness/testing/filed-evidence";

const NOW = new Date("2026-11-20T10:30:00.000Z");
const DAY = 86_400_000;

describe("compute-readiness on generated data agrees with an independent SQL computation", () => {
  for (const seed of [11, 29, 47]) {
    it(`seed ${seed}: every control state and requirement status, now and as of several past moments`, async () => {
      const world = await generateTestWorld({ tag: uniq(`w${seed}`), now: NOW, seed });
      const seen = new Set<string>();
      for (const at of [
        NOW,
        new Date(NOW.getTime() - 17 * DAY),
        new Date(NOW.getTime() - 60 * DAY - 3_600_000),
        new Date(NOW.getTime() - 150 * DAY),
      ]) {
        const { result } = await computeReadiness({ ctx: systemCtx("test"), projectId: world.projectId, at });
        const fw = result.frameworks[0];
        const expectedStates = await independentControlStates(world.projectId, at);
        expect(Object.fromEntries(result.controls.map((c) => [c.key, c.state]))).toEqual(
          Object.fromEntries(expectedStates),
        );

        const expectedReqs = await independentRequirementStatuses(world.projectId, world.frameworkId, at);
        const actualReqs = fw.requirements
          .filter((r) => r.status !== "group")
          .map((r) => ({ refId: r.refId, status: r.status }));
        expect(actualReqs.sort((a, b) => a.refId.localeCompare(b.refId))).toEqual(expectedReqs);

        const met = expectedReqs.filter((r) => r.status === "met").length;
        const applicable = expectedReqs.filter((r) => r.status !== "not_applicable").length;
        expect([fw.met, fw.applicable]).toEqual([met, applicable]);
        for (const c of result.controls) seen.add(c.state);
        for (const r of expectedReqs) seen.add(r.status);
      }
      // The generated data really exercises every state and status (the comparison is not vacuous).
      expect([...seen].sort()).toEqual(["failing", "met", "not_applicable", "passing", "stale", "unmet"]);
    });
  }

  it("computing twice at the same moment gives the same result", async () => {
    const world = await generateTestWorld({ tag: uniq("rep"), now: NOW, seed: 5 });
    const a = await computeReadiness({ ctx: systemCtx("test"), projectId: world.projectId, at: NOW });
    const b = await computeReadiness({ ctx: systemCtx("test"), projectId: world.projectId, at: NOW });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it("evidence collected after the moment asked about is not used, even when it is effective before it", async () => {
    const project = await makeProject();
    const { control } = await makeOneControlFramework({
      projectId: project.id,
      kind: "CI_RUN",
      freshnessDays: 30,
      frequency: "DAILY",
    });
    const effectiveAt = new Date(NOW.getTime() - 10 * DAY);
    const collectedAt = new Date(NOW.getTime() - 2 * DAY);
    await fileEvidence({
      projectId: project.id,
      controlId: control.id,
      kind: "CI_RUN",
      outcome: "PASS",
      title: "late upload",
      effectiveAt,
      collectedAt,
    });

    const before = await computeReadiness({
      ctx: systemCtx("test"),
      slug: project.slug,
      at: new Date(NOW.getTime() - 5 * DAY),
    });
    expect(before.result.controls[0].reasons.map((r) => r.type)).toEqual(["evidence-missing"]);
    const after = await computeReadiness({ ctx: systemCtx("test"), slug: project.slug, at: NOW });
    expect(after.result.controls[0].state).toBe("passing");
    expect(after.result.frameworks[0]).toMatchObject({ met: 1, applicable: 1, score: 1 });
  });

  it("refuses an unknown framework with a sentence, hides other projects from tokens, and checks the permission", async () => {
    const project = await makeProject();
    const other = await makeProject();
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const err = await computeReadiness({
      ctx: ctxOf(lead),
      slug: project.slug,
      at: NOW,
      frameworkKeys: ["soc9"],
    }).catch((e) => e);
    expect(err).toBeInstanceOf(InvalidInputError);
    expect(err.message).toBe(
      `${project.name} is not assessed against soc9; it is not assessed against any framework yet.`,
    );

    const token = {
      kind: "token" as const,
      token: { id: "t", name: "ci", projectId: project.id, scopes: ["readiness:read"] },
    };
    await expect(computeReadiness({ ctx: { actor: token }, slug: other.slug, at: NOW })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect((await computeReadiness({ ctx: { actor: token }, slug: project.slug, at: NOW })).result.frameworks).toEqual(
      [],
    );
    const noScope = { kind: "token" as const, token: { ...token.token, scopes: ["evidence:write"] } };
    await expect(computeReadiness({ ctx: { actor: noScope }, slug: project.slug, at: NOW })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });
});
