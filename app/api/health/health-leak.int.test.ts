// Issue 11, "Leaks": /api/health is public; when the database is down its answer must not carry the
// driver's error text (host, port, role, database names) to callers who are not signed-in admins.
import { describe, expect, it, vi } from "vitest";
import { call } from "@/tests/api";
import { makeUser } from "@/tests/factories";

const DRIVER_ERROR = 'connect ECONNREFUSED 10.20.30.40:5432 (role "proofline_owner", database "proofline_prod")';

vi.mock("@/lib/health", () => ({
  checkHealth: async () => ({
    status: "degraded",
    app: { status: "ok", version: "0.1.0", uptimeSeconds: 1 },
    database: { status: "down", error: DRIVER_ERROR },
    checkedAt: new Date().toISOString(),
  }),
}));

const { GET: healthRoute } = await import("@/app/api/health/route");

describe("/api/health when the database is down", () => {
  it("tells an anonymous caller only that it is down", async () => {
    const res = await call(healthRoute, { path: "/api/health" });
    expect(res.status).toBe(503);
    expect(res.body.database).toEqual({ status: "down" });
    for (const leak of ["10.20.30.40", "5432", "proofline_owner", "proofline_prod", "ECONNREFUSED"])
      expect(JSON.stringify(res.body)).not.toContain(leak);
  });

  it("tells a signed-in non-admin no more, and an admin the reason", async () => {
    const engineer = await makeUser({ role: "ENGINEER" });
    expect((await call(healthRoute, { path: "/api/health", asUser: engineer.id })).body.database).toEqual({
      status: "down",
    });
    const admin = await makeUser({ role: "ADMIN" });
    expect((await call(healthRoute, { path: "/api/health", asUser: admin.id })).body.database).toEqual({
      status: "down",
      error: DRIVER_ERROR,
    });
  });
});
