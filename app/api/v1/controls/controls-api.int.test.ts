import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { GET as listControlsRoute, POST as createControlRoute } from "@/app/api/v1/controls/route";
import { GET as getControlRoute, PATCH as patchControlRoute } from "@/app/api/v1/controls/[key]/route";
import { PATCH as mappingsRoute } from "@/app/api/v1/controls/[key]/mappings/route";
import { GET as csvRoute } from "@/app/api/v1/controls/export/route";
import { GET as matrixRoute } from "@/app/api/v1/controls/matrix/route";
import { GET as frameworksRoute, POST as importRoute } from "@/app/api/v1/frameworks/route";
import { GET as frameworkRoute } from "@/app/api/v1/frameworks/[key]/route";
import { GET as exportRoute } from "@/app/api/v1/frameworks/[key]/export/route";
import { GET as projectControlsRoute } from "@/app/api/v1/projects/[slug]/controls/route";
import { PUT as applicabilityRoute } from "@/app/api/v1/projects/[slug]/controls/[key]/applicability/route";
import { PUT as projectFrameworksRoute } from "@/app/api/v1/projects/[slug]/controls/frameworks/route";
import { call } from "@/tests/api";
import { makeProject, makeUser } from "@/tests/factories";

const PROBLEM = "application/problem+json";
const example = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, "../../../../docs/examples/custom-framework.json"), "utf8"),
);

async function state() {
  const [controls, mappings, expectations, projectControls, projectFrameworks, frameworks, events, bck02] =
    await Promise.all([
      prisma.control.count(),
      prisma.controlMapping.count(),
      prisma.controlExpectation.count(),
      prisma.projectControl.count(),
      prisma.projectFramework.count(),
      prisma.framework.count(),
      prisma.activityEvent.count(),
      prisma.control.findUniqueOrThrow({ where: { key: "BCK-02" } }),
    ]);
  return { controls, mappings, expectations, projectControls, projectFrameworks, frameworks, events, bck02 };
}

describe("frameworks and controls API", () => {
  it("refuses every write to engineers and auditors with 403 problem+json, changing nothing", async () => {
    const project = await makeProject({ frameworks: ["soc2"] });
    const before = await state();
    const writes: Array<{
      handler: typeof createControlRoute;
      method: string;
      params?: Record<string, string>;
      body: unknown;
      what: string;
    }> = [
      {
        handler: createControlRoute,
        method: "POST",
        body: { key: "NEW-01", title: "New control", description: "Something the team does.", frequency: "DAILY" },
        what: "managing controls",
      },
      {
        handler: patchControlRoute,
        method: "PATCH",
        params: { key: "BCK-02" },
        body: { title: "Hijacked" },
        what: "managing controls",
      },
      {
        handler: mappingsRoute,
        method: "PATCH",
        params: { key: "BCK-02" },
        body: { add: [{ framework: "soc2", refId: "CC1.1" }] },
        what: "managing controls",
      },
      { handler: importRoute, method: "POST", body: example, what: "managing frameworks" },
      {
        handler: applicabilityRoute,
        method: "PUT",
        params: { slug: project.slug, key: "BCK-02" },
        body: { notApplicable: true, justification: "We never restore anything." },
        what: "control",
      },
      {
        handler: projectFrameworksRoute,
        method: "PUT",
        params: { slug: project.slug },
        body: { frameworks: ["gdpr"] },
        what: "changing projects",
      },
    ];
    for (const role of ["ENGINEER", "AUDITOR"] as const) {
      const user = await makeUser({ role });
      const label = role === "ENGINEER" ? "Engineer" : "Auditor";
      for (const w of writes) {
        const res = await call(w.handler, { method: w.method, asUser: user.id, params: w.params, body: w.body });
        expect(res.status, `${role} ${w.method} ${JSON.stringify(w.params)}`).toBe(403);
        expect(res.headers.get("content-type")).toBe(PROBLEM);
        expect(res.body).toMatchObject({ status: 403, type: "urn:proofline:problem:forbidden", title: "Forbidden" });
        expect(res.body.detail).toContain(`Your role (${label}) does not allow`);
        expect(res.body.detail).toContain(w.what);
      }
      // Reading stays open to them.
      expect((await call(getControlRoute, { asUser: user.id, params: { key: "BCK-02" } })).status).toBe(200);
      expect((await call(frameworksRoute, { asUser: user.id })).status).toBe(200);
    }
    expect(await state()).toEqual({ ...before, events: before.events });
  });

  it("lets a lead create, edit, map and mark not applicable, with field errors for bad input", async () => {
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const project = await makeProject({ frameworks: ["soc2", "gdpr"] });
    const body = {
      key: "PRV-90",
      title: "Cookie banner reviewed",
      description: "Every new cookie is listed and consented to.",
      frequency: "QUARTERLY",
      expectations: [{ kind: "LINK", freshnessDays: 100 }],
    };
    const created = await call(createControlRoute, { method: "POST", asUser: lead.id, body });
    expect(created.status).toBe(201);
    expect((await call(createControlRoute, { method: "POST", asUser: lead.id, body })).status).toBe(409);
    const invalid = await call(createControlRoute, {
      method: "POST",
      asUser: lead.id,
      body: { ...body, key: "bad key", frequency: "HOURLY" },
    });
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(["body.frequency", "body.key"]);

    const mapped = await call(mappingsRoute, {
      method: "PATCH",
      asUser: lead.id,
      params: { key: "PRV-90" },
      body: { add: [{ framework: "gdpr", refId: "Art. 7(1)" }] },
    });
    expect(mapped.status).toBe(200);
    expect(mapped.body.added).toEqual(["gdpr Art. 7(1)"]);
    const detail = await call(getControlRoute, { asUser: lead.id, params: { key: "PRV-90" } });
    expect(detail.body.projectsInScope).toContainEqual({ slug: project.slug, name: project.name });
    expect(detail.body.mappings).toEqual([
      {
        key: "gdpr",
        name: "GDPR",
        requirements: [{ refId: "Art. 7(1)", title: "Demonstrating consent", retired: false }],
      },
    ]);
    const unknown = await call(mappingsRoute, {
      method: "PATCH",
      asUser: lead.id,
      params: { key: "PRV-90" },
      body: { add: [{ framework: "gdpr", refId: "Art. 99" }] },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([{ path: "add[0].refId", message: 'no requirement "Art. 99" in gdpr' }]);

    const noReason = await call(applicabilityRoute, {
      method: "PUT",
      asUser: lead.id,
      params: { slug: project.slug, key: "PRV-90" },
      body: { notApplicable: true },
    });
    expect(noReason.status).toBe(422);
    expect(noReason.body.errors).toEqual([
      { path: "body.justification", message: expect.stringMatching(/Explain why/) },
    ]);
    const na = await call(applicabilityRoute, {
      method: "PUT",
      asUser: lead.id,
      params: { slug: project.slug, key: "PRV-90" },
      body: { notApplicable: true, justification: "This project sets no cookies: it has no browser UI." },
    });
    expect(na.status).toBe(200);
    const scoped = await call(projectControlsRoute, {
      asUser: lead.id,
      params: { slug: project.slug },
      path: `/x?applicability=not-applicable`,
    });
    expect(scoped.body.items.map((i: { key: string }) => i.key)).toEqual(["PRV-90"]);
    const event = await prisma.activityEvent.findFirstOrThrow({
      where: { action: "control.not-applicable", projectId: project.id },
    });
    expect(event.actorId).toBe(lead.id);

    const archived = await call(patchControlRoute, {
      method: "PATCH",
      asUser: lead.id,
      params: { key: "PRV-90" },
      body: { archived: true },
    });
    expect(archived.status).toBe(200);
    expect(archived.body.archivedAt).not.toBeNull();
  });

  it("paginates the library by cursor and refuses unknown query parameters", async () => {
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const keys: string[] = [];
    let next: string | null = null;
    do {
      const res = await call(listControlsRoute, {
        asUser: lead.id,
        path: `/api/v1/controls?limit=25&sort=frequency${next ? `&cursor=${next}` : ""}`,
      });
      expect(res.status).toBe(200);
      keys.push(...res.body.items.map((i: { key: string }) => i.key));
      next = res.body.nextCursor;
    } while (next);
    expect(new Set(keys).size).toBe(await prisma.control.count({ where: { archivedAt: null } }));
    const bad = await call(listControlsRoute, { asUser: lead.id, path: "/api/v1/controls?colour=red" });
    expect(bad.status).toBe(422);
    const badCursor = await call(listControlsRoute, { asUser: lead.id, path: "/api/v1/controls?cursor=%%%" });
    expect(badCursor.status).toBe(422);
  });

  it("exports the library as CSV and a framework as a downloadable file; shows the matrix and a framework tree", async () => {
    const auditor = await makeUser({ role: "AUDITOR" });
    const csv = await call(csvRoute, { asUser: auditor.id, path: "/api/v1/controls/export" });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toMatch(
      /^attachment; filename="proofline-controls-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const lines = String(csv.body).split("\r\n");
    expect(lines[0]).toBe("key,family,title,frequency,owner,status,expected_evidence,soc2,gdpr,irb,description");
    expect(lines.find((l) => l.startsWith("BCK-02,"))).toMatch(
      /^BCK-02,BCK,Quarterly restore drill,QUARTERLY,,active,RESTORE_DRILL \(100 days\),CC7\.5; A1\.3,Art\. 32\(1\)\(c\); Art\. 32\(1\)\(d\),11\.10\(c\),/,
    );

    const file = await call(exportRoute, { asUser: auditor.id, params: { key: "irb" } });
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toBe('attachment; filename="irb.framework.json"');
    expect(file.body).toMatchObject({ format: "proofline.framework/v1", key: "irb" });

    const matrix = await call(matrixRoute, { asUser: auditor.id, path: "/api/v1/controls/matrix?family=BCK" });
    expect(matrix.body.rows.find((r: { key: string }) => r.key === "BCK-01").cells).toEqual({
      soc2: ["A1.2", "PI1.5"],
      gdpr: ["Art. 32(1)(c)"],
      irb: ["11.10(c)"], // backups are not the IRB's records (46.115(b), 56.115(b) withdrawn)
    });
    const tree = await call(frameworkRoute, { asUser: auditor.id, params: { key: "gdpr" }, path: "/x?q=art%2033(5)" });
    expect(tree.body.nodes.map((n: { refId: string }) => n.refId)).toEqual(["Chapter IV", "Art. 33", "Art. 33(5)"]);
    expect(tree.body.nodes[2].controls.map((c: { key: string }) => c.key)).toEqual(["INC-04"]);
    expect((await call(frameworkRoute, { asUser: auditor.id, params: { key: "nope" } })).status).toBe(404);
  });

  it("imports a custom framework through the API with 201, and answers 422 naming the path for a bad one", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const ok = await call(importRoute, { method: "POST", asUser: admin.id, body: example });
    expect(ok.status).toBe(201);
    const again = await call(importRoute, { method: "POST", asUser: admin.id, body: example });
    expect(again.status).toBe(200);
    expect(again.body.changes).toEqual([]);
    const bad = structuredClone(example);
    bad.requirements[5].id = "A.1";
    const res = await call(importRoute, { method: "POST", asUser: admin.id, body: bad });
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toBe(PROBLEM);
    expect(res.body.errors).toEqual([
      { path: "requirements[5].id", message: 'duplicate "A.1" (first used at requirements[1])' },
    ]);
  });
});
