import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { call } from "@/tests/api";
import { controlByKey, makeEvidence } from "@/lib/audits/audit-test-data";
import { makeAuditedProject } from "@/lib/audits/testing/audited-project";

// Every route handler of the app, found on disk, so that a route added later is covered without
// anyone remembering to add it here.
const API_DIR = path.resolve(import.meta.dirname, "../..");
const WRITE_METHODS = ["POST", "PUT", "PATCH", "DELETE"] as const;
// Sign-in and sign-out are how an auditor gets and ends a session, not data writes.
// SCIM (scim/v2) and the invitation link's set-password route take their own credential (a SCIM bearer
// token, a one-time link) and ignore any session: an auditor's session gives them nothing (SCIM answers
// 401 in SCIM's format; lib/scim/scim.int.test.ts, lib/auth/sso.int.test.ts).
const NOT_DATA = new Set([
  "auth/[...nextauth]/route.ts",
  "auth/set-password/route.ts",
  "scim/v2/Users/route.ts",
  "scim/v2/Users/[id]/route.ts",
  "scim/v2/Groups/route.ts",
  "scim/v2/Groups/[id]/route.ts",
]);
// The audit workspace is where an auditor does write (requests, populations, packets), and only in
// the audits they are granted: covered route by route below and in lib/audits/*.int.test.ts.
const WORKSPACE = "v1/audits/";

interface Route {
  file: string;
  method: (typeof WRITE_METHODS)[number];
  handler: Parameters<typeof call>[0];
  params: Record<string, string>;
}

async function discoverRoutes(values: Record<string, string>): Promise<Route[]> {
  const files = (readdirSync(API_DIR, { recursive: true }) as string[])
    .filter((f) => f.endsWith("route.ts"))
    .map((f) => f.split(path.sep).join("/"))
    .sort();
  const routes: Route[] = [];
  for (const file of files) {
    const mod = (await import(/* @vite-ignore */ path.join(API_DIR, file))) as Record<string, unknown>;
    const params = Object.fromEntries(
      [...file.matchAll(/\[(?:\.\.\.)?([^\]]+)\]/g)].map((m) => [m[1], values[m[1]] ?? "not-a-real-id"]),
    );
    for (const method of WRITE_METHODS)
      if (typeof mod[method] === "function")
        routes.push({ file, method, handler: mod[method] as Route["handler"], params });
  }
  return routes;
}

/** Row counts of every table the app owns: a refused write must leave all of them as they were. */
async function tableCounts(): Promise<Record<string, number>> {
  const tables = await prisma.$queryRaw<Array<{ name: string }>>`
    SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY 1`;
  const out: Record<string, number> = {};
  for (const t of tables)
    out[t.name] = Number(
      (await prisma.$queryRawUnsafe<Array<{ n: bigint }>>(`SELECT count(*) AS n FROM "${t.name}"`))[0].n,
    );
  return out;
}

async function world() {
  const { lead, auditor, project, audit, grant } = await makeAuditedProject({
    window: { start: new Date("2026-01-01T00:00:00Z"), end: new Date("2026-06-30T23:59:59.999Z") },
    project: { frameworks: ["soc2"] },
    grantExpiresAt: new Date(Date.now() + 86_400_000),
  });
  const evidence = await makeEvidence({
    projectId: project.id,
    effectiveAt: new Date("2026-03-01T00:00:00Z"),
    controlIds: [(await controlByKey("ACC-02")).id],
  });
  // Values for path parameters: real, visible objects, so that a refusal is about the write, not a missing row.
  const values = {
    slug: project.slug,
    id: evidence.id,
    key: "ACC-02",
    auditId: audit.id,
    grantId: grant.id,
    requestId: "none",
    populationId: "none",
    sampleId: "none",
    packetId: "none",
  };
  return { lead, auditor, project, audit, grant, evidence, values };
}

describe("auditors are read-only outside their audit workspace, at the API, for every route", () => {
  it("refuses every write method of every route outside the workspace (401, 403 or 404), changing nothing", async () => {
    const w = await world();
    const routes = await discoverRoutes(w.values);
    const outside = routes.filter((r) => !r.file.startsWith(WORKSPACE) && !NOT_DATA.has(r.file));
    expect(outside.map((r) => `${r.method} ${r.file}`)).toEqual(
      expect.arrayContaining(["POST v1/projects/route.ts", "PATCH v1/users/[id]/route.ts"]),
    );
    const before = await tableCounts();
    const answers: string[] = [];
    for (const r of outside) {
      const res = await call(r.handler, {
        method: r.method,
        asUser: w.auditor.id,
        params: r.params,
        body: {},
        path: `/api/${r.file.replace(/\/?route\.ts$/, "")}`,
      });
      answers.push(`${r.method} ${r.file} -> ${res.status}`);
      expect([401, 403, 404], `${r.method} ${r.file} answered ${res.status}: ${JSON.stringify(res.body)}`).toContain(
        res.status,
      );
      expect(res.headers.get("content-type")).toBe("application/problem+json");
    }
    expect(await tableCounts()).toEqual(before);
    expect(answers.length).toBe(outside.length);
  });

  it("refuses the lead's workspace writes to a granted auditor, and every workspace write in an audit they are not granted", async () => {
    const w = await world();
    const other = await world();
    const routes = (await discoverRoutes(w.values)).filter((r) => r.file.startsWith(WORKSPACE));
    const leadOnly = [
      "POST v1/audits/route.ts",
      "PATCH v1/audits/[auditId]/route.ts",
      "POST v1/audits/[auditId]/grants/route.ts",
      "DELETE v1/audits/[auditId]/grants/[grantId]/route.ts",
      "PATCH v1/audits/[auditId]/requests/[requestId]/route.ts",
      "POST v1/audits/[auditId]/requests/[requestId]/answer/route.ts",
    ];
    expect(routes.map((r) => `${r.method} ${r.file}`)).toEqual(expect.arrayContaining(leadOnly));
    const before = await tableCounts();
    for (const r of routes.filter((x) => leadOnly.includes(`${x.method} ${x.file}`))) {
      const res = await call(r.handler, { method: r.method, asUser: w.auditor.id, params: r.params, body: {} });
      expect(res.status, `${r.method} ${r.file}`).toBe(403);
    }
    // The same auditor, in another team's audit: nothing there exists for them.
    for (const r of routes) {
      if (r.file === "v1/audits/route.ts") continue; // creating an audit has no audit to be outside of (refused above)
      const res = await call(r.handler, {
        method: r.method,
        asUser: w.auditor.id,
        params: { ...r.params, auditId: other.audit.id, ...("grantId" in r.params ? { grantId: other.grant.id } : {}) },
        body: {},
      });
      expect(
        [403, 404],
        `${r.method} ${r.file} in another audit answered ${res.status} ${JSON.stringify(res.body)}`,
      ).toContain(res.status);
    }
    expect(await tableCounts()).toEqual(before);
  });

  it("lets a granted auditor raise a request, and refuses the same auditor after the grant expires", async () => {
    const w = await world();
    const route = (await import("@/app/api/v1/audits/[auditId]/requests/route")).POST;
    const raise = (title: string) =>
      call(route, {
        method: "POST",
        asUser: w.auditor.id,
        params: { auditId: w.audit.id },
        body: { title, requirementRef: "CC6.2" },
      });
    const ok = await raise("Access reviews");
    expect(ok.status).toBe(201);
    await prisma.auditorGrant.update({ where: { id: w.grant.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const before = await tableCounts();
    const refused = await raise("One more");
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toMatch(/^Your access to the audit ".*" ended on /);
    for (const r of (await discoverRoutes(w.values)).filter((x) => !NOT_DATA.has(x.file))) {
      const res = await call(r.handler, { method: r.method, asUser: w.auditor.id, params: r.params, body: {} });
      expect([401, 403, 404], `${r.method} ${r.file} after expiry answered ${res.status}`).toContain(res.status);
    }
    expect(await tableCounts()).toEqual(before);
  });
});
