import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { ConflictError, InvalidInputError } from "@/lib/errors";
import { createControl } from "@/lib/controls/create-control";
import { updateControl } from "@/lib/controls/update-control";
import { updateControlMappings } from "@/lib/controls/update-control-mappings";
import { setControlApplicability } from "@/lib/controls/set-control-applicability";
import { listControls } from "@/lib/controls/list-controls";
import { getControl } from "@/lib/controls/get-control";
import { setProjectFrameworks } from "@/lib/catalogue/set-project-frameworks";
import { ZControlListQuery } from "@/lib/schemas/control";
import { ctxOf, makeProject, makeUser } from "@/tests/factories";

const now = new Date("2026-03-01T09:00:00Z");
const events = (entityId: string) => prisma.activityEvent.findMany({ where: { entityId }, orderBy: { id: "asc" } });
const list = (ctx: ReturnType<typeof ctxOf>, q: Record<string, unknown>) =>
  listControls({ ctx, query: ZControlListQuery.parse(q) });

describe("controls", () => {
  it("creates, edits and archives a control, each change in the trail", async () => {
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const engineer = await makeUser({ role: "ENGINEER" });
    const control = await createControl({
      ctx: ctxOf(lead),
      now,
      data: {
        key: "OPS-90",
        title: "Weekly dependency licence check",
        description: "A job lists the licences of every shipped dependency and flags copyleft ones.",
        frequency: "WEEKLY",
        ownerId: engineer.id,
        expectations: [{ kind: "CI_RUN", freshnessDays: 8 }],
        mappings: [
          { framework: "soc2", refId: "CC6.8" },
          { framework: "irb", refId: "11.10(k)" },
        ],
      },
    });
    expect(control.customisedAt).toEqual(now);
    await updateControl({
      ctx: ctxOf(lead),
      key: "OPS-90",
      now,
      data: { title: "Weekly licence check", frequency: "MONTHLY", ownerId: null },
    });
    await updateControl({ ctx: ctxOf(lead), key: "OPS-90", now, data: { archived: true } });
    await updateControl({ ctx: ctxOf(lead), key: "OPS-90", now, data: { archived: true } }); // no change, no event
    const trail = await events(control.id);
    expect(trail.map((e) => e.action)).toEqual(["control.create", "control.update", "control.archive"]);
    expect(trail[0].summary).toMatchObject({
      after: {
        key: "OPS-90",
        owner: engineer.email,
        mappings: ["soc2 CC6.8", "irb 11.10(k)"],
        expectations: ["CI_RUN:8d"],
      },
    });
    expect(trail[1].summary).toEqual({
      key: "OPS-90",
      before: { title: "Weekly dependency licence check", frequency: "WEEKLY", owner: engineer.email },
      after: { title: "Weekly licence check", frequency: "MONTHLY", owner: null },
    });
    const detail = await getControl({ ctx: ctxOf(engineer), key: "OPS-90" });
    expect(detail.archivedAt).toEqual(now);
    expect(detail.mappings.map((g) => [g.key, g.requirements.map((r) => r.refId)])).toEqual([
      ["soc2", ["CC6.8"]],
      ["irb", ["11.10(k)"]],
    ]);
  });

  it("refuses a duplicate key, unknown or grouping requirements, and an auditor as owner, writing nothing", async () => {
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const auditor = await makeUser({ role: "AUDITOR" });
    const before = await prisma.control.count();
    const base = { title: "Something new", description: "Long enough description.", frequency: "DAILY" as const };
    await expect(createControl({ ctx: ctxOf(lead), now, data: { ...base, key: "BCK-02" } })).rejects.toBeInstanceOf(
      ConflictError,
    );
    const bad = await createControl({
      ctx: ctxOf(lead),
      now,
      data: {
        ...base,
        key: "NEW-01",
        mappings: [
          { framework: "soc2", refId: "CC6.99" },
          { framework: "soc2", refId: "CC6" },
          { framework: "iso", refId: "A.5" },
        ],
      },
    }).catch((e) => e);
    expect(bad).toBeInstanceOf(InvalidInputError);
    expect(bad.issues).toEqual([
      { path: "mappings[0].refId", message: 'no requirement "CC6.99" in soc2' },
      {
        path: "mappings[1].refId",
        message: "soc2 CC6 is a family that groups requirements; map one of the requirements inside it",
      },
      { path: "mappings[2].framework", message: 'no framework with key "iso"' },
    ]);
    await expect(
      createControl({ ctx: ctxOf(lead), now, data: { ...base, key: "NEW-02", ownerId: auditor.id } }),
    ).rejects.toThrow(/an auditor cannot own a control/);
    expect(await prisma.control.count()).toBe(before);
  });

  it("adds and removes mappings, marks the control customised and records only real changes", async () => {
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const result = await updateControlMappings({
      ctx: ctxOf(lead),
      key: "SDL-10",
      now,
      data: {
        add: [
          { framework: "gdpr", refId: "Art. 32(1)(b)" },
          { framework: "soc2", refId: "CC6.6" },
        ],
      },
    });
    // CC6.6 was already mapped: adding it again is a no-op.
    expect(result).toEqual({ key: "SDL-10", added: ["gdpr Art. 32(1)(b)"], removed: [] });
    const both = { add: [{ framework: "soc2", refId: "CC6.6" }], remove: [{ framework: "soc2", refId: "CC6.6" }] };
    await expect(updateControlMappings({ ctx: ctxOf(lead), key: "SDL-10", now, data: both })).rejects.toThrow(
      "remove[0]: soc2 CC6.6 is also in add; send it in one list only",
    );
    const again = await updateControlMappings({
      ctx: ctxOf(lead),
      key: "SDL-10",
      now,
      data: { remove: [{ framework: "gdpr", refId: "Art. 32(1)(b)" }] },
    });
    expect(again.removed).toEqual(["gdpr Art. 32(1)(b)"]);
    const control = await prisma.control.findUniqueOrThrow({ where: { key: "SDL-10" } });
    expect(control.customisedAt).toEqual(now);
    expect((await events(control.id)).map((e) => e.summary)).toEqual([
      { key: "SDL-10", added: ["gdpr Art. 32(1)(b)"], removed: [] },
      { key: "SDL-10", added: [], removed: ["gdpr Art. 32(1)(b)"] },
    ]);
  });

  it("marks a control not applicable in one project with a justification, and back", async () => {
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const project = await makeProject({ frameworks: ["soc2"] });
    const ctx = ctxOf(lead);
    const err = await setControlApplicability({
      ctx,
      slug: project.slug,
      key: "RES-07",
      now,
      data: { notApplicable: true, justification: " " },
    }).catch((e) => e);
    expect(err).toBeInstanceOf(InvalidInputError);
    expect(err.issues).toEqual([{ path: "justification", message: expect.stringMatching(/Explain why/) }]);
    const justification = "This service holds no study data at all.";
    expect(
      await setControlApplicability({
        ctx,
        slug: project.slug,
        key: "RES-07",
        now,
        data: { notApplicable: true, justification },
      }),
    ).toEqual({
      project: project.slug,
      key: "RES-07",
      notApplicable: true,
      justification,
    });
    const na = await list(ctx, { project: project.slug, applicability: "not-applicable" });
    expect(na.items.map((i) => [i.key, i.applicability])).toEqual([["RES-07", { notApplicable: true, justification }]]);
    await setControlApplicability({ ctx, slug: project.slug, key: "RES-07", now, data: { notApplicable: false } });
    expect((await list(ctx, { project: project.slug, applicability: "not-applicable" })).items).toEqual([]);
    const trail = await prisma.activityEvent.findMany({ where: { projectId: project.id }, orderBy: { id: "asc" } });
    expect(trail.map((e) => e.action)).toEqual(["control.not-applicable", "control.applicable"]);
  });

  it("lists with filters, sorting and a cursor that visits every row once", async () => {
    const lead = await makeUser({ role: "COMPLIANCE_LEAD", name: "Aaron Owner" });
    const ctx = ctxOf(lead);
    await updateControl({ ctx, key: "LOG-05", now, data: { ownerId: lead.id } });
    expect((await list(ctx, { family: "BCK" })).items.map((i) => i.key)).toEqual([
      "BCK-01",
      "BCK-02",
      "BCK-03",
      "BCK-04",
      "BCK-05",
      "BCK-06",
    ]);
    expect(
      (await list(ctx, { q: "restore drill", framework: "soc2", frequency: "QUARTERLY" })).items.map((i) => i.key),
    ).toEqual(["BCK-02"]);
    expect((await list(ctx, { owner: lead.id })).items.map((i) => i.key)).toEqual(["LOG-05"]);
    expect((await list(ctx, { framework: "irb", sort: "owner", dir: "asc", limit: 1 })).items[0].key).toBe("LOG-05");
    const irbOnly = (await list(ctx, { framework: "irb", limit: 200 })).items.filter(
      (i) => Object.keys(i.mappings).join() === "irb",
    );
    expect(irbOnly.map((i) => i.key)).toEqual(
      expect.arrayContaining(["LOG-05", "LOG-06", "RES-01", "RES-04", "RES-06"]),
    );

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await list(ctx, { sort: "title", dir: "desc", limit: 7, cursor });
      seen.push(...page.items.map((i) => i.key));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const all = await prisma.control.findMany({ where: { archivedAt: null }, select: { key: true } });
    expect(seen.length).toBe(all.length);
    expect(new Set(seen).size).toBe(all.length);

    // A project lists only the controls of its frameworks; without frameworks it lists none.
    const project = await makeProject();
    expect((await list(ctx, { project: project.slug })).items).toEqual([]);
    await setProjectFrameworks({ ctx, slug: project.slug, now, data: { frameworks: ["irb"] } });
    const scoped = await list(ctx, { project: project.slug, limit: 200 });
    expect(scoped.project).toMatchObject({ slug: project.slug, frameworks: ["irb"] });
    expect(scoped.items.every((i) => i.mappings.irb?.length)).toBe(true);
    await expect(list(ctx, { applicability: "applicable" })).rejects.toThrow(/choose a project/);
  });
});
