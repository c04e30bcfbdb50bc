import { isObject, pick, text, type JsonValue } from "@/lib/ingest/exact-json";
import { CAPS } from "@/lib/ingest/limits";
import { refuse } from "@/lib/core/http/refusal";
import { parseTime } from "@/lib/ingest/time";
import type { ParsedEvidence } from "@/lib/ingest/types";
import { SEVERITIES, severityOf, vulnerabilityOutcome, worse, type Severity } from "@/lib/ingest/vulnerabilities";

// SBOMs: CycloneDX JSON (1.2 and later) and SPDX 2.x JSON, also wrapped as GitHub's dependency-graph
// export returns it ({"sbom": {...}}). An SBOM passes when it lists something; open vulnerabilities
// (CycloneDX `vulnerabilities` whose analysis does not rule them out) follow the audit rule.

const CLOSED_STATES = new Set(["not_affected", "false_positive", "resolved", "resolved_with_pedigree"]);

function arr(v: unknown): JsonValue[] {
  return Array.isArray(v) ? v : [];
}

function tally(map: Map<string, number>, key: string) {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function top(map: Map<string, number>, n = 20) {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, n)
    .map(([name, count]) => ({ name, count }));
}

export function looksLikeCycloneDx(doc: JsonValue): boolean {
  return isObject(doc) && doc.bomFormat === "CycloneDX";
}

export function spdxDocument(doc: JsonValue): Record<string, JsonValue> | undefined {
  if (!isObject(doc)) return undefined;
  if (typeof doc.spdxVersion === "string") return doc;
  if (isObject(doc.sbom) && typeof doc.sbom.spdxVersion === "string") return doc.sbom;
  return undefined;
}

export function looksLikeSpdx3(doc: JsonValue): boolean {
  return isObject(doc) && /spdx\.org\/rdf\/3/.test(JSON.stringify(doc["@context"] ?? ""));
}

export function parseCycloneDx(doc: JsonValue): ParsedEvidence {
  if (!looksLikeCycloneDx(doc) || !isObject(doc))
    refuse("invalid-content", 'A CycloneDX SBOM has "bomFormat": "CycloneDX".');
  const types = new Map<string, number>();
  const licences = new Map<string, number>();
  let components = 0;
  let withoutLicence = 0;
  // Nested components and services are walked with a stack of lists, not by recursion: however deep
  // a file nests them, the walk cannot overflow the call stack.
  const pending: JsonValue[][] = [arr(doc.components)];
  for (let list = pending.pop(); list; list = pending.pop()) {
    for (const c of list) {
      if (!isObject(c)) continue;
      components++;
      tally(types, text(c.type) ?? "unspecified");
      const ls = arr(c.licenses);
      if (ls.length === 0) withoutLicence++;
      for (const l of ls)
        tally(
          licences,
          text(pick(l, "license.id")) ?? text(pick(l, "license.name")) ?? text(pick(l, "expression")) ?? "unknown",
        );
      const children = arr(c.components);
      if (children.length) pending.push(children);
    }
  }
  let services = 0;
  const pendingServices: JsonValue[][] = [arr(doc.services)];
  for (let list = pendingServices.pop(); list; list = pendingServices.pop()) {
    for (const s of list) {
      services++;
      const children = arr(pick(s, "services"));
      if (children.length) pendingServices.push(children);
    }
  }

  const severities = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const open: Array<{ id: string; severity: Severity; state?: string }> = [];
  const vulns = arr(doc.vulnerabilities);
  for (const v of vulns) {
    const state = text(pick(v, "analysis.state"));
    if (state && CLOSED_STATES.has(state)) continue;
    const ratings = arr(pick(v, "ratings"));
    const severity = ratings.length ? ratings.map((r) => severityOf(pick(r, "severity"))).reduce(worse) : "unknown";
    severities[severity]++;
    if (open.length < CAPS.listItems) open.push({ id: text(pick(v, "id")) ?? "?", severity, state });
  }
  const name = text(pick(doc, "metadata.component.name"));
  const version = text(pick(doc, "metadata.component.version"));
  const empty = components === 0 && services === 0 && vulns.length === 0;
  const judged = open.length || vulns.length ? vulnerabilityOutcome(severities) : null;
  const outcome = empty
    ? { outcome: "WARN" as const, outcomeReason: "The SBOM lists no components, services or vulnerabilities." }
    : judged && judged.outcome !== "PASS"
      ? judged
      : { outcome: "PASS" as const, outcomeReason: passReason(components, services, vulns.length) };
  return {
    kind: "SBOM",
    format: "cyclonedx",
    title: `CycloneDX ${text(doc.specVersion) ?? ""} SBOM${name ? ` of ${name}${version ? ` ${version}` : ""}` : ""}: ${components} component(s)${vulns.length ? `, ${vulns.length} vulnerability statement(s)` : ""}`,
    ...outcome,
    subject: name,
    effectiveAt: parseTime(pick(doc, "metadata.timestamp")),
    summary: {
      standard: "CycloneDX",
      specVersion: text(doc.specVersion) ?? null,
      serialNumber: text(doc.serialNumber) ?? null,
      version: text(doc.version) ?? null,
      name: name ?? null,
      componentVersion: version ?? null,
      components,
      componentTypes: top(types),
      services,
      licences: top(licences),
      withoutLicence,
      dependencies: arr(doc.dependencies).length,
      vulnerabilities: { total: vulns.length, open: Object.values(severities).reduce((a, b) => a + b, 0), severities },
      openVulnerabilities: open,
    },
  };
}

export function parseSpdx(input: JsonValue): ParsedEvidence {
  if (looksLikeSpdx3(input))
    refuse("unsupported-format", "This is SPDX 3 (JSON-LD); only SPDX 2.x JSON is read. Export SPDX 2.3 JSON instead.");
  const doc = spdxDocument(input);
  if (!doc) refuse("invalid-content", 'An SPDX SBOM has "spdxVersion" (or is GitHub\'s export, {"sbom": {...}}).');
  const version = text(doc.spdxVersion) ?? "";
  if (!/^SPDX-2\.\d+$/.test(version))
    refuse("unsupported-format", `SPDX version "${version}" is not read; SPDX 2.x JSON is.`);
  const licences = new Map<string, number>();
  let withoutLicence = 0;
  let purls = 0;
  const packages = arr(doc.packages);
  for (const p of packages) {
    const concluded = text(pick(p, "licenseConcluded"));
    const declared = text(pick(p, "licenseDeclared"));
    const licence = [concluded, declared].find((l) => l && l !== "NOASSERTION" && l !== "NONE");
    if (licence) tally(licences, licence);
    else withoutLicence++;
    if (arr(pick(p, "externalRefs")).some((r) => text(pick(r, "referenceType")) === "purl")) purls++;
  }
  const name = text(doc.name);
  return {
    kind: "SBOM",
    format: "spdx",
    title: `${version} SBOM${name ? ` ${name}` : ""}: ${packages.length} package(s)`,
    outcome: packages.length ? "PASS" : "WARN",
    outcomeReason: packages.length ? `The SBOM lists ${packages.length} package(s).` : "The SBOM lists no packages.",
    subject: name,
    effectiveAt: parseTime(pick(doc, "creationInfo.created")),
    summary: {
      standard: "SPDX",
      specVersion: version,
      wrapped: doc !== input ? "github-dependency-graph" : null,
      name: name ?? null,
      namespace: text(doc.documentNamespace) ?? null,
      creators: arr(pick(doc, "creationInfo.creators"))
        .map((c) => text(c))
        .slice(0, 10),
      components: packages.length,
      withPackageUrl: purls,
      licences: top(licences),
      withoutLicence,
      relationships: arr(doc.relationships).length,
    },
  };
}

function passReason(components: number, services: number, statements: number): string {
  const listed = [components ? `${components} component(s)` : "", services ? `${services} service(s)` : ""]
    .filter(Boolean)
    .join(" and ");
  const vex = statements ? `${statements} vulnerability statement(s), none open at high or critical severity` : "";
  return `The SBOM lists ${[listed, vex].filter(Boolean).join("; ")}.`;
}
