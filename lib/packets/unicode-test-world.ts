// An audit whose people, project and evidence carry names and titles in Polish, Czech, Romanian,
// Greek, Russian, Turkish and Japanese, and one emoji: for the tests that a packet prints them as
// written (packet-unicode.int.test.ts, e2e/packet-unicode.spec.ts). `expected` lists each string as
// the packet's PDF must give it back; the emoji comes back as its documented replacement (text.ts).
import { prisma } from "@/lib/db";
import { makeEvidence } from "@/lib/audits/audit-test-data";
import { makeAuditedProject } from "@/lib/audits/testing/audited-project";

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
  const { lead, auditor, project, audit } = await makeAuditedProject({
    window: UNICODE_WINDOW,
    auditName: UNICODE_TEXT.audit,
    leadName: UNICODE_TEXT.lead,
    auditorName: UNICODE_TEXT.auditor,
    project: {
      name: UNICODE_TEXT.project,
      slug: `${opts.slugPrefix ?? "unicode"}-${Math.random().toString(36).slice(2, 6)}`,
      frameworks: ["soc2"],
    },
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
