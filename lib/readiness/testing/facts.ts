// Builders for readiness facts in unit tests and the worked example (no database).
import type {
  BlockerFacts,
  ControlFacts,
  ExpectationFacts,
  FrameworkFacts,
  LatestEvidence,
  RequirementFacts,
  RunbookFacts,
} from "@/lib/readiness/types";

export const T0 = new Date("2026-10-20T12:00:00.000Z");

export function daysBefore(at: Date, days: number): Date {
  return new Date(at.getTime() - days * 86_400_000);
}

export function evidence(
  over: Partial<LatestEvidence> & Pick<LatestEvidence, "outcome" | "effectiveAt">,
): LatestEvidence {
  return {
    evidenceId: `ev-${over.effectiveAt.getTime()}`,
    title: "ci",
    collectedAt: over.effectiveAt,
    branch: null,
    ...over,
  };
}

export function expect_(
  kind: ExpectationFacts["kind"],
  freshnessDays: number,
  latest: LatestEvidence | null = null,
): ExpectationFacts {
  return { kind, freshnessDays, latest };
}

export function control(key: string, over: Partial<ControlFacts> = {}): ControlFacts {
  return {
    id: key,
    key,
    title: `Control ${key}`,
    notApplicable: false,
    justification: null,
    expectations: [],
    blockers: [],
    runbooks: [],
    ...over,
  };
}

export function blocker(over: Partial<BlockerFacts> = {}): BlockerFacts {
  return {
    itemId: "item-1",
    key: "REL-001",
    title: "Sign release images",
    status: "OPEN",
    createdAt: daysBefore(T0, 30),
    closedAt: null,
    ...over,
  };
}

export function runbook(over: Partial<RunbookFacts> = {}): RunbookFacts {
  return {
    runbookId: "rb-1",
    key: "restore",
    title: "Restore drill",
    cadenceDays: 90,
    createdAt: daysBefore(T0, 400),
    archivedAt: null,
    rtoTargetSeconds: null,
    rpoTargetSeconds: null,
    lastExercise: null,
    ...over,
  };
}

export function requirement(refId: string, over: Partial<RequirementFacts> = {}): RequirementFacts {
  return {
    id: refId,
    refId,
    title: `Requirement ${refId}`,
    parentId: null,
    level: "requirement",
    assessable: true,
    position: 0,
    notApplicableReason: null,
    controlIds: [],
    ...over,
  };
}

export function framework(requirements: RequirementFacts[], key = "soc2"): FrameworkFacts {
  return { id: `fw-${key}`, key, name: key.toUpperCase(), requirements };
}
