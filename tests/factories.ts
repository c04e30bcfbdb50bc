// Builders for test data, shared by integration tests and the Playwright fixtures. Each call makes
// unique rows, so tests never depend on each other's leftovers.
import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import type { RequestCtx, SessionUser } from "@/lib/auth/actor";
import type { Role } from "@/generated/prisma/enums";

export const TEST_PASSWORD = "test-password-123";

export function uniq(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
}

export interface TestUser extends SessionUser {
  password: string;
}

export async function makeUser(
  opts: { role?: Role; email?: string; name?: string; active?: boolean; password?: string } = {},
): Promise<TestUser> {
  const role = opts.role ?? "ENGINEER";
  const password = opts.password ?? TEST_PASSWORD;
  const email = (opts.email ?? `${uniq(role.toLowerCase())}@example.test`).toLowerCase();
  const user = await prisma.user.create({
    data: {
      email,
      name: opts.name ?? `Test ${role.toLowerCase()}`,
      role,
      active: opts.active ?? true,
      passwordHash: await hashPassword(password),
    },
  });
  return { id: user.id, email: user.email, name: user.name, role: user.role, password };
}

export async function makeProject(
  opts: { name?: string; slug?: string; description?: string; frameworks?: string[] } = {},
) {
  const slug = opts.slug ?? uniq("proj");
  const project = await prisma.project.create({
    data: { slug, name: opts.name ?? `Project ${slug}`, description: opts.description ?? "" },
  });
  if (opts.frameworks?.length) {
    const frameworks = await prisma.framework.findMany({
      where: { key: { in: opts.frameworks } },
      select: { id: true },
    });
    await prisma.projectFramework.createMany({
      data: frameworks.map((f) => ({ projectId: project.id, frameworkId: f.id })),
    });
  }
  return project;
}

export function ctxOf(user: SessionUser): RequestCtx {
  return {
    actor: { kind: "user", user: { id: user.id, email: user.email, name: user.name, role: user.role } },
    requestId: uniq("req"),
  };
}

export { prisma };

/**
 * An audit of `projects` with a live grant for each auditor (expiring in 30 days unless given).
 * The window defaults to the whole current year; the framework to the first one loaded (SOC 2).
 */
export async function makeAudit(opts: {
  lead: SessionUser;
  projectIds: string[];
  auditors?: Array<{ user: SessionUser; expiresAt?: Date; revokedAt?: Date }>;
  frameworkKey?: string;
  windowStart?: Date;
  windowEnd?: Date;
}) {
  const year = new Date().getUTCFullYear();
  const framework = await prisma.framework.findFirstOrThrow({
    where: opts.frameworkKey ? { key: opts.frameworkKey } : {},
    orderBy: { key: "desc" },
  });
  return prisma.audit.create({
    data: {
      name: uniq("audit"),
      frameworkId: framework.id,
      windowStart: opts.windowStart ?? new Date(Date.UTC(year, 0, 1)),
      windowEnd: opts.windowEnd ?? new Date(Date.UTC(year, 11, 31, 23, 59, 59)),
      status: "FIELDWORK",
      leadId: opts.lead.id,
      projects: { create: opts.projectIds.map((projectId) => ({ projectId })) },
      grants: {
        create: (opts.auditors ?? []).map((a) => ({
          userId: a.user.id,
          grantedById: opts.lead.id,
          expiresAt: a.expiresAt ?? new Date(Date.now() + 30 * 86_400_000),
          revokedAt: a.revokedAt,
        })),
      },
    },
  });
}
