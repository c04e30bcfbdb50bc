import { Text, View } from "@react-pdf/renderer";
import type { PacketControl, PacketControlProject, PacketData, PacketEvidence } from "@/lib/packets/packet-types";
import { KeyValues, Table, type Column } from "@/lib/packets/pdf/table";
import { s } from "@/lib/packets/pdf/styles";
import { pdfDay, pdfHash, pdfSafe } from "@/lib/packets/pdf/text";
import { running, single, type SectionItem, type SectionPlan } from "@/lib/packets/pdf/sections-front";
import type { Block, Cell, DirectRun } from "@/lib/packets/pdf/direct";

export const EVIDENCE_COLUMNS: Column[] = [
  { title: "Effective", width: 1.3 },
  { title: "Project", width: 1.4 },
  { title: "Evidence", width: 3.6 },
  { title: "Outcome", width: 1 },
  { title: "sha256", width: 3.2, mono: true },
];

function evidenceRow(e: PacketEvidence): Cell[] {
  return [
    pdfDay(e.effectiveAt),
    e.project,
    `${e.title} (${e.kind.toLowerCase().replace(/_/g, " ")})`,
    e.outcome.toLowerCase(),
    pdfHash(e.sha256),
  ];
}

function keyValues(data: PacketData, c: PacketControl): Array<[string, string]> {
  return [
    ["Owner", c.owner ?? "No owner named"],
    ["Frequency", c.frequency.toLowerCase().replace("_", " ")],
    [`${data.audit.framework.name} requirements`, c.requirements.join(", ")],
  ];
}

function projectLine(p: PacketControlProject): string {
  return `${p.project}: ${p.state.replace("_", " ")}${p.justification !== null ? ` (not applicable: ${p.justification || "no justification given"})` : ""}`;
}

/** The first page of a control: what it is, who owns it, its requirements, its state, and the first `rows` of its `total` pieces of evidence. */
export function controlHead(data: PacketData, c: PacketControl, rows: Cell[][], total: number, first: boolean) {
  return (
    <View>
      {first ? <Text style={s.h1}>Controls</Text> : null}
      <Text style={s.h2}>{pdfSafe(`${c.key} ${c.title}`)}</Text>
      <Text style={s.p}>{pdfSafe(c.description)}</Text>
      <KeyValues items={keyValues(data, c)} />
      <Text style={s.h3}>State at the end of the window</Text>
      {c.projects.map((p) => (
        <View key={p.project} style={{ marginBottom: 3 }} wrap={false}>
          <Text>{pdfSafe(projectLine(p))}</Text>
          {p.reasons.map((r, j) => (
            <Text key={j} style={[s.muted, { marginLeft: 10 }]}>
              {pdfSafe(`- ${r}`)}
            </Text>
          ))}
        </View>
      ))}
      <Text style={s.h3}>{pdfSafe(`Evidence inside the window (${total})`)}</Text>
      {rows.length ? (
        <Table columns={EVIDENCE_COLUMNS} rows={rows} />
      ) : (
        <Text style={s.muted}>
          {total
            ? "Listed from the next page."
            : "No evidence filed under this control is effective inside the window."}
        </Text>
      )}
    </View>
  );
}

/**
 * A control's pages as drawn directly (direct.ts): the same content as `controlHead` (which stays
 * as react-pdf's reference for it: direct.test.tsx puts the two side by side), with the whole
 * evidence list, which flows over as many pages as it needs.
 */
export function controlBlocks(data: PacketData, c: PacketControl, rows: Cell[][], first: boolean): Block[] {
  return [
    ...(first ? [{ kind: "heading", level: 1, text: "Controls" } as const] : []),
    { kind: "heading", level: 2, text: `${c.key} ${c.title}` },
    { kind: "text", text: c.description },
    { kind: "keyValues", items: keyValues(data, c) },
    { kind: "heading", level: 3, text: "State at the end of the window" },
    ...c.projects.map((p): Block => ({ kind: "entry", text: projectLine(p), notes: p.reasons.map((r) => `- ${r}`) })),
    { kind: "heading", level: 3, text: `Evidence inside the window (${rows.length})` },
    rows.length
      ? { kind: "table", columns: EVIDENCE_COLUMNS, rows }
      : { kind: "text", text: "No evidence filed under this control is effective inside the window.", muted: true },
  ];
}

/**
 * One page (or more) per in-scope control, drawn directly: what it is, who owns it, its
 * requirements, its state per project, and its evidence list, continued on as many pages as it
 * needs (with the column header stamped atop each). Each control is bookmarked under the section.
 */
export function controlSection(data: PacketData): SectionPlan {
  const title = "Controls";
  if (!data.controls.length)
    return single("controls", title, () => ({
      running: running(data, title),
      content: <Text style={s.muted}>No control is mapped to this framework.</Text>,
    }));
  const items: SectionItem[] = controlRuns(data).map(({ control: c, run }) => ({
    kind: "direct",
    mark: { id: `control:${c.key}`, title: `${c.key} ${c.title}` },
    run,
  }));
  return { key: "controls", title, chunkCount: 0, chunk: () => [], items };
}

/** Each control's run of pages, built when asked for (also drawn by npm run bench:packet's limit). */
export function controlRuns(data: PacketData): Array<{ control: PacketControl; run: () => DirectRun }> {
  const evidence = new Map(data.evidence.map((e) => [e.id, e]));
  const rowsOf = (c: PacketControl) =>
    c.evidenceIds.flatMap((id) => (evidence.has(id) ? [evidenceRow(evidence.get(id)!)] : []));
  return data.controls.map((c, ci) => ({
    control: c,
    run: () => ({
      running: running(data, `Controls · ${c.key}`),
      runningAfter: running(data, `Controls · ${c.key} (continued)`),
      blocks: controlBlocks(data, c, rowsOf(c), ci === 0),
    }),
  }));
}
