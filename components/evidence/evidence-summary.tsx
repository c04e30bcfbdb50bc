import { OutcomeBadge } from "@/components/evidence/outcome-badge";
import {
  CountTable,
  Omitted,
  Section,
  Stats,
  num,
  safeHref,
  str,
  type Summary,
} from "@/components/evidence/summary-parts";
import { DataTable } from "@/components/ui/data-table";
import { KeyValues } from "@/components/ui/key-values";

// The parsed summary of one evidence, by kind: failing tests, findings, vulnerable packages, SBOM
// contents, audit-log populations, drill timings. Anything else is shown as its facts.

type Row = Record<string, unknown>;
const list = (v: unknown) => (Array.isArray(v) ? (v as Row[]) : []);

export function EvidenceSummary({ kind, summary }: { kind: string; summary: Summary }) {
  switch (kind) {
    case "TEST_REPORT":
      return <Tests s={summary} />;
    case "SAST_SCAN":
      return <Scan s={summary} />;
    case "DEPENDENCY_AUDIT":
      return <Audit s={summary} />;
    case "SBOM":
      return <Sbom s={summary} />;
    case "AUDIT_LOG":
      return <AuditLog s={summary} />;
    case "RESTORE_DRILL":
      return <Drill s={summary} />;
    default:
      return <Facts s={summary} />;
  }
}

function Tests({ s }: { s: Summary }) {
  const failures = list(s.failures);
  return (
    <div className="stack">
      <Stats
        items={[
          ["Tests", s.tests],
          ["Passed", s.passed],
          ["Failed", s.failed],
          ["Errors", s.errored],
          ["Skipped", s.skipped],
          ["Seconds", s.durationSeconds],
        ]}
      />
      {s.countsFrom === "declarations" ? (
        <p className="small">The report holds no test cases; these counts are the ones it declares.</p>
      ) : null}
      {s.countsDisagree ? (
        <p className="small">
          The counts the report declares disagree with its test cases; the test cases are counted.
        </p>
      ) : null}
      {failures.length ? (
        <Section title="Failing tests" testId="failing-tests">
          <DataTable columns={["Test", "Result", "Message"]}>
            {failures.map((f, i) => (
              <tr key={i}>
                <td>
                  {str(f.name)}
                  <div className="small muted">{[f.suite, f.classname].filter(Boolean).join(" · ")}</div>
                </td>
                <td>{f.result === "error" ? "Error" : "Failure"}</td>
                <td className="small">
                  {str(f.message)}
                  {f.detail ? (
                    <details>
                      <summary>details</summary>
                      <pre className="summary-json">{String(f.detail)}</pre>
                    </details>
                  ) : null}
                </td>
              </tr>
            ))}
          </DataTable>
          <Omitted count={s.failuresOmitted} what="failing tests" />
        </Section>
      ) : null}
    </div>
  );
}

function Scan({ s }: { s: Summary }) {
  const levels = (s.levels ?? {}) as Record<string, number>;
  const findings = list(s.findings);
  return (
    <div className="stack">
      <p>
        Tools:{" "}
        {list(s.tools)
          .map((t) => `${t.name}${t.version ? ` ${t.version}` : ""}`)
          .join(", ") || "—"}
      </p>
      <Stats
        items={[
          ["Errors", levels.error],
          ["Warnings", levels.warning],
          ["Notes", levels.note],
          ["Suppressed", s.suppressed],
        ]}
      />
      {findings.length ? (
        <Section title="Findings" testId="findings">
          <DataTable columns={["Rule", "Level", "Message", "Location"]}>
            {findings.map((f, i) => (
              <tr key={i}>
                <td className="mono small">{str(f.ruleId)}</td>
                <td>{str(f.level)}</td>
                <td className="small">{str(f.message)}</td>
                <td className="mono small">{str(f.location)}</td>
              </tr>
            ))}
          </DataTable>
          <Omitted count={s.findingsOmitted} what="findings" />
        </Section>
      ) : null}
    </div>
  );
}

function Audit({ s }: { s: Summary }) {
  const sev = (s.severities ?? {}) as Record<string, number>;
  const packages = list(s.packages);
  return (
    <div className="stack">
      <p>
        {str(s.tool)}: {num(s.vulnerablePackages)} vulnerable package(s)
        {typeof s.dependencies === "number" ? ` of ${num(s.dependencies)} dependencies` : ""}, {num(s.fixable)} with a
        fix.
      </p>
      <Stats
        items={[
          ["Critical", sev.critical],
          ["High", sev.high],
          ["Moderate", sev.moderate],
          ["Low", sev.low],
          ["Unrated", sev.unknown],
        ]}
      />
      {packages.length ? (
        <Section title="Vulnerable packages" testId="vulnerable-packages">
          <DataTable columns={["Package", "Severity", "Fix", "Advisories"]}>
            {packages.map((p) => (
              <tr key={String(p.name)}>
                <td>
                  {str(p.name)} <span className="small muted">{str(p.version)}</span>
                </td>
                <td>{str(p.severity)}</td>
                <td>
                  {p.fixAvailable
                    ? list(p.fixVersions).length
                      ? `upgrade to ${list(p.fixVersions).join(" / ")}`
                      : "available"
                    : "none"}
                </td>
                <td className="small">
                  {list(p.advisories).map((a) => (
                    <div key={String(a.id)}>
                      {safeHref(a.url) ? <a href={safeHref(a.url)}>{str(a.title ?? a.id)}</a> : str(a.title ?? a.id)}
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </DataTable>
          <Omitted count={s.packagesOmitted} what="packages" />
        </Section>
      ) : null}
    </div>
  );
}

function Sbom({ s }: { s: Summary }) {
  const v = (s.vulnerabilities ?? {}) as Row;
  return (
    <div className="stack">
      <KeyValues
        items={[
          ["Standard", `${str(s.standard)} ${str(s.specVersion)}`],
          ["Describes", `${str(s.name)} ${s.componentVersion ? str(s.componentVersion) : ""}`],
          ["Serial number", str(s.serialNumber ?? s.namespace)],
          ["Without a licence", num(s.withoutLicence)],
        ]}
      />
      <Stats
        items={[
          ["Components", s.components],
          ["Services", s.services ?? 0],
          ["Vulnerability statements", v.total ?? 0],
          ["Open", v.open ?? 0],
        ]}
      />
      <CountTable caption="Licences" keyLabel="Licence" rows={s.licences} />
    </div>
  );
}

function AuditLog({ s }: { s: Summary }) {
  return (
    <div className="stack">
      <KeyValues
        items={[
          ["First event", str(s.firstAt)],
          ["Last event", str(s.lastAt)],
          ["Lines", num(s.lines)],
          ["Rejected lines", num(s.rejected)],
        ]}
      />
      <Stats
        items={[
          ["Events", s.events],
          ["Distinct actions", s.distinctActions],
          ["Rejected", s.rejected],
        ]}
      />
      <div className="grid grid-2">
        <CountTable caption="Events by action" keyLabel="Action" rows={s.byAction} />
        <CountTable caption="Events by outcome" keyLabel="Outcome" rows={s.byOutcome} />
      </div>
      {list(s.rejectedSamples).length ? (
        <Section title="Rejected lines">
          <CountTable caption="Rejected lines by reason" keyLabel="Reason" rows={s.rejectedReasons} />
          <p className="small muted">
            First rejected lines:{" "}
            {list(s.rejectedSamples)
              .map((r) => `line ${r.line} (${r.reason})`)
              .join("; ")}
          </p>
        </Section>
      ) : null}
    </div>
  );
}

function Drill({ s }: { s: Summary }) {
  const targets = (s.targets ?? {}) as Row;
  const row = (label: string, measured: unknown, target: unknown) => {
    const over = typeof measured === "number" && typeof target === "number" && measured > target;
    return (
      <tr key={label}>
        <td>{label}</td>
        <td>{typeof measured === "number" ? `${num(measured)} s` : "—"}</td>
        <td>{typeof target === "number" ? `${num(target)} s` : "no target"}</td>
        <td>
          {typeof measured === "number" && typeof target === "number" ? (
            <OutcomeBadge outcome={over ? "FAIL" : "PASS"} title={over ? "over target" : "within target"} />
          ) : (
            "—"
          )}
        </td>
      </tr>
    );
  };
  return (
    <div className="stack">
      <KeyValues
        items={[
          ["Drill", str(s.name)],
          ["Runbook", str(s.runbook)],
          ["Started", str(s.startedAt)],
          ["Finished", str(s.finishedAt)],
          ["Duration", `${num(s.durationSeconds)} s`],
          ["Reported outcome", str(s.reportedOutcome)],
        ]}
      />
      <DataTable testId="drill-timings" columns={["Measure", "Measured", "Target", "Result"]}>
        {row("Recovery time (RTO)", s.rtoSeconds, targets.rtoSeconds)}
        {row("Recovery point (RPO)", s.rpoSeconds, targets.rpoSeconds)}
      </DataTable>
      {s.log ? <pre className="summary-json">{String(s.log)}</pre> : null}
    </div>
  );
}

function Facts({ s }: { s: Summary }) {
  const scalars = Object.entries(s).filter(
    ([k, v]) => k !== "outcomeReason" && (v === null || ["string", "number", "boolean"].includes(typeof v)),
  );
  return (
    <div className="stack">
      {scalars.length ? <KeyValues items={scalars.map(([k, v]) => [k, str(v)])} /> : null}
      <details>
        <summary>All parsed facts</summary>
        <pre className="summary-json">{JSON.stringify(s, null, 2)}</pre>
      </details>
    </div>
  );
}
