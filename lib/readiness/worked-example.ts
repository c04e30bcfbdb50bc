// The worked example of docs/readiness.md and the /readiness/how page: hand-written facts, scored by
// the real rules (so the page can never drift from the code). A unit test pins its figures.
import type { ControlFacts, FrameworkFacts, ReadinessFacts, RequirementFacts } from "@/lib/readiness/types";

export const EXAMPLE_AT = new Date("2026-10-20T12:00:00.000Z");
const d = (iso: string) => new Date(`${iso}T09:00:00.000Z`);

function req(
  refId: string,
  title: string,
  parentId: string | null,
  position: number,
  extra: Partial<RequirementFacts> = {},
): RequirementFacts {
  return {
    id: refId,
    refId,
    title,
    parentId,
    level: parentId ? "requirement" : "family",
    assessable: !!parentId,
    position,
    notApplicableReason: null,
    controlIds: [],
    ...extra,
  };
}

// Keys, titles and mappings are the starter library's (prisma/catalogues/starter-controls.json).
const framework: FrameworkFacts = {
  id: "example",
  key: "soc2",
  name: "SOC 2 (excerpt)",
  requirements: [
    req("CC6", "Logical and physical access", null, 1),
    req("CC6.1", "Access is restricted and logged", "CC6", 1, { controlIds: ["ACC-01"] }),
    req("CC6.4", "Physical access (carved out to the cloud provider)", "CC6", 2, { controlIds: ["VND-05"] }),
    req("CC7", "System operations", null, 2),
    req("CC7.1", "Vulnerabilities and configuration changes are detected", "CC7", 1, { controlIds: ["SDL-01"] }),
    req("CC8", "Change management", null, 3),
    req("CC8.1", "Changes are authorised, tested and approved", "CC8", 1, { controlIds: ["CHG-01", "CHG-04"] }),
    req("A1", "Availability", null, 4),
    req("A1.2", "Environmental protections, backups and recovery infrastructure", "A1", 1, { controlIds: ["BCK-01"] }),
    req("A1.3", "Recovery is tested", "A1", 2, { controlIds: ["BCK-02"] }),
  ],
};

const ev = (id: string, title: string, outcome: "PASS" | "FAIL", day: string, branch: string | null = null) => ({
  evidenceId: id,
  title,
  outcome,
  effectiveAt: d(day),
  collectedAt: d(day),
  branch,
});

const controls: ControlFacts[] = [
  {
    id: "ACC-01",
    key: "ACC-01",
    title: "Multi-factor authentication everywhere",
    notApplicable: false,
    justification: null,
    blockers: [],
    runbooks: [],
    expectations: [
      { kind: "AUDIT_LOG", freshnessDays: 30, latest: ev("e1", "gateway access log", "PASS", "2026-10-12") },
    ],
  },
  {
    id: "VND-05",
    key: "VND-05",
    title: "Subservice organisations' assurance reports reviewed",
    notApplicable: false,
    justification: null,
    blockers: [],
    runbooks: [],
    // The cloud provider's SOC 2 Type II report for 1 Jul 2025 to 30 Jun 2026: effective at the period's end.
    expectations: [
      {
        kind: "VENDOR_REPORT",
        freshnessDays: 455,
        latest: ev("e6", "cloud provider SOC 2 Type II report", "PASS", "2026-06-30"),
      },
    ],
  },
  {
    id: "SDL-01",
    key: "SDL-01",
    title: "Static analysis on every pull request",
    notApplicable: false,
    justification: null,
    blockers: [],
    runbooks: [],
    expectations: [{ kind: "SAST_SCAN", freshnessDays: 14, latest: ev("e2", "semgrep", "PASS", "2026-09-01") }],
  },
  {
    id: "CHG-01",
    key: "CHG-01",
    title: "Every change reviewed in a pull request",
    notApplicable: false,
    justification: null,
    expectations: [{ kind: "PULL_REQUEST", freshnessDays: 30, latest: ev("e4", "PR #412", "PASS", "2026-10-15") }],
    blockers: [
      {
        itemId: "i1",
        key: "REL-004",
        title: "Sign release images",
        status: "OPEN",
        createdAt: d("2026-10-02"),
        closedAt: null,
      },
    ],
    runbooks: [],
  },
  {
    id: "CHG-04",
    key: "CHG-04",
    title: "Release gate before tagging or deploying",
    notApplicable: false,
    justification: null,
    blockers: [],
    runbooks: [],
    expectations: [
      { kind: "CI_RUN", freshnessDays: 30, latest: ev("e3", "release-check", "FAIL", "2026-10-18", "main") },
    ],
  },
  {
    id: "BCK-01",
    key: "BCK-01",
    title: "Daily encrypted backups",
    notApplicable: false,
    justification: null,
    blockers: [],
    runbooks: [],
    expectations: [{ kind: "BACKUP", freshnessDays: 2, latest: ev("e5", "nightly backup", "PASS", "2026-10-19") }],
  },
  {
    id: "BCK-02",
    key: "BCK-02",
    title: "Quarterly restore drill",
    notApplicable: false,
    justification: null,
    expectations: [],
    blockers: [],
    runbooks: [
      {
        runbookId: "r1",
        key: "restore",
        title: "Restore drill",
        cadenceDays: 90,
        createdAt: d("2026-01-10"),
        archivedAt: null,
        rtoTargetSeconds: 3600,
        rpoTargetSeconds: null,
        lastExercise: {
          exerciseId: "x1",
          performedAt: d("2026-07-03"),
          outcome: "PASS",
          measuredRtoSeconds: 2700,
          measuredRpoSeconds: null,
        },
      },
    ],
  },
];

export const EXAMPLE_FACTS: ReadinessFacts = { at: EXAMPLE_AT, frameworks: [framework], controls };
