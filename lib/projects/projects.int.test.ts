import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { createProject } from "@/lib/projects/create-project";
import { updateProject } from "@/lib/projects/update-project";
import { listProjects } from "@/lib/projects/list-projects";
import { ForbiddenError, InvalidInputError } from "@/lib/errors";
import { ctxOf, makeUser, uniq } from "@/tests/factories";

describe("projects", () => {
  it("derives a slug from the name, and renames and archives with an event each", async () => {
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const name = `Research Portal ${uniq("x")}`;
    const project = await createProject({ ctx: ctxOf(lead), data: { name, description: "" } });
    expect(project.slug).toMatch(/^research-portal-x-[a-z0-9-]+$/);
    await updateProject({ ctx: ctxOf(lead), slug: project.slug, data: { name: "Renamed" } });
    await updateProject({ ctx: ctxOf(lead), slug: project.slug, data: { archived: true } });
    expect((await listProjects({ ctx: ctxOf(lead) })).some((p) => p.id === project.id)).toBe(false);
    expect(
      (await listProjects({ ctx: ctxOf(lead), includeArchived: true })).find((p) => p.id === project.id)?.name,
    ).toBe("Renamed");
    const events = await prisma.activityEvent.findMany({ where: { entityId: project.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["project.create", "project.update", "project.archive"]);
    expect(events[1].summary).toEqual({ before: { name }, after: { name: "Renamed" } });
  });

  it("refuses engineers and auditors on the server, writing nothing", async () => {
    const before = await prisma.project.count();
    for (const role of ["ENGINEER", "AUDITOR"] as const) {
      const user = await makeUser({ role });
      await expect(createProject({ ctx: ctxOf(user), data: { name: "Nope", description: "" } })).rejects.toBeInstanceOf(
        ForbiddenError,
      );
    }
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const project = await createProject({
      ctx: ctxOf(lead),
      data: { name: "Kept", slug: uniq("kept"), description: "" },
    });
    const engineer = await makeUser({ role: "ENGINEER" });
    await expect(
      updateProject({ ctx: ctxOf(engineer), slug: project.slug, data: { archived: true } }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect(await prisma.project.count()).toBe(before + 1);
    expect((await prisma.project.findUniqueOrThrow({ where: { id: project.id } })).archivedAt).toBeNull();
  });

  it("rejects a malformed slug with a field error", async () => {
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const err = await createProject({
      ctx: ctxOf(lead),
      data: { name: "Bad slug", slug: "Not A Slug!", description: "" },
    }).catch((e) => e);
    expect(err).toBeInstanceOf(InvalidInputError);
    expect((err as InvalidInputError).issues).toEqual([expect.objectContaining({ path: "slug" })]);
  });
});
