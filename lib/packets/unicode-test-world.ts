// An audit whose people, project and evidence carry names and titles in Polish, Czech, Romanian,
// Greek, Russian, Turkish and Japanese, and one emoji: for the tests that a packet prints them as
// written (packet-unicode.int.test.ts, e2e/packet-unicode.spec.ts). `expected` lists each string as
// the packet's PDF must give it back; the emoji comes back as its documented replacement (text.ts).
import { prisma } from "@/lib/db";
import { makeAudit, makeEvidence, makeGrant } from "@/lib/audits/audit-test-data";
import { makeProject, makeUser } from "@/tests/factories";

export const UNICODE_WINDOW = { start: new Date("2026-01-01T00:00:00Z"), end: new Date("2026-06-30T23:59:59.999Z") };

export const UNICODE_TEXT = {
  lead: "Łukasz Wałęsa-Żółkiewska", // Polish
  auditor: "Kateřina Dvořáková", // Czech
  project: "Cercetare științifică Ștefan Țiriac", // Romanian (s and t with comma below)
  audit: "Έλεγχος SOC 2 Ελληνικής ομάδας", // Greek
  evidence: [
    { title: "Журнал аудита доступа", lang: "Russian" },
    { title: "Işık testleri: ılık süt", lang: "Turkish" },
    { title: "監査ログの確認テスト", lang: "Japanese" },
    { title: "Žluťoučký kůň úpěl", lang: "Czech" },
  ],
  emoji: { title: "Release 🚀 ok", printed: "Release [U+1F680] ok" },
} as const;

/** Every string the PDF must extract back exactly (the emoji as its replacement). */
export const UNICODE_EXPECTED: string[] = [
  UNICODE_TEXT.lead,
  UNICODE_TEXT.project,
  UNICODE_TEXT.audit,
  ...UNICODE_TEXT.evidence.map((e) => e.title),
  UNICODE_TEXT.emoji.printed,
];

export async function unicodePacketWorld(opts: { slugPrefix?: string } = {}) {
  const lead = await makeUser({ role: "COMPLIANCE_LEAD", name: UNICODE_TEXT.lead });
  const auditor = await makeUser({ role: "AUDITOR", name: UNICODE_TEXT.auditor });
  const project = await makeProject({
    name: UNICODE_TEXT.project,
    slug: `${opts.slugPrefix ?? "unicode"}-${Math.random().toString(36).slice(2, 6)}`,
    frameworks: ["soc2"],
  });
  const audit = await makeAudit({
    leadId: lead.id,
    projectIds: [project.id],
    windowStart: UNICODE_WINDOW.start,
    windowEnd: UNICODE_WINDOW.end,
    name: UNICODE_TEXT.audit,
  });
  await makeGrant({
    auditId: audit.id,
    userId: auditor.id,
    expiresAt: new Date(Date.now() + 30 * 86_400_000),
    grantedById: lead.id,
  });
  const control = await prisma.control.findFirstOrThrow({ where: { key: "ACC-02" }, select: { id: true } });
  const titles = [...UNICODE_TEXT.evidence.map((e) => e.title), UNICODE_TEXT.emoji.title];
  for (const [i, title] of titles.entries()) {
    await makeEvidence({
      projectId: project.id,
      title,
      effectiveAt: new Date(Date.UTC(2026, 2, 1 + i, 8)),
      controlIds: [control.id],
    });
  }
  return { lead, auditor, project, audit };
}
