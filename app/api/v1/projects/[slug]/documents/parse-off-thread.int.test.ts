// A document import parses on a worker thread with a time budget: while a long parse runs the server
// still answers (here /api/health), and a parse past its budget is refused with 422
// import-too-complex and writes nothing.
import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { stopParseWorkers } from "@/lib/import/parse-off-thread";
import { GET as healthRoute } from "@/app/api/health/route";
import { call } from "@/tests/api";
import { makeProject, makeUser } from "@/tests/factories";
import { postDocument } from "@/lib/backlog/testing/post-document";
import { postDocumentAsNew } from "@/tests/documents";

/** About 4.5 MB of list items: seconds of parsing on any machine, far past a one-second budget. */
const SLOW = `# Checklist\n\n${Array.from({ length: 200_000 }, (_, i) => `- [ ] item ${i} to do`).join("\n")}\n`.slice(
  0,
  4_600_000,
);

afterAll(async () => {
  delete process.env.IMPORT_PARSE_BUDGET_MS;
  resetEnvForTests();
  await stopParseWorkers();
});

describe("document import parses off the event loop", () => {
  it("answers /api/health while a long import parses, then refuses the import as too complex and writes nothing", async () => {
    process.env.IMPORT_PARSE_BUDGET_MS = "1000";
    resetEnvForTests();
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const project = await makeProject();
    let settled = false;
    const importing = postDocument({
      slug: project.slug,
      userId: lead.id,
      query: "filename=huge.md&mode=apply",
      body: SLOW,
      contentType: "text/markdown",
    }).finally(() => {
      settled = true;
    });
    // Let the upload be read and handed to the parsing thread, then ask the server something else.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const health = await call(healthRoute, { method: "GET", path: "/api/health" });
    expect(health.status).toBe(200);
    expect(settled).toBe(false); // the server answered while the document was still being parsed

    const res = await importing;
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.body).toMatchObject({ type: "urn:proofline:problem:import-too-complex", status: 422 });
    expect(String(res.body.detail)).toMatch(/^"huge\.md" took more than 1 s to read, so it was not imported\./);
    expect(await prisma.sourceDocument.count({ where: { projectId: project.id } })).toBe(0);
    expect(await prisma.backlogItem.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("imports normally on the worker thread afterwards (a stopped thread is replaced)", async () => {
    process.env.IMPORT_PARSE_BUDGET_MS = "60000";
    resetEnvForTests();
    const { project, res } = await postDocumentAsNew("COMPLIANCE_LEAD", {
      query: "filename=ops.md&mode=apply",
      body: "# Ops\n\n- [ ] rotate keys\n- [x] enable backups\n",
      contentType: "text/markdown",
    });
    expect(res.status).toBe(201);
    expect(await prisma.backlogItem.count({ where: { projectId: project.id } })).toBe(2);
  });
});
