import { Text, View } from "@react-pdf/renderer";
import type { PacketControl, PacketData, PacketEvidence } from "@/lib/packets/packet-types";
import { KeyValues, Table } from "@/lib/packets/pdf/table";
import { s } from "@/lib/packets/pdf/styles";
import { pdfDay, pdfHash, pdfSafe } from "@/lib/packets/pdf/text";
import { PAGES_PER_CHUNK, running, type SectionPlan } from "@/lib/packets/pdf/sections-front";
import type { PageSpec } from "@/lib/packets/pdf/render-chunk";

/** Evidence rows (two lines each, for the hash) that fit a page, and the most one PageSpec carries. */
const ROWS_PER_PAGE = 34;
const ROWS_PER_PART = 680;

const EVIDENCE_COLUMNS = [
  { title: "Effective", width: 1.3 },
  { title: "Project", width: 1.4 },
  { title: "Evidence", width: 3.6 },
  { title: "Outcome", width: 1 },
  { title: "sha256", width: 3.2, mono: true },
];

function evidenceTable(items: PacketEvidence[]) {
  return <Table columns={EVIDENCE_COLUMNS} rows={items.map((e) => [pdfDay(e.effectiveAt), e.project, `${e.title} (${e.kind.toLowerCase().replace(/_/g, " ")})`, e.outcome.toLowerCase(), pdfHash(e.sha256)])} />;
}

/** The first page of a control: what it is, who owns it, its requirements, its state, and the start of its evidence. */
function controlHead(data: PacketData, c: PacketControl, items: PacketEvidence[], first: boolean) {
  return (
    <View>
      {first ? <Text style={s.h1}>Controls</Text> : null}
      <Text style={s.h2}>{pdfSafe(`${c.key} ${c.title}`)}</Text>
      <Text style={s.p}>{pdfSafe(c.description)}</Text>
      <KeyValues
        items={[
          ["Owner", c.owner ?? "No owner named"],
          ["Frequency", c.frequency.toLowerCase().replace("_", " ")],
          [`${data.audit.framework.name} requirements`, c.requirements.join(", ")],
        ]}
      />
      <Text style={s.h3}>State at the end of the window</Text>
      {c.projects.map((p) => (
        <View key={p.project} style={{ marginBottom: 3 }} wrap={false}>
          <Text>{pdfSafe(`${p.project}: ${p.state.replace("_", " ")}${p.justification !== null ? ` (not applicable: ${p.justification || "no justification given"})` : ""}`)}</Text>
          {p.reasons.map((r, j) => (
            <Text key={j} style={[s.muted, { marginLeft: 10 }]}>
              {pdfSafe(`- ${r}`)}
            </Text>
          ))}
        </View>
      ))}
      <Text style={s.h3}>{pdfSafe(`Evidence inside the window (${c.evidenceIds.length})`)}</Text>
      {items.length ? evidenceTable(items) : <Text style={s.muted}>No evidence filed under this control is effective inside the window.</Text>}
    </View>
  );
}

/**
 * One page (or more) per in-scope control. A control with a long evidence list continues over
 * several parts, and parts are grouped into chunks by their estimated page count, so no chunk
 * grows past a few dozen pages however the evidence is spread.
 */
export function controlSection(data: PacketData): SectionPlan {
  const title = "Controls";
  const evidence = new Map(data.evidence.map((e) => [e.id, e]));
  const itemsOf = (c: PacketControl) => c.evidenceIds.map((id) => evidence.get(id)!).filter(Boolean);
  // Plan the parts (a control, or a continuation of its evidence) and group them by estimated pages.
  const chunks: Array<Array<{ control: number; from: number }>> = [];
  let current: Array<{ control: number; from: number }> = [];
  let pages = 0;
  data.controls.forEach((c, ci) => {
    const count = c.evidenceIds.length;
    for (let from = 0; from === 0 || from < count; from += ROWS_PER_PART) {
      const estimate = Math.max(1, (from === 0 ? 0.5 : 0.1) + Math.min(ROWS_PER_PART, count - from) / ROWS_PER_PAGE);
      if (current.length && pages + estimate > PAGES_PER_CHUNK) {
        chunks.push(current);
        current = [];
        pages = 0;
      }
      current.push({ control: ci, from });
      pages += estimate;
    }
  });
  if (current.length) chunks.push(current);

  const part = ({ control, from }: { control: number; from: number }): PageSpec => {
    const c = data.controls[control];
    const items = itemsOf(c);
    const slice = items.slice(from, from + ROWS_PER_PART);
    return {
      mark: from === 0 ? { id: `control:${c.key}`, title: `${c.key} ${c.title}` } : undefined,
      running: running(data, `${title} · ${c.key}${from ? " (continued)" : ""}`),
      columns: slice.length ? EVIDENCE_COLUMNS : undefined,
      content:
        from === 0 ? (
          controlHead(data, c, slice, control === 0)
        ) : (
          <View>
            <Text style={s.h3}>{pdfSafe(`${c.key}: evidence inside the window, continued (${from + 1} to ${from + slice.length} of ${items.length})`)}</Text>
            {evidenceTable(slice)}
          </View>
        ),
    };
  };
  if (!chunks.length) return { key: "controls", title, chunkCount: 1, chunk: () => [{ running: running(data, title), content: <Text style={s.muted}>No control is mapped to this framework.</Text> }] };
  return { key: "controls", title, chunkCount: chunks.length, chunk: (i) => chunks[i].map(part) };
}
