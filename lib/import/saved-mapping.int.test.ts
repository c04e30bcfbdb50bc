// The reader's corrections are kept with the document: applied to a preview, saved on import, applied
// again to the next version without being given, replaced or cleared when given anew. Real database;
// the documents are written here (our own).
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { applyDocumentImport } from "@/lib/backlog/apply-document-import";
import { previewDocumentImport } from "@/lib/backlog/preview-document-import";
import { InvalidInputError } from "@/lib/errors";
import { ctxOf, makeProject, makeUser } from "@/tests/factories";
import { savedImportMapping } from "@/lib/backlog/test-helpers";

const NOW = new Date("2026-05-04T09:00:00Z");
const V1 =
  "# Audit prep\n\n## Evidence\n\n### Export the access logs\n\nFrom the identity provider.\n\n### Collect the pen-test report\n\nAsk the vendor.\n";
const V2 = `${V1}\n### Screenshot the MFA policy\n\nFrom the admin console.\n`;
const bytes = (s: string) => Buffer.from(s, "utf8");

describe("a saved import mapping", () => {
  it("is used by the preview, kept on import, and applied again to the next version", async () => {
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const project = await makeProject();
    const ctx = ctxOf(lead);
    const filename = "audit-prep.md";

    // With no mapping the document has no items: the refusal points to the choices.
    await expect(previewDocumentImport({ ctx, slug: project.slug, bytes: bytes(V1), filename })).rejects.toThrow(
      InvalidInputError,
    );
    await expect(previewDocumentImport({ ctx, slug: project.slug, bytes: bytes(V1), filename })).rejects.toThrow(
      /--items h2\|h3/,
    );

    const preview = await previewDocumentImport({
      ctx,
      slug: project.slug,
      bytes: bytes(V1),
      filename,
      mapping: { items: "h3" },
    });
    expect(preview.counts.create).toBe(2);
    expect(preview.mapping).toEqual({
      source: "chosen",
      mapping: { items: "h3", state: "auto", runbooks: [], skip: [] },
    });
    expect(await prisma.sourceDocument.count({ where: { projectId: project.id } })).toBe(0);

    await applyDocumentImport({
      ctx,
      slug: project.slug,
      bytes: bytes(V1),
      filename,
      mapping: { items: "h3" },
      now: NOW,
    });
    expect(await savedImportMapping(project.id)).toEqual({ items: "h3", state: "auto", runbooks: [], skip: [] });

    // The next version, given without a mapping, is read with the saved one.
    const next = await previewDocumentImport({ ctx, slug: project.slug, bytes: bytes(V2), filename });
    expect(next.mapping.source).toBe("saved");
    expect(next.counts).toMatchObject({ create: 1, unchanged: 2 });
    const applied = await applyDocumentImport({ ctx, slug: project.slug, bytes: bytes(V2), filename, now: NOW });
    expect(applied.counts.create).toBe(1);
    expect(
      (
        await prisma.backlogItem.findMany({
          where: { projectId: project.id },
          select: { title: true },
          orderBy: { sourceLine: "asc" },
        })
      ).map((i) => i.title),
    ).toEqual(["Export the access logs", "Collect the pen-test report", "Screenshot the MFA policy"]);
    expect(await savedImportMapping(project.id)).toEqual({ items: "h3", state: "auto", runbooks: [], skip: [] });
  });

  it("is cleared by an import with mapping none, and a refused import leaves it as it was", async () => {
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const project = await makeProject();
    const ctx = ctxOf(lead);
    const filename = "checks.md";
    const text = "# Checks\n\n## Access\n\n- [ ] review admins\n\n### Break-glass\n\nKeep one account.\n";
    const apply = (mapping: Parameters<typeof applyDocumentImport>[0]["mapping"]) =>
      applyDocumentImport({ ctx, slug: project.slug, bytes: bytes(text), filename, mapping, now: NOW });
    await apply({ items: "h3" });
    // A mapping that finds nothing is refused, and the saved one stays.
    await expect(apply({ items: "h5" })).rejects.toThrow(/mapping chosen for it found nothing/);
    expect(await savedImportMapping(project.id)).toMatchObject({ items: "h3" });
    await apply(null);
    expect(await savedImportMapping(project.id)).toBeNull();
    expect(
      (await previewDocumentImport({ ctx, slug: project.slug, bytes: bytes(text), filename })).mapping.source,
    ).toBe("none");
  });
});
