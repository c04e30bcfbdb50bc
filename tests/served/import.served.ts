// The document importer through the served app (`next start`): the reader's corrections arrive as
// ?mapping=<JSON> on a real request, a preview reads with them, an apply keeps them with the document,
// a malformed one is refused with problem+json and nothing written, and twenty applies of the same
// document at once leave one document and one copy of each item.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { makeProject, makeUser } from "@/tests/factories";
import { sessionCookie } from "@/tests/api";

const BASE = process.env.SERVED_URL!;
if (!BASE) throw new Error("Run the served tier through `tsx scripts/test.ts served` (it starts the server).");

// Items are level-3 headings under a level-2 section: the importer's own guess refuses it (two
// headings at two levels and no states), so the mapping decides.
const DOC = [
  "# Release checklist",
  "",
  "## Before the freeze",
  "",
  "### Rotate the deploy keys",
  "",
  "Owned by the platform team.",
  "",
  "### Archive the old SBOMs",
  "",
  "Keep one per release.",
  "",
  "### Ελέγξτε τα αντίγραφα ασφαλείας",
  "",
  "Backups checked by the Athens office.",
  "",
].join("\n");

let project: { id: string; slug: string };
let cookie: string;

beforeAll(async () => {
  project = await makeProject();
  cookie = await sessionCookie((await makeUser({ role: "COMPLIANCE_LEAD" })).id);
});
afterAll(async () => {
  await prisma.$disconnect();
});

async function post(query: string): Promise<{ status: number; type: string; body: Record<string, unknown> }> {
  const res = await fetch(`${BASE}/api/v1/projects/${project.slug}/documents?filename=release.md&${query}`, {
    method: "POST",
    headers: { cookie, "content-type": "text/markdown; charset=utf-8" },
    body: DOC,
  });
  return {
    status: res.status,
    type: res.headers.get("content-type") ?? "",
    body: (await res.json()) as Record<string, unknown>,
  };
}

const written = async () => ({
  documents: await prisma.sourceDocument.count({ where: { projectId: project.id } }),
  items: await prisma.backlogItem.count({ where: { projectId: project.id } }),
});

describe("document import with a mapping, served", () => {
  it("refuses a mapping that is not one with 422 problem+json naming the field, and writes nothing", async () => {
    for (const [mapping, names] of [
      ['{"items":"h9"}', "mapping.items"],
      ['{"items":"h3","extra":1}', "mapping"],
      ["{items", "must be JSON"],
      [JSON.stringify({ items: "h3", skip: Array.from({ length: 201 }, (_, i) => `s${i}`) }), "mapping.skip"],
    ]) {
      const answer = await post(`mode=apply&mapping=${encodeURIComponent(mapping)}`);
      expect([mapping, answer.status]).toEqual([mapping, 422]);
      expect(answer.type).toContain("application/problem+json");
      expect(JSON.stringify(answer.body)).toContain(names);
    }
    expect(await written()).toEqual({ documents: 0, items: 0 });
  });

  it("previews with the mapping, applies it once for twenty requests at once, and reads the next version with the saved mapping", async () => {
    const mapping = encodeURIComponent(JSON.stringify({ items: "h3" }));
    const preview = await post(`mode=preview&mapping=${mapping}`);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      counts: { create: 3 },
      mapping: { source: "chosen", mapping: { items: "h3" } },
    });
    expect(await written()).toEqual({ documents: 0, items: 0 });

    const answers = await Promise.all(Array.from({ length: 20 }, () => post(`mode=apply&mapping=${mapping}`)));
    // Each request either applied the document or found it applied already; none failed.
    for (const a of answers) expect([200, 201, 409]).toContain(a.status);
    expect(answers.filter((a) => a.status === 201).length).toBeGreaterThanOrEqual(1);
    expect(await written()).toEqual({ documents: 1, items: 3 });
    const titles = (
      await prisma.backlogItem.findMany({
        where: { projectId: project.id },
        select: { title: true },
        orderBy: { title: "asc" },
      })
    ).map((i) => i.title);
    expect(titles).toEqual(["Archive the old SBOMs", "Rotate the deploy keys", "Ελέγξτε τα αντίγραφα ασφαλείας"]);

    const again = await post("mode=preview");
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      counts: { unchanged: 3 },
      mapping: { source: "saved", mapping: { items: "h3" } },
    });
  });
});
