import { isObject, pick, text, type JsonValue } from "@/lib/ingest/exact-json";
import { refuse } from "@/lib/core/http/refusal";
import { parseTime } from "@/lib/ingest/time";
import type { ParsedEvidence } from "@/lib/ingest/types";
import { PackageCollector, scanEvidence } from "@/lib/ingest/scan-packages";
import { severityOf, type Severity } from "@/lib/ingest/vulnerabilities";

// `grype <target> -o json`: {matches: [{vulnerability: {id, severity, fix: {versions, state}, urls},
// relatedVulnerabilities, matchDetails, artifact: {name, version, type, purl}}], ignoredMatches, source,
// distro, descriptor: {name: "grype", version, timestamp}}. Severities are Unknown, Negligible, Low,
// Medium, High, Critical; Negligible counts as informational. Ignored matches are counted, not scored.

export function looksLikeGrype(doc: JsonValue): boolean {
  return (
    isObject(doc) && Array.isArray(doc.matches) && isObject(doc.descriptor) && text(doc.descriptor.name) === "grype"
  );
}

function grypeSeverity(v: unknown): Severity {
  return typeof v === "string" && v.toLowerCase() === "negligible" ? "info" : severityOf(v);
}

export function parseGrype(doc: JsonValue): ParsedEvidence {
  if (!isObject(doc) || !Array.isArray(doc.matches))
    refuse("invalid-content", "A Grype JSON report has a top-level `matches` array.");
  const collector = new PackageCollector();
  for (const [i, m] of doc.matches.entries()) {
    const id = text(pick(m, "vulnerability.id"));
    const name = text(pick(m, "artifact.name"));
    if (!isObject(m) || !id || !name)
      refuse("invalid-content", `Grype match ${i + 1} has no vulnerability.id or artifact.name.`);
    const fixVersions = pick(m, "vulnerability.fix.versions");
    const urls = pick(m, "vulnerability.urls");
    collector.add(
      {
        name,
        version: text(pick(m, "artifact.version")),
        fixVersions: Array.isArray(fixVersions) ? fixVersions.map((x) => text(x) ?? "") : [],
      },
      {
        id,
        url: text(pick(m, "vulnerability.dataSource")) ?? (Array.isArray(urls) ? text(urls[0]) : undefined),
        severity: grypeSeverity(pick(m, "vulnerability.severity")),
      },
    );
  }
  const target = text(pick(doc, "source.target.userInput")) ?? text(pick(doc, "source.target")) ?? "(unnamed)";
  const sourceType = text(pick(doc, "source.type")) ?? "unknown";
  return scanEvidence({
    format: "grype",
    tool: `Grype ${sourceType} ${target}`,
    collector,
    effectiveAt: parseTime(pick(doc, "descriptor.timestamp")),
    extra: {
      scanner: "Grype",
      scannerVersion: text(pick(doc, "descriptor.version")) ?? null,
      target,
      sourceType,
      distro: [text(pick(doc, "distro.name")), text(pick(doc, "distro.version"))].filter(Boolean).join(" ") || null,
      matches: doc.matches.length,
      ignoredMatches: Array.isArray(doc.ignoredMatches) ? doc.ignoredMatches.length : 0,
    },
  });
}
