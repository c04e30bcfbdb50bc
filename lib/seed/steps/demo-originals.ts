// Demo data: originals for the demo's test reports and SBOMs. The readiness history (readiness-history.ts)
// records 90 days of evidence as rows only; here the test reports and SBOMs of the last 45 days get
// the file CI would have pushed (a JUnit report, a CycloneDX SBOM), stored in the blob store by sha256,
// so that the evidence pages offer a download and the demo audit's packet carries originals to verify.
// Each file says what its row says: a passing report passes, a failing one has a failing test.
import { prisma } from "@/lib/db";
import type { RequestCtx } from "@/lib/auth/actor";
import { putBytes } from "@/lib/core/storage/blob-store";
import type { SeedStep } from "@/lib/seed/step";
import { DAY_MS } from "@/lib/core/time";

const WINDOW_DAYS = 45;

const xml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A small pytest-style JUnit report for one run of a project's suite. */
export function demoJunit(opts: { project: string; control: string; at: Date; failing: boolean }): string {
  const suite = `${opts.project}.${opts.control.toLowerCase().replace(/[^a-z0-9]+/g, "_")}`;
  const cases = ["test_happy_path", "test_rejects_bad_input", "test_audit_event_written", "test_permissions_enforced"];
  const body = cases
    .map((name, i) => {
      const fail = opts.failing && i === cases.length - 1;
      const inner = fail
        ? `\n      <failure message="assert 403 == 200">AssertionError: expected 403 for a read-only role, got 200</failure>\n    `
        : "";
      return `    <testcase classname="${xml(suite)}" name="${name}" time="0.${(i + 1) * 7}"${inner ? `>${inner}</testcase>` : " />"}`;
    })
    .join("\n");
  return `<?xml version="1.0" encoding="utf-8"?>
<testsuites name="pytest tests">
  <testsuite name="${xml(suite)}" tests="${cases.length}" failures="${opts.failing ? 1 : 0}" errors="0" skipped="0" time="2.1" timestamp="${opts.at.toISOString().slice(0, 19)}" hostname="ci-runner">
${body}
  </testsuite>
</testsuites>
`;
}

/** A CycloneDX 1.5 SBOM of a small Python service. */
export function demoCycloneDx(opts: { project: string; at: Date; serial: string }): string {
  const components = [
    ["fastapi", "0.115.6", "MIT"],
    ["pydantic", "2.10.4", "MIT"],
    ["sqlalchemy", "2.0.36", "MIT"],
    ["psycopg", "3.2.3", "LGPL-3.0-only"],
    ["uvicorn", "0.34.0", "BSD-3-Clause"],
  ];
  return `${JSON.stringify(
    {
      bomFormat: "CycloneDX",
      specVersion: "1.5",
      serialNumber: `urn:uuid:${opts.serial}`,
      version: 1,
      metadata: {
        timestamp: opts.at.toISOString(),
        component: { type: "application", name: opts.project, version: opts.at.toISOString().slice(0, 10) },
      },
      components: components.map(([name, version, license]) => ({
        type: "library",
        name,
        version,
        purl: `pkg:pypi/${name}@${version}`,
        licenses: [{ license: { id: license } }],
      })),
    },
    null,
    2,
  )}\n`;
}

/** A stable UUID-shaped serial from the evidence id (the demo stays the same from run to run). */
function serialOf(id: string): string {
  const hex = Buffer.from(id).toString("hex").padEnd(32, "0").slice(0, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export const seedDemoOriginals: SeedStep = {
  name: "evidence originals",
  async run(_ctx: RequestCtx) {
    const since = new Date(Date.now() - WINDOW_DAYS * DAY_MS);
    const rows = await prisma.evidence.findMany({
      where: {
        id: { startsWith: "demo" },
        sha256: null,
        kind: { in: ["TEST_REPORT", "SBOM"] },
        effectiveAt: { gte: since },
      },
      select: {
        id: true,
        kind: true,
        outcome: true,
        effectiveAt: true,
        project: { select: { slug: true } },
        controls: { select: { control: { select: { key: true } } }, take: 1 },
      },
    });
    const stored: Array<{ id: string; sha256: string; size: number; name: string }> = [];
    for (const e of rows) {
      const at = e.effectiveAt;
      const text =
        e.kind === "TEST_REPORT"
          ? demoJunit({
              project: e.project.slug,
              control: e.controls[0]?.control.key ?? "suite",
              at,
              failing: e.outcome === "FAIL",
            })
          : demoCycloneDx({ project: e.project.slug, at, serial: serialOf(e.id) });
      const { sha256, size } = await putBytes(Buffer.from(text));
      const name =
        e.kind === "TEST_REPORT"
          ? `junit-${at.toISOString().slice(0, 10)}.xml`
          : `sbom-${at.toISOString().slice(0, 10)}.cdx.json`;
      stored.push({ id: e.id, sha256, size, name });
    }
    if (!stored.length) return;
    // One statement for every row, rather than an update each.
    await prisma.$executeRaw`
      UPDATE "Evidence" AS e SET sha256 = u.sha256, "byteSize" = u.size, "originalName" = u.name
      FROM unnest(${stored.map((r) => r.id)}::text[], ${stored.map((r) => r.sha256)}::text[], ${stored.map((r) => r.size)}::bigint[], ${stored.map((r) => r.name)}::text[])
        AS u(id, sha256, size, name)
      WHERE e.id = u.id`;
  },
};
