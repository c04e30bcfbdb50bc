import { isObject, text, type JsonValue } from "@/lib/ingest/exact-json";
import { refuse } from "@/lib/core/http/refusal";
import type { ParsedEvidence } from "@/lib/ingest/types";
import { auditEvidence, type VulnerablePackage } from "@/lib/ingest/vulnerabilities";

// `pip-audit -f json`: {"dependencies": [{name, version, vulns: [{id, fix_versions, aliases, description}]}
// or {name, skip_reason}], "fixes": [...]}; older releases wrote the dependency array alone.
// pip-audit reports no severity, so each vulnerable package counts as unrated (which fails).

function dependencyList(doc: JsonValue): JsonValue[] | undefined {
  if (Array.isArray(doc)) return doc;
  if (isObject(doc) && Array.isArray(doc.dependencies)) return doc.dependencies;
  return undefined;
}

export function looksLikePipAudit(doc: JsonValue): boolean {
  const deps = dependencyList(doc);
  if (!deps) return false;
  if (isObject(doc) && !("fixes" in doc) && Object.keys(doc).length > 1) return false;
  return deps.length === 0
    ? isObject(doc) && "fixes" in doc
    : deps.every((d) => isObject(d) && typeof d.name === "string" && ("vulns" in d || "skip_reason" in d));
}

export function parsePipAudit(doc: JsonValue): ParsedEvidence {
  const deps = dependencyList(doc);
  if (!deps) refuse("invalid-content", "A pip-audit report has a `dependencies` array.");
  const packages: VulnerablePackage[] = [];
  let skipped = 0;
  for (const d of deps) {
    if (!isObject(d)) continue;
    if (d.skip_reason !== undefined) {
      skipped++;
      continue;
    }
    const vulns = Array.isArray(d.vulns) ? d.vulns.filter(isObject) : [];
    if (vulns.length === 0) continue;
    const fixVersions = [
      ...new Set(
        vulns
          .flatMap((v) => (Array.isArray(v.fix_versions) ? v.fix_versions.map((x) => text(x) ?? "") : []))
          .filter(Boolean),
      ),
    ];
    packages.push({
      name: text(d.name) ?? "(unknown)",
      version: text(d.version),
      severity: "unknown",
      fixAvailable: fixVersions.length > 0,
      fixVersions,
      advisories: vulns.map((v) => ({
        id: text(v.id) ?? "?",
        title: [text(v.id), ...(Array.isArray(v.aliases) ? v.aliases.map((a) => text(a) ?? "") : [])]
          .filter(Boolean)
          .join(", "),
        severity: "unknown" as const,
      })),
    });
  }
  return auditEvidence({
    format: "pip-audit",
    tool: "pip-audit",
    packages,
    dependencies: deps.length,
    extra: { skippedDependencies: skipped },
  });
}
