// Everything a packet shows, loaded once by the build (load-packet-data.ts) as plain data: dates are
// ISO strings, so the structure can be handed to a renderer in another thread or process as is.

export interface PacketEvidence {
  id: string;
  project: string;
  title: string;
  kind: string;
  format: string;
  outcome: string;
  effectiveAt: string;
  /** When Proofline received it; the effective time is whatever the pusher said. */
  collectedAt: string;
  /** Dated into the window but collected after it closed: backdated. */
  collectedAfterWindow: boolean;
  expiresAt: string | null;
  sha256: string | null;
  byteSize: number | null;
  originalName: string | null;
  controlKeys: string[];
}

export interface PacketControlProject {
  project: string;
  state: string;
  justification: string | null;
  reasons: string[];
}

export interface PacketControl {
  id: string;
  key: string;
  title: string;
  description: string;
  owner: string | null;
  frequency: string;
  requirements: string[];
  projects: PacketControlProject[];
  evidenceIds: string[];
}

export interface PacketReadiness {
  project: string;
  projectName: string;
  assessed: boolean;
  score: number | null;
  met: number;
  applicable: number;
  controlCounts: Record<string, number>;
  families: Array<{ refId: string; title: string; met: number; applicable: number; score: number | null }>;
}

export interface PacketRequest {
  id: string;
  title: string;
  detail: string;
  status: string;
  target: string;
  owner: string | null;
  dueAt: string | null;
  raisedAt: string;
  evidence: Array<{ title: string; sha256: string | null }>;
  comments: Array<{ author: string; kind: string; body: string; at: string }>;
}

export interface PacketPopulation {
  id: string;
  kind: string;
  label: string;
  definition: string;
  control: string | null;
  size: number;
  digest: string;
  createdAt: string;
  /** Kept with the population in the ZIP (csv/population-<id>.csv); not part of the PDF. */
  definitionJson: unknown;
  samples: Array<{
    id: string;
    seed: string;
    size: number;
    populationSize: number;
    createdAt: string;
    members: Array<{ key: string; line: string }>;
  }>;
}

export interface PacketData {
  audit: {
    id: string;
    name: string;
    framework: { key: string; name: string; version: string };
    type: "TYPE_I" | "TYPE_II";
    windowStart: string;
    windowEnd: string;
    status: string;
    lead: string;
    projects: Array<{ id: string; slug: string; name: string }>;
  };
  requestedBy: { name: string; email: string };
  /** The latest in-scope change: the packet's "generated at", and every timestamp in its files. */
  dataAsOf: string;
  readiness: PacketReadiness[];
  requirements: Array<{ refId: string; title: string; controlKeys: string[] }>;
  controls: PacketControl[];
  evidence: PacketEvidence[];
  exceptions: {
    failing: Array<{
      project: string;
      title: string;
      kind: string;
      outcome: string;
      effectiveAt: string;
      controls: string;
    }>;
    stale: Array<{ project: string; control: string; reason: string }>;
    notApplicable: Array<{ project: string; control: string; title: string; justification: string }>;
  };
  backlog: Array<{
    project: string;
    key: string | null;
    title: string;
    priority: string | null;
    status: string;
    controls: string;
  }>;
  exercises: Array<{
    project: string;
    runbook: string;
    title: string;
    performedAt: string;
    outcome: string;
    rto: number | null;
    rtoTarget: number | null;
    rpo: number | null;
    rpoTarget: number | null;
  }>;
  requests: PacketRequest[];
  populations: PacketPopulation[];
  activity: {
    events: Array<{ at: string; actor: string; action: string; entity: string; summary: string }>;
    total: number;
  };
}
