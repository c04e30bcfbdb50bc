// The demo story's evidence over the last 90 days, planned as plain rows (pure; the seed step writes
// them in bulk). Four projects, four stories:
//   lexecon           improves steadily: its controls get evidence one after another over the period;
//   mlsdm-engine      regresses after a failed release gate 5 days ago (the dependency audit found a
//                     critical vulnerability; the gate and the tests behind it fail on main since);
//   report-ai-portal  steady, but its quarterly restore drill is overdue (last one 110 days ago);
//   datacue           steady, but an open blocker fails an access control behind SOC 2 CC6.1.
import type { EvidenceKind, EvidenceOutcome } from "@/generated/prisma/enums";
import { prng } from "@/lib/readiness/prng";
import { DAY_MS } from "@/lib/core/time";

export type DemoStory = "improving" | "regressing" | "drill-overdue" | "blocker";

export const DEMO_STORIES: Record<string, DemoStory> = {
  lexecon: "improving",
  "mlsdm-engine": "regressing",
  "report-ai-portal": "drill-overdue",
  datacue: "blocker",
};

export interface DemoTarget {
  controlKey: string;
  controlTitle: string;
  kind: EvidenceKind;
  freshnessDays: number;
}

export interface DemoEvidence {
  controlKey: string;
  kind: EvidenceKind;
  title: string;
  outcome: EvidenceOutcome;
  effectiveAt: Date;
  dedupeKey: string;
  workflow: string | null;
}

/** When the release gate started failing, and the restore drill was last run (days before now). */
export const GATE_FAILED_DAYS_AGO = 5;
export const LAST_DRILL_DAYS_AGO = 110;
/** Controls whose CI evidence comes from the release gate, and controls fed by the dependency audit. */
const GATE_CONTROLS = new Set(["CHG-03", "CHG-04"]);
const AUDIT_CONTROLS = new Set(["SDL-02", "SDL-06"]);

/** How many of a story's control x kind pairs never get evidence in the demo. */
const MISSING: Record<DemoStory, number> = { improving: 0.12, regressing: 0.02, "drill-overdue": 0.05, blocker: 0.04 };
const BLIPS = new Set<DemoStory>(["improving", "blocker"]);
const CHECKS = new Set<EvidenceKind>(["CI_RUN", "TEST_REPORT", "SAST_SCAN", "DEPENDENCY_AUDIT"]);

const TITLES: Partial<Record<EvidenceKind, string>> = {
  TEST_REPORT: "pytest report",
  SAST_SCAN: "semgrep scan",
  DEPENDENCY_AUDIT: "pip-audit",
  SBOM: "CycloneDX SBOM",
  DEPLOYMENT: "production deploy",
  PULL_REQUEST: "merged pull requests",
  AUDIT_LOG: "audit log export",
  RESTORE_DRILL: "restore drill report",
  BACKUP: "nightly backup",
  VENDOR_REPORT: "cloud provider SOC 2 Type II report",
};

function titleOf(t: DemoTarget): { title: string; workflow: string | null } {
  if (t.kind === "CI_RUN") {
    const workflow =
      t.controlKey === "CHG-04"
        ? "release-gate"
        : t.controlKey === "SDL-07"
          ? "secret-scan"
          : t.controlKey === "SDL-05"
            ? "sign-and-verify"
            : "ci";
    return { title: workflow, workflow };
  }
  if (t.kind === "MANUAL_FILE") return { title: `${t.controlTitle} (document)`, workflow: null };
  if (t.kind === "LINK") return { title: `${t.controlTitle} (page)`, workflow: null };
  return { title: TITLES[t.kind] ?? t.kind.toLowerCase(), workflow: null };
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Evidence rows for one project's story, deterministic for the same project, targets and day. */
export function planDemoEvidence(slug: string, story: DemoStory, targets: DemoTarget[], now: Date): DemoEvidence[] {
  const out: DemoEvidence[] = [];
  for (const t of [...targets].sort((a, b) => `${a.controlKey}/${a.kind}`.localeCompare(`${b.controlKey}/${b.kind}`))) {
    const rnd = prng(hash(`${slug}/${t.controlKey}/${t.kind}`));
    const u = rnd();
    // Where this target's evidence starts (days before now); null = never collected in the demo.
    const inStory = story === "regressing" && (GATE_CONTROLS.has(t.controlKey) || AUDIT_CONTROLS.has(t.controlKey));
    const missing = inStory ? 0 : MISSING[story];
    const start =
      u < missing
        ? null
        : story === "improving"
          ? Math.round(88 - ((u - missing) / (1 - missing)) * 85)
          : 90 + t.freshnessDays;
    const step = Math.max(1, Math.floor(t.freshnessDays / 2));
    const agos: number[] = [];
    if (story === "drill-overdue" && t.kind === "RESTORE_DRILL") agos.push(200, LAST_DRILL_DAYS_AGO);
    else if (start !== null) for (let ago = start; ago >= 0; ago -= step) agos.push(ago);
    const { title, workflow } = titleOf(t);
    agos.forEach((ago, n) => {
      const afterGate = inStory && ago <= GATE_FAILED_DAYS_AGO;
      // No deployment gets through a failing gate; the gate's own checks fail on every run.
      if (afterGate && t.kind === "DEPLOYMENT") return;
      const gateBroken = afterGate;
      // Now and then a check fails and the next run (before yesterday ends) fixes it.
      const blip = BLIPS.has(story) && CHECKS.has(t.kind) && ago - step >= 1 && rnd() < 0.04;
      const effectiveAt = new Date(now.getTime() - ago * DAY_MS - Math.floor(rnd() * 6) * 3_600_000 - 3_600_000);
      out.push({
        controlKey: t.controlKey,
        kind: t.kind,
        title,
        outcome: gateBroken || blip ? "FAIL" : t.kind === "MANUAL_FILE" || t.kind === "LINK" ? "INFO" : "PASS",
        effectiveAt,
        dedupeKey: `demo-readiness:${t.controlKey}:${t.kind}:${n}`,
        workflow,
      });
    });
  }
  return out;
}
