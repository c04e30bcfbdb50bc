import { isObject, pick, text, type JsonValue } from "@/lib/ingest/exact-json";
import { refuse } from "@/lib/core/http/refusal";
import { parseTime } from "@/lib/ingest/time";
import type { ParsedEvidence } from "@/lib/ingest/types";
import { FindingTally } from "@/lib/ingest/scan-findings";
import { PackageCollector, scanEvidence } from "@/lib/ingest/scan-packages";
import { severityOf } from "@/lib/ingest/vulnerabilities";

// `trivy image|fs|repo --format json` (report schema 2): {SchemaVersion, CreatedAt, ArtifactName,
// ArtifactType, Metadata, Results: [{Target, Class, Type, Vulnerabilities, Secrets, Misconfigurations}]}.
// Vulnerabilities go by package; secrets and failed misconfiguration checks are counted beside them.
// Severities are UNKNOWN, LOW, MEDIUM, HIGH, CRITICAL.

const ARTIFACT_LABELS: Record<string, string> = {
  container_image: "image",
  filesystem: "filesystem",
  repository: "repository",
  vm: "VM image",
  cyclonedx: "SBOM",
  spdx: "SBOM",
};

export function looksLikeTrivy(doc: JsonValue): boolean {
  return isObject(doc) && typeof doc.SchemaVersion === "number" && ("ArtifactName" in doc || "ArtifactType" in doc);
}

export function parseTrivy(doc: JsonValue): ParsedEvidence {
  if (!isObject(doc) || typeof doc.SchemaVersion !== "number")
    refuse("invalid-content", "A Trivy JSON report is an object with a numeric `SchemaVersion`.");
  if (doc.SchemaVersion !== 2)
    refuse(
      "unsupported-format",
      `Trivy report schema ${doc.SchemaVersion} is not known; schema 2 (Trivy 0.20 and later) is.`,
    );
  if (doc.Results !== undefined && !Array.isArray(doc.Results))
    refuse("invalid-content", "A Trivy report's `Results` must be an array of targets.");
  const results = Array.isArray(doc.Results) ? doc.Results : [];
  const collector = new PackageCollector();
  const other = new FindingTally();
  const targets: Array<{ target: string; class?: string; type?: string; vulnerabilities: number }> = [];
  let secrets = 0;
  let misconfigurations = 0;
  for (const [i, r] of results.entries()) {
    if (!isObject(r)) refuse("invalid-content", `Trivy result ${i + 1} is not an object.`);
    const target = text(r.Target) ?? "(no target)";
    const vulns = r.Vulnerabilities ?? [];
    if (!Array.isArray(vulns))
      refuse("invalid-content", `Trivy result "${target}": \`Vulnerabilities\` is not an array.`);
    for (const v of vulns) {
      if (!isObject(v) || typeof v.VulnerabilityID !== "string" || typeof v.PkgName !== "string") {
        refuse(
          "invalid-content",
          `Trivy result "${target}" has a vulnerability without a VulnerabilityID and PkgName.`,
        );
      }
      const fixed = text(v.FixedVersion);
      collector.add(
        { name: v.PkgName, version: text(v.InstalledVersion), fixVersions: fixed ? fixed.split(/,\s*/) : [] },
        { id: v.VulnerabilityID, title: text(v.Title), url: text(v.PrimaryURL), severity: severityOf(v.Severity) },
      );
    }
    for (const s of Array.isArray(r.Secrets) ? r.Secrets : []) {
      if (!isObject(s)) continue;
      secrets++;
      other.add({
        ruleId: text(s.RuleID) ?? "secret",
        severity: severityOf(s.Severity),
        title: text(s.Title),
        location: `${target}:${text(s.StartLine) ?? "?"}`,
      });
    }
    for (const m of Array.isArray(r.Misconfigurations) ? r.Misconfigurations : []) {
      if (!isObject(m) || (m.Status !== undefined && m.Status !== "FAIL")) continue;
      misconfigurations++;
      other.add({
        ruleId: text(m.AVDID) ?? text(m.ID) ?? "misconfiguration",
        severity: severityOf(m.Severity),
        title: text(m.Title),
        location: target,
      });
    }
    if (targets.length < 50)
      targets.push({ target, class: text(r.Class), type: text(r.Type), vulnerabilities: vulns.length });
  }
  const artifactType = text(doc.ArtifactType) ?? "unknown";
  const artifact = text(doc.ArtifactName) ?? "(unnamed)";
  return scanEvidence({
    format: "trivy",
    tool: `Trivy ${ARTIFACT_LABELS[artifactType] ?? artifactType} ${artifact}`,
    collector,
    other,
    effectiveAt: parseTime(doc.CreatedAt),
    extra: {
      scanner: "Trivy",
      artifactName: artifact,
      artifactType,
      os:
        [text(pick(doc, "Metadata.OS.Family")), text(pick(doc, "Metadata.OS.Name"))].filter(Boolean).join(" ") || null,
      imageId: text(pick(doc, "Metadata.ImageID")) ?? null,
      targets,
      secrets,
      misconfigurations,
    },
  });
}
