// The four demo systems. `documents` names the readiness documents (lib/seed/documents, written for the
// demo in the shapes teams send: a bulleted backlog, a flattened reStructuredText guide, a keyed gap
// list, a hardening checklist, a phased plan) that `npm start` imports into each one.
export const DEMO_PROJECTS = [
  {
    slug: "report-ai-portal",
    name: "RePORT AI Portal",
    description:
      "Single-study research assistant that works on participant data under IRB oversight. Runs local-first behind an authenticating reverse proxy, redacts PHI from logs, and answers questions only from reviewed study snapshots.",
    documents: ["portal-hardening-backlog.txt", "portal-operations-guide.txt"],
    frameworks: ["soc2", "gdpr", "irb"],
  },
  {
    slug: "mlsdm-engine",
    name: "MLSDM Engine",
    description:
      "Python inference service with an SDK and a CLI, shipped as signed container images to Kubernetes. Keeps its production gaps as keyed items by block and priority.",
    documents: ["engine-production-gaps.md"],
    frameworks: ["soc2"],
  },
  {
    slug: "datacue",
    name: "DataCue Orchestrator",
    description:
      "FastAPI service that coordinates ingestion, prediction and LLM analysis agents for analysts and ML engineers. Hardening for its first public launch.",
    documents: ["orchestrator-launch-checklist.md"],
    frameworks: ["soc2", "gdpr"],
  },
  {
    slug: "lexecon",
    name: "Lexecon",
    description:
      "AI governance decision engine that records permit, deny and escalate decisions in a ledger. Working through its last readiness phases towards SOC 2 Type II and GDPR.",
    documents: ["ledger-readiness-plan.txt"],
    frameworks: ["soc2", "gdpr"],
  },
] as const;
