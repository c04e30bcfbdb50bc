// Issue 16: stored secrets are sealed (AES-256-GCM, key from the environment, key id in the value):
// SELECT shows ciphertext, GitHub signature checks still work, rotation re-seals with the new key, and
// secrets from before sealing are sealed by the release step.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { call } from "@/tests/api";
import { deliverGithub } from "@/lib/evidence/testing/github-delivery";
import { makeProject, makeUser } from "@/tests/factories";
import { savedEnv } from "@/tests/env";
import { resetEnvForTests } from "@/lib/env";
import { keyIdOf, resetKeyringForTests } from "@/lib/secret-box";
import { rotateSecrets } from "@/lib/secrets/rotate-secrets";
import { POST as secretRoute } from "@/app/api/v1/projects/[slug]/github/secret/route";

const restoreEnv = savedEnv(["SECRETS_KEY", "SECRETS_KEY_PREVIOUS"]);
function useKeys(current: Buffer, previous?: Buffer) {
  process.env.SECRETS_KEY = current.toString("base64");
  if (previous) process.env.SECRETS_KEY_PREVIOUS = previous.toString("base64");
  else delete process.env.SECRETS_KEY_PREVIOUS;
  resetEnvForTests();
  resetKeyringForTests();
}
afterAll(() => {
  restoreEnv();
  resetKeyringForTests();
});

/** The column as the database holds it, read by its owner (what a database dump or a DBA sees). */
async function stored(projectId: string): Promise<string> {
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  try {
    return (await c.query(`SELECT "webhookSecret" FROM "GithubIntegration" WHERE "projectId" = $1`, [projectId]))
      .rows[0].webhookSecret;
  } finally {
    await c.end();
  }
}

async function ping(slug: string, secret: string, delivery: string) {
  const body = JSON.stringify({ zen: "Keep it logically awesome.", hook_id: 1 });
  return deliverGithub({ slug, event: "ping", body, deliveryId: delivery, sign: { secret } });
}

describe("secrets at rest", () => {
  it("stores the GitHub webhook secret sealed; signatures made with it are still accepted; rotation re-seals it", async () => {
    const k1 = randomBytes(32);
    const k2 = randomBytes(32);
    useKeys(k1);
    const admin = await makeUser({ role: "ADMIN" });
    const project = await makeProject();
    const created = await call(secretRoute, { method: "POST", asUser: admin.id, params: { slug: project.slug } });
    expect(created.status).toBeLessThan(300);
    const secret: string = created.body.secret;
    const column = await stored(project.id);
    expect(column).not.toContain(secret);
    expect(column).toMatch(new RegExp(`^pl1\\.${keyIdOf(k1)}\\.[\\w-]+\\.[\\w-]+\\.[\\w-]+$`));
    expect((await ping(project.slug, secret, "d-1")).status).toBeLessThan(300);
    expect((await ping(project.slug, "not-the-secret", "d-2")).status).toBe(401);

    // Rotation: the new key seals, the old one still opens until secrets:rotate has run.
    useKeys(k2, k1);
    expect((await ping(project.slug, secret, "d-3")).status).toBeLessThan(300);
    const report = await rotateSecrets();
    expect(report.keyId).toBe(keyIdOf(k2));
    expect(report.resealed).toBeGreaterThanOrEqual(1);
    const rotated = await stored(project.id);
    expect(rotated.split(".")[1]).toBe(keyIdOf(k2));
    expect(rotated).not.toBe(column);
    useKeys(k2); // the old key is gone
    expect((await ping(project.slug, secret, "d-4")).status).toBeLessThan(300);
    const events = await prisma.activityEvent.findMany({
      where: { action: "secrets.rotate" },
      select: { summary: true },
    });
    expect(JSON.stringify(events)).not.toContain(secret);
    // A second run finds nothing to do.
    expect((await rotateSecrets()).resealed).toBe(0);
  });

  it("refuses a value moved to another project's row, and a key it does not have, without accepting the delivery", async () => {
    const key = randomBytes(32);
    useKeys(key);
    const admin = await makeUser({ role: "ADMIN" });
    const [p1, p2] = [await makeProject(), await makeProject()];
    const s1 = (await call(secretRoute, { method: "POST", asUser: admin.id, params: { slug: p1.slug } })).body
      .secret as string;
    await call(secretRoute, { method: "POST", asUser: admin.id, params: { slug: p2.slug } });
    await prisma.githubIntegration.update({
      where: { projectId: p2.id },
      data: { webhookSecret: await stored(p1.id) },
    });
    const res = await ping(p2.slug, s1, "d-moved");
    expect(res.status).toBe(500);
    expect(JSON.stringify(res.body)).not.toContain(s1);
    useKeys(randomBytes(32));
    expect((await ping(p1.slug, s1, "d-lost")).status).toBe(500);
    expect(await prisma.githubDelivery.count({ where: { deliveryId: { in: ["d-moved", "d-lost"] } } })).toBe(0);
  });

  it("seals secrets left in plain text by an older release (the release step runs this)", async () => {
    const key = randomBytes(32);
    useKeys(key);
    const project = await makeProject();
    await prisma.githubIntegration.create({ data: { projectId: project.id, webhookSecret: "legacy-plain-secret" } });
    const report = await rotateSecrets({ onlyPlainText: true });
    expect(report.sealedFromPlainText).toBeGreaterThanOrEqual(1);
    const column = await stored(project.id);
    expect(column).not.toContain("legacy-plain-secret");
    expect(column.startsWith(`pl1.${keyIdOf(key)}.`)).toBe(true);
    expect((await ping(project.slug, "legacy-plain-secret", "d-legacy")).status).toBeLessThan(300);
  });
});
