// The facts readiness is computed from (gathered in SQL by gather-facts.ts) and the result (computed
// by the pure rules in rules.ts). Dates are Date objects; nothing here touches the database.
import type { EvidenceKind, EvidenceOutcome, ExerciseOutcome, ItemStatus } from "@/generated/prisma/enums";

export type ControlState = "not_applicable" | "failing" | "stale" | "passing";
export type RequirementStatus = "met" | "unmet" | "not_applicable" | "group";

/** The newest evidence of one expected kind for one control, as it stood at the moment asked about. */
export interface LatestEvidence {
  evidenceId: string;
  title: string;
  outcome: EvidenceOutcome;
  effectiveAt: Date;
  collectedAt: Date;
  branch: string | null;
}

export interface ExpectationFacts {
  kind: EvidenceKind;
  freshnessDays: number;
  latest: LatestEvidence | null;
}

/** A backlog item of priority BLOCKER linked to the control (open or not: the rule decides). */
export interface BlockerFacts {
  itemId: string;
  key: string | null;
  title: string;
  status: ItemStatus;
  createdAt: Date;
  closedAt: Date | null;
}

export interface RunbookFacts {
  runbookId: string;
  key: string;
  title: string;
  cadenceDays: number | null;
  createdAt: Date;
  archivedAt: Date | null;
  rtoTargetSeconds: number | null;
  rpoTargetSeconds: number | null;
  /** The newest exercise performed by the moment asked about. */
  lastExercise: {
    exerciseId: string;
    performedAt: Date;
    outcome: ExerciseOutcome;
    measuredRtoSeconds: number | null;
    measuredRpoSeconds: number | null;
  } | null;
}

/**
 * A GitHub security alert open at the moment asked about, held against a control that expects
 * evidence of the alert's kind (Dependabot: DEPENDENCY_AUDIT; code and secret scanning: SAST_SCAN),
 * with its remediation deadline from the project's policy (lib/vulnerabilities/deadlines.ts).
 */
export interface AlertFacts {
  alertId: string;
  source: string;
  repo: string;
  number: number;
  alertSeverity: string;
  title: string;
  openedAt: Date;
  deadlineDays: number;
  dueAt: Date;
}

export interface ControlFacts {
  id: string;
  key: string;
  title: string;
  notApplicable: boolean;
  justification: string | null;
  expectations: ExpectationFacts[];
  blockers: BlockerFacts[];
  runbooks: RunbookFacts[];
  /** Open security alerts of the kinds it expects, soonest deadline first (at most 25). */
  alerts?: AlertFacts[];
}

export interface RequirementFacts {
  id: string;
  refId: string;
  title: string;
  parentId: string | null;
  level: string;
  assessable: boolean;
  position: number;
  notApplicableReason: string | null;
  /** Controls mapped directly to this requirement (archived controls already left out). */
  controlIds: string[];
  /**
   * Retired by a newer catalogue version. Only gathered when a current requirement sits beneath it:
   * it keeps that requirement's place in the tree and passes down its controls, its default
   * not-applicable reason and its family; it is never scored itself.
   */
  retired?: boolean;
}

export interface FrameworkFacts {
  id: string;
  key: string;
  name: string;
  requirements: RequirementFacts[];
}

export interface ReadinessFacts {
  at: Date;
  frameworks: FrameworkFacts[];
  controls: ControlFacts[];
}

// ---------------------------------------------------------------------------------------------

/** Why a control is not passing. `severity` decides the state: any failing reason makes it failing. */
export type Reason =
  | {
      type: "evidence-failed";
      severity: "failing";
      kind: EvidenceKind;
      evidenceId: string;
      title: string;
      effectiveAt: Date;
      branch: string | null;
    }
  | {
      type: "evidence-expired";
      severity: "stale";
      kind: EvidenceKind;
      evidenceId: string;
      title: string;
      effectiveAt: Date;
      expiredAt: Date;
    }
  | { type: "evidence-missing"; severity: "stale"; kind: EvidenceKind }
  | { type: "blocker-open"; severity: "failing"; itemId: string; key: string | null; title: string; openedAt: Date }
  | {
      type: "exercise-failed";
      severity: "failing";
      runbookId: string;
      runbookKey: string;
      title: string;
      performedAt: Date;
      outcome: ExerciseOutcome;
    }
  | {
      type: "exercise-missed-target";
      severity: "failing";
      runbookId: string;
      runbookKey: string;
      title: string;
      performedAt: Date;
      measure: "RTO" | "RPO";
      measuredSeconds: number;
      targetSeconds: number;
    }
  | {
      type: "exercise-overdue";
      severity: "stale";
      runbookId: string;
      runbookKey: string;
      title: string;
      dueAt: Date;
      lastPerformedAt: Date | null;
    }
  | ({ type: "alert-overdue"; severity: "failing" } & AlertFacts)
  | { type: "no-proof"; severity: "stale" };

export type ReasonType = Reason["type"];

export interface ExpectationResult {
  kind: EvidenceKind;
  freshnessDays: number;
  latest: (LatestEvidence & { expiresAt: Date }) | null;
}

export interface ControlResult {
  id: string;
  key: string;
  title: string;
  state: ControlState;
  reasons: Reason[];
  /** Passing, but worth a look: the newest evidence of a kind carries warnings. */
  notes: string[];
  justification: string | null;
  expectations: ExpectationResult[];
}

export interface RequirementResult {
  id: string;
  refId: string;
  title: string;
  level: string;
  parentId: string | null;
  depth: number;
  familyId: string | null;
  status: RequirementStatus;
  /**
   * Scored requirements: the controls that decide it (those mapped to any of its ancestors, then its
   * own). Groups: the controls mapped to the group itself (each decides every point beneath it).
   */
  controlIds: string[];
  /** Scored requirements: the deciding controls mapped to an ancestor, each with that ancestor's refId. */
  inherited: Array<{ controlId: string; fromRefId: string }>;
  /** Retired by a newer catalogue version, shown only to keep the current requirements beneath it in place. */
  retired: boolean;
  /** For unmet: the keys of the controls holding it back. */
  blockingControlIds: string[];
  /** For not applicable: why. For unmet with no control: a sentence. */
  note: string | null;
  /** For groups: scored requirements met / applicable beneath. */
  met: number;
  applicable: number;
}

export interface FamilyResult {
  id: string;
  refId: string;
  title: string;
  met: number;
  applicable: number;
  score: number | null;
}

export interface FrameworkResult {
  frameworkId: string;
  key: string;
  name: string;
  met: number;
  applicable: number;
  /** met / applicable, or null when nothing applicable is scored. */
  score: number | null;
  families: FamilyResult[];
  controlCounts: Record<ControlState, number>;
  requirements: RequirementResult[];
}

export interface ReadinessResult {
  at: Date;
  frameworks: FrameworkResult[];
  controls: ControlResult[];
}
