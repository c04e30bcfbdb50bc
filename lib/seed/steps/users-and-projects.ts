import { prisma } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { recordActivity } from "@/lib/activity/record-activity";
import { DEMO_PASSWORD, DEMO_USERS } from "@/lib/seed/demo-users";
import { DEMO_PROJECTS } from "@/lib/seed/demo-projects";
import type { SeedStep } from "@/lib/seed/step";

export const seedUsersAndProjects: SeedStep = {
  name: "users and projects",
  async run(ctx) {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    await prisma.$transaction(
      async (tx) => {
        for (const u of DEMO_USERS) {
          const user = await tx.user.create({ data: { ...u, passwordHash } });
          await recordActivity(tx, {
            ctx,
            action: "user.create",
            entityType: "User",
            entityId: user.id,
            summary: { after: u },
          });
        }
        for (const p of DEMO_PROJECTS) {
          const project = await tx.project.create({ data: { slug: p.slug, name: p.name, description: p.description } });
          await recordActivity(tx, {
            ctx,
            action: "project.create",
            entityType: "Project",
            entityId: project.id,
            projectId: project.id,
            summary: { after: { name: p.name, slug: p.slug } },
          });
        }
      },
      { timeout: 60_000 },
    );
  },
};
