// The import route takes the reader's corrections as ?mapping=<JSON> (or none): a preview reads the
// document with them, an apply keeps them with the document, and a mapping that is not one is refused
// with problem+json 422 naming the field, writing nothing.
import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { stopParseWorkers } from "@/lib/import/parse-off-thread";
import { makeProject, makeUser } from "@/tests/factories";
import { postDocument } from "@/lib/backlog/testing/post-document";
import { savedImportMapping } from "@/lib/backlog/test-helpers";

const DOC =
  "# Audit prep\n\n## Evidence\n\n### Export the access logs\n\nFrom the identity provider.\n\n### Collect the pen-test report\n\nAsk the vendor.\n";

afterAll(async () => {
  await stopParseWorkers();
});

describe("POST /projects/<slug>/documents with a mapping", () => {
  it("previews and applies with the mapping, keeps it, and refuses a malformed one", async () => {
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const project = await makeProject();
    const post = (query: string) =>
      postDocument({
        slug: project.slug,
        userId: lead.id,
        query: `filename=audit-prep.md&${query}`,
        body: DOC,
        contentType: "text/markdown",
      });

    const unaided = await post("mode=preview");
    expect(unaided.status).toBe(422);
    expect(unaided.headers.get("content-type")).toContain("application/problem+json");
    expect(JSON.stringify(unaided.body)).toContain("choose a mapping");

    const bad = await post(`mode=apply&mapping=${encodeURIComponent('{"items":"h9"}')}`);
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toContain("mapping.items");
    const notJson = await post("mode=preview&mapping=%7Bitems");
    expect(notJson.status).toBe(422);
    expect(await prisma.sourceDocument.count({ where: { projectId: project.id } })).toBe(0);

    const mapping = encodeURIComponent(JSON.stringify({ items: "h3" }));
    const preview = await post(`mode=preview&mapping=${mapping}`);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      counts: { create: 2 },
      mapping: { source: "chosen", mapping: { items: "h3" } },
    });

    const applied = await post(`mode=apply&mapping=${mapping}`);
    expect(applied.status).toBe(201);
    expect(await savedImportMapping(project.id)).toMatchObject({ items: "h3" });
    const again = await post("mode=preview");
    expect(again.body).toMatchObject({ counts: { unchanged: 2 }, mapping: { source: "saved" } });
  });
});
