import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { makeEvidence } from "@/lib/audits/audit-test-data";
import { makeAuditedProject } from "@/lib/audits/testing/audited-project";
import { lateForAudits } from "@/lib/audits/backdating";
import { listAuditEvidence } from "@/lib/audits/list-audit-evidence";
import { loadPacketData } from "@/lib/packets/load-packet-data";
import { ctxOf, makeUser } from "@/tests/factories";

const WINDOW = { start: new Date("2026-01-01T00:00:00Z"), end: new Date("2026-06-30T23:59:59.999Z") };
const NOW = new Date();

async function world() {
  const { lead, auditor, project, audit } = await makeAuditedProject({
    window: WINDOW,
    auditName: "H1 audit",
    project: { frameworks: ["soc2"] },
    grantExpiresAt: new Date(NOW.getTime() + 30 * 86_400_000),
  });
  const engineer = await makeUser({ role: "ENGINEER" });
  const stranger = await makeUser({ role: "AUDITOR" });
  // Pushed on 20 July with an effective time of 15 June: dated into the window after it closed.
  const backdated = await makeEvidence({
    projectId: project.id,
    effectiveAt: new Date("2026-06-15T10:00:00Z"),
    title: "Access review (backdated)",
  });
  await prisma.evidence.update({
    where: { id: backdated.id },
    data: { collectedAt: new Date("2026-07-20T09:00:00Z") },
  });
  const onTime = await makeEvidence({
    projectId: project.id,
    effectiveAt: new Date("2026-06-16T10:00:00Z"),
    title: "Access review (on time)",
  });
  return {
    lead,
    engineer,
    auditor,
    stranger,
    project,
    audit,
    backdated: await prisma.evidence.findUniqueOrThrow({ where: { id: backdated.id } }),
    onTime,
  };
}

describe("backdated evidence: collected after the window it is dated into had closed", () => {
  it("is flagged for the audits it is late for, naming the audit only to readers who may see it", async () => {
    const w = await world();
    const late = await lateForAudits({ actor: ctxOf(w.lead).actor, evidence: w.backdated, now: NOW });
    expect(late).toEqual([{ audit: "H1 audit", windowEnd: WINDOW.end }]);
    expect(await lateForAudits({ actor: ctxOf(w.auditor).actor, evidence: w.backdated, now: NOW })).toEqual([
      { audit: "H1 audit", windowEnd: WINDOW.end },
    ]);
    // An engineer may not read audits: told that it is late, not for which audit.
    expect(await lateForAudits({ actor: ctxOf(w.engineer).actor, evidence: w.backdated, now: NOW })).toEqual([
      { audit: null, windowEnd: WINDOW.end },
    ]);
    // An auditor of another audit learns nothing of this one.
    expect(await lateForAudits({ actor: ctxOf(w.stranger).actor, evidence: w.backdated, now: NOW })).toEqual([]);
    expect(await lateForAudits({ actor: ctxOf(w.lead).actor, evidence: w.onTime, now: NOW })).toEqual([]);
  });

  it("is marked in the audit's evidence list, beside its collected time", async () => {
    const w = await world();
    const page = await listAuditEvidence({
      ctx: ctxOf(w.auditor),
      auditId: w.audit.id,
      now: NOW,
      query: { limit: 10 },
    });
    const byTitle = new Map(page.items.map((e) => [e.title, e]));
    expect(byTitle.get("Access review (backdated)")).toMatchObject({
      collectedAt: new Date("2026-07-20T09:00:00Z"),
      collectedAfterWindow: true,
    });
    expect(byTitle.get("Access review (on time)")).toMatchObject({ collectedAfterWindow: false });
  });

  it("is marked in the packet's evidence, with both times", async () => {
    const w = await world();
    const data = await loadPacketData(w.audit.id, w.lead.id);
    const byTitle = new Map(data.evidence.map((e) => [e.title, e]));
    expect(byTitle.get("Access review (backdated)")).toMatchObject({
      effectiveAt: "2026-06-15T10:00:00.000Z",
      collectedAt: "2026-07-20T09:00:00.000Z",
      collectedAfterWindow: true,
    });
    expect(byTitle.get("Access review (on time)")).toMatchObject({ collectedAfterWindow: false });
  });
});
