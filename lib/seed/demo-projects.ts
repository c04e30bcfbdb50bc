// The four systems our first users described in their readiness documents (../shared/seeds),
// summarised in our own words. `seeds` names the documents that describe each one.
export const DEMO_PROJECTS = [
  {
    slug: "report-ai-portal",
    name: "RePORT AI Portal",
    description:
      "Single-study research assistant that works on participant data under IRB oversight. Runs local-first behind an authenticating reverse proxy, redacts PHI from logs, and answers questions only from reviewed study snapshots.",
    seeds: ["000_8de9be00d0878db6.txt", "001_3f4d6e7c9a34f5a4.txt"],
    frameworks: ["soc2", "gdpr", "irb"],
  },
  {
    slug: "mlsdm-engine",
    name: "MLSDM Engine",
    description:
      "Python inference service with an SDK and a CLI, shipped as signed container images to Kubernetes. Keeps its production gaps as keyed items by block and priority.",
    seeds: ["002_d312acd1df8c3387.txt"],
    frameworks: ["soc2"],
  },
  {
    slug: "datacue",
    name: "DataCue Orchestrator",
    description:
      "FastAPI service that coordinates ingestion, prediction and LLM analysis agents for analysts and ML engineers. Hardening for its first public launch.",
    seeds: ["003_70f65c31b18e50c6.txt"],
    frameworks: ["soc2", "gdpr"],
  },
  {
    slug: "lexecon",
    name: "Lexecon",
    description:
      "AI governance decision engine that records permit, deny and escalate decisions in a ledger. Working through its last readiness phases towards SOC 2 Type II and GDPR.",
    seeds: ["004_c166fc15db0d77a3.txt"],
    frameworks: ["soc2", "gdpr"],
  },
] as const;
