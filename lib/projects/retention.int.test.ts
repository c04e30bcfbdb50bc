// Issue 13: retention is a parameter of the project, three years by default (the IRB minimum), set
// longer where FDA investigator records or HIPAA documentation require it.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { InvalidInputError } from "@/lib/errors";
import { updateProject } from "@/lib/projects/update-project";
import { ctxOf, makeProject, makeUser } from "@/tests/factories";

describe("project retention period", () => {
  it("is three years by default, can be set longer by a lead, is recorded, and is never under three", async () => {
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const project = await makeProject();
    expect(project.retentionYears).toBe(3);

    const after = await updateProject({ ctx: ctxOf(lead), slug: project.slug, data: { retentionYears: 6 } });
    expect(after.retentionYears).toBe(6);
    const event = await prisma.activityEvent.findFirstOrThrow({
      where: { action: "project.update", entityId: project.id },
      orderBy: { id: "desc" },
    });
    expect(event.summary).toMatchObject({ before: { retentionYears: 3 }, after: { retentionYears: 6 } });

    await expect(
      updateProject({ ctx: ctxOf(lead), slug: project.slug, data: { retentionYears: 2 } }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    expect((await prisma.project.findUniqueOrThrow({ where: { id: project.id } })).retentionYears).toBe(6);
  });
});
