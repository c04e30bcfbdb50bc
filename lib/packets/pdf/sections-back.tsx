import { Text, View } from "@react-pdf/renderer";
import type { PacketData } from "@/lib/packets/packet-types";
import type { Column } from "@/lib/packets/pdf/table";
import type { Block, Cell } from "@/lib/packets/pdf/direct";
import { s } from "@/lib/packets/pdf/styles";
import { pdfDate, pdfDay, pdfDuration, pdfHash, pdfSafe } from "@/lib/packets/pdf/text";
import { direct, running, tableSection, type SectionPlan } from "@/lib/packets/pdf/sections-front";
import { evidenceZipPath } from "@/lib/packets/packet-files";

const versus = (measured: number | null, target: number | null) =>
  measured === null
    ? "not measured"
    : `${pdfDuration(measured)} (target ${pdfDuration(target)}${target !== null ? (measured <= target ? ", met" : ", missed") : ""})`;

export function exceptionsSection(data: PacketData): SectionPlan {
  const title = "Exceptions";
  const x = data.exceptions;
  const part = (heading: string, columns: Column[], rows: Cell[][], empty: string): Block[] => [
    { kind: "heading", level: 2, text: heading },
    rows.length ? { kind: "table", columns, rows } : { kind: "text", text: empty, muted: true },
  ];
  return direct("exceptions", title, () => ({
    running: running(data, title),
    blocks: [
      { kind: "heading", level: 1, text: title },
      ...part(
        `Failing or warning evidence inside the window (${x.failing.length})`,
        [
          { title: "Effective", width: 1.3 },
          { title: "Project", width: 1.4 },
          { title: "Evidence", width: 4 },
          { title: "Outcome", width: 1 },
          { title: "Controls", width: 2 },
        ],
        x.failing.map((f) => [
          pdfDay(f.effectiveAt),
          f.project,
          `${f.title} (${f.kind.toLowerCase().replace(/_/g, " ")})`,
          f.outcome.toLowerCase(),
          f.controls,
        ]),
        "No evidence inside the window failed or warned.",
      ),
      ...part(
        `Stale controls at the end of the window (${x.stale.length})`,
        [
          { title: "Project", width: 1.4 },
          { title: "Control", width: 1 },
          { title: "Why", width: 7 },
        ],
        x.stale.map((r) => [r.project, r.control, r.reason]),
        "No control was stale at the end of the window.",
      ),
      ...part(
        `Controls marked not applicable (${x.notApplicable.length})`,
        [
          { title: "Project", width: 1.4 },
          { title: "Control", width: 3.5 },
          { title: "Justification", width: 5 },
        ],
        x.notApplicable.map((r) => [r.project, `${r.control} ${r.title}`, r.justification || "No justification given"]),
        "No in-scope control is marked not applicable.",
      ),
    ],
  }));
}

export function backlogSection(data: PacketData): SectionPlan {
  return tableSection(
    data,
    "backlog",
    "Open backlog items linked to in-scope controls",
    "Work not yet done that is linked to a control in scope, as it stands when the packet's data was last changed.",
    [
      { title: "Project", width: 1.4 },
      { title: "Key", width: 1 },
      { title: "Item", width: 5 },
      { title: "Priority", width: 1.1 },
      { title: "Status", width: 1.2 },
      { title: "Controls", width: 1.8 },
    ],
    data.backlog.map((b) => [
      b.project,
      b.key ?? "-",
      b.title,
      b.priority?.toLowerCase() ?? "-",
      b.status.toLowerCase().replace("_", " "),
      b.controls,
    ]),
    "No open backlog item is linked to an in-scope control.",
  );
}

export function exercisesSection(data: PacketData): SectionPlan {
  return tableSection(
    data,
    "runbooks",
    "Runbook exercises and drills",
    "Every exercise performed inside the window, with the measured recovery time (RTO) and recovery point (RPO) against the runbook's targets.",
    [
      { title: "Performed", width: 1.5 },
      { title: "Project", width: 1.3 },
      { title: "Runbook", width: 3 },
      { title: "Outcome", width: 1 },
      { title: "RTO", width: 2.1 },
      { title: "RPO", width: 2.1 },
    ],
    data.exercises.map((e) => [
      pdfDate(e.performedAt),
      e.project,
      `${e.runbook}: ${e.title}`,
      e.outcome.toLowerCase(),
      versus(e.rto, e.rtoTarget),
      versus(e.rpo, e.rpoTarget),
    ]),
    "No runbook was exercised inside the window.",
  );
}

/** Requests per chunk (each a small block with its thread). */
const REQUESTS_PER_CHUNK = 60;

export function requestsSection(data: PacketData): SectionPlan {
  const title = "Evidence requests and answers";
  const block = (r: PacketData["requests"][number]) => (
    <View key={r.id} style={s.box}>
      <Text style={s.h3}>{pdfSafe(`${r.title} (${r.status.toLowerCase()})`)}</Text>
      <Text style={s.muted}>
        {pdfSafe(
          `${r.target} · raised ${pdfDate(r.raisedAt)} · due ${pdfDay(r.dueAt)} · owner ${r.owner ?? "none"} · id ${r.id}`,
        )}
      </Text>
      {r.detail ? <Text style={s.p}>{pdfSafe(r.detail)}</Text> : null}
      {r.evidence.map((e, i) => (
        <Text key={i} style={s.small}>
          {pdfSafe(`Attached: ${e.title}${e.sha256 ? ` (sha256 ${e.sha256})` : ""}`)}
        </Text>
      ))}
      {r.comments.map((c, i) => (
        <Text key={i} style={{ marginTop: 2 }}>
          {pdfSafe(`${pdfDate(c.at)} ${c.author} (${c.kind}): ${c.body}`)}
        </Text>
      ))}
    </View>
  );
  const chunkCount = Math.max(1, Math.ceil(data.requests.length / REQUESTS_PER_CHUNK));
  return {
    key: "requests",
    title,
    chunkCount,
    items: Array.from({ length: chunkCount }, (_, chunk) => ({ kind: "react" as const, chunk, spec: 0 })),
    chunk: (i) => [
      {
        running: running(data, title),
        content: (
          <View>
            {i === 0 ? <Text style={s.h1}>{title}</Text> : null}
            {data.requests.length ? (
              data.requests.slice(i * REQUESTS_PER_CHUNK, (i + 1) * REQUESTS_PER_CHUNK).map(block)
            ) : (
              <Text style={s.muted}>The auditor raised no requests.</Text>
            )}
          </View>
        ),
      },
    ],
  };
}

export function populationsSection(data: PacketData): SectionPlan {
  const title = "Populations and samples";
  const blocks: Block[] = [{ kind: "heading", level: 1, text: title }];
  if (!data.populations.length)
    blocks.push({ kind: "text", text: "No population was defined for this audit.", muted: true });
  data.populations.forEach((p, i) => {
    blocks.push(
      {
        kind: "heading",
        level: 2,
        text: `${p.label}${p.control ? ` for control ${p.control}` : ""}: ${p.size} member(s)`,
        ...(i ? { marginTop: 10 } : {}),
      },
      { kind: "text", text: `Defined as ${p.definition}.` },
      {
        kind: "text",
        text: `Population ${p.id}, digest (sha256 of the member keys in order) ${p.digest}; every member is in csv/population-${p.id}.csv.`,
        muted: true,
        small: true,
      },
    );
    for (const smp of p.samples) {
      blocks.push(
        {
          kind: "heading",
          level: 3,
          text: `Sample of ${smp.size} with seed "${smp.seed}" (drawn ${pdfDate(smp.createdAt)} from ${smp.populationSize})`,
          marginTop: 6,
        },
        {
          kind: "table",
          columns: [
            { title: "#", width: 0.5 },
            { title: "Member", width: 9 },
          ],
          rows: smp.members.map((m, j) => [j + 1, m.line]),
        },
      );
    }
  });
  return direct("populations", title, () => ({ running: running(data, title), blocks }));
}

export function evidenceIndexSection(data: PacketData): SectionPlan {
  return tableSection(
    data,
    "evidence",
    "Evidence index",
    'Every piece of evidence effective inside the window, with when Proofline collected it: the effective time is the pusher\'s to choose, the collected time is not. Evidence collected after the window closed is marked "after the window". An original is in the ZIP at evidence/<project>/<sha256>-<file name> (listed in csv/evidence.csv), and its sha256 in manifest.json; evidence without an original is a record only.',
    [
      { title: "Effective", width: 1.1 },
      { title: "Collected", width: 1.6 },
      { title: "Project", width: 1.2 },
      { title: "Evidence", width: 3 },
      { title: "Outcome", width: 0.8 },
      { title: "sha256 of the original", width: 3.2, mono: true },
    ],
    data.evidence.map((e) => [
      pdfDay(e.effectiveAt),
      e.collectedAfterWindow ? `${pdfDay(e.collectedAt)}, after the window` : pdfDay(e.collectedAt),
      e.project,
      e.title,
      e.outcome.toLowerCase(),
      evidenceZipPath(e) ? pdfHash(e.sha256) : "record only",
    ]),
    "No evidence is effective inside the window.",
  );
}

export function activitySection(data: PacketData): SectionPlan {
  const a = data.activity;
  return tableSection(
    data,
    "activity",
    "Activity trail (excerpt)",
    `Changes recorded by Proofline for the projects in scope during the window and for this audit's workspace${a.total > a.events.length ? `: the newest ${a.events.length} of ${a.total}` : ""}. The full trail is hash-chained; its integrity is checked with npm run activity:verify.`,
    [
      { title: "When", width: 1.6 },
      { title: "Who", width: 2 },
      { title: "Action", width: 1.6 },
      { title: "What", width: 5 },
    ],
    a.events.map((e) => [pdfDate(e.at), e.actor, e.action, e.summary]),
    "No activity was recorded for the objects in scope.",
  );
}
