// The limits an operator sets in the environment are the ones the API enforces, with nothing written
// when a body passes them.
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { POST as pushRoute } from "@/app/api/v1/projects/[slug]/evidence/route";
import { disconnectBulkDb } from "@/lib/evidence/bulk-db";
import { makeToken, rowCounts } from "@/lib/evidence/testing/helpers";
import { call } from "@/tests/api";
import { makeProject, makeUser } from "@/tests/factories";
import { postDocument } from "@/lib/backlog/testing/post-document";

const SETTINGS = [
  "IMPORT_MAX_BYTES",
  "INGEST_MAX_BODY_BYTES",
  "INGEST_MAX_JSON_BYTES",
  "INGEST_MAX_LINE_BYTES",
] as const;

function configure(values: Partial<Record<(typeof SETTINGS)[number], string>>) {
  for (const key of SETTINGS) {
    if (values[key] === undefined) delete process.env[key];
    else process.env[key] = values[key];
  }
  resetEnvForTests();
}

afterEach(() => configure({}));
afterAll(disconnectBulkDb);

describe("configured limits", () => {
  it("refuses a document over IMPORT_MAX_BYTES with 413 naming the limit, and imports one under it", async () => {
    configure({ IMPORT_MAX_BYTES: "2048" });
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const project = await makeProject();
    const send = (text: string) =>
      postDocument({ slug: project.slug, userId: lead.id, query: "filename=ops.md&mode=apply", body: text });
    const big = await send(`# Ops\n\n${"- [ ] an item that makes the document long\n".repeat(60)}`);
    expect(big.status).toBe(413);
    expect(big.body.detail).toMatch(/limit of 2 KB|the limit is 2 KB/);
    expect(await prisma.backlogItem.count({ where: { projectId: project.id } })).toBe(0);
    const small = await send("# Ops\n\n- [ ] rotate the keys\n");
    expect(small.status).toBe(201);
    expect(await prisma.backlogItem.count({ where: { projectId: project.id } })).toBe(1);
  });

  it("refuses evidence over INGEST_MAX_BODY_BYTES and a JSON document over INGEST_MAX_JSON_BYTES, writing nothing", async () => {
    configure({ INGEST_MAX_BODY_BYTES: "65536", INGEST_MAX_JSON_BYTES: "4096" });
    const project = await makeProject();
    const { secret } = await makeToken(project.id);
    const push = (body: string) =>
      call(pushRoute, {
        method: "POST",
        path: `/api/v1/projects/${project.slug}/evidence`,
        params: { slug: project.slug },
        rawBody: body,
        bearer: secret,
      });
    const line = (i: number) =>
      JSON.stringify({ ts: "2026-03-01T00:00:00Z", actor: "ops", action: `login-${i}`, outcome: "success" });
    const log = Array.from({ length: 1000 }, (_, i) => line(i)).join("\n");
    const tooLong = await push(log);
    expect([tooLong.status, tooLong.body.type]).toEqual([413, "urn:proofline:problem:ingest-body-too-large"]);
    expect(tooLong.body.detail).toContain("64 KB");
    const component = JSON.stringify({ type: "library", name: "left-pad", version: "1.3.0" });
    const sbom = `{"bomFormat":"CycloneDX","specVersion":"1.5","components":[${Array(100).fill(component).join(",")}]}`;
    const tooBig = await push(sbom);
    expect([tooBig.status, tooBig.body.type]).toEqual([413, "urn:proofline:problem:ingest-document-too-large"]);
    expect(await rowCounts(project.id)).toEqual({ evidence: 0, filed: 0, events: 0, exercises: 0, activity: 0 });
    // Under the limits the same kinds of body are taken.
    const ok = await push(Array.from({ length: 10 }, (_, i) => line(i)).join("\n"));
    expect(ok.status).toBe(201);
  });
});
