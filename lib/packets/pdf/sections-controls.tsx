import { Text, View } from "@react-pdf/renderer";
import type { PacketControl, PacketControlProject, PacketData, PacketEvidence } from "@/lib/packets/packet-types";
import { KeyValues, Table, type Column } from "@/lib/packets/pdf/table";
import { PAGE, s } from "@/lib/packets/pdf/styles";
import { pdfDay, pdfHash, pdfSafe } from "@/lib/packets/pdf/text";
import { PAGES_PER_CHUNK, running, single, type SectionItem, type SectionPlan } from "@/lib/packets/pdf/sections-front";
import type { PageSpec } from "@/lib/packets/pdf/render-chunk";
import { columnWidths, headerHeight, layoutRow, LINE_HEIGHT, PAGE_BODY, type Cell } from "@/lib/packets/pdf/direct";
import type { FontKey, Metrics } from "@/lib/packets/pdf/metrics";

export const EVIDENCE_COLUMNS: Column[] = [
  { title: "Effective", width: 1.3 },
  { title: "Project", width: 1.4 },
  { title: "Evidence", width: 3.6 },
  { title: "Outcome", width: 1 },
  { title: "sha256", width: 3.2, mono: true },
];

function evidenceRow(e: PacketEvidence): Cell[] {
  return [pdfDay(e.effectiveAt), e.project, `${e.title} (${e.kind.toLowerCase().replace(/_/g, " ")})`, e.outcome.toLowerCase(), pdfHash(e.sha256)];
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
        <Text style={s.muted}>{total ? "Listed from the next page." : "No evidence filed under this control is effective inside the window."}</Text>
      )}
    </View>
  );
}

/** Room left free at the foot of a control's first page, so a slightly different line break in react-pdf never pushes the last row over. */
const HEAD_SLACK = 14;

/**
 * How many evidence rows fit under a control's head on its first page: the head's height is
 * estimated with the same font metrics and the same styles react-pdf lays it out with (styles.ts),
 * then rows are added while they fit. The rest of the list is drawn directly (direct.ts) on the
 * pages after. Should the estimate ever be short, react-pdf still paginates the head (rows are never
 * split, and the continuation pages get the column header), so nothing is lost, only space.
 */
export function headRowsThatFit(metrics: Metrics, data: PacketData, c: PacketControl, rows: Cell[][], first: boolean): number {
  const width = PAGE.width - 2 * PAGE.margin;
  const lines = (text: string, font: FontKey, size: number, w = width) => metrics.wrap(pdfSafe(text), font, size, w).length;
  const body = LINE_HEIGHT; // every line, headings included (see direct.ts)
  let h = 0;
  if (first) h += lines("Controls", "bold", 17) * body + 10;
  h += 6 + lines(`${c.key} ${c.title}`, "bold", 12.5) * body + 6;
  h += lines(c.description, "regular", 9) * body + 5;
  for (const [k, v] of keyValues(data, c)) h += Math.max(lines(k, "regular", 9, 120), lines(v, "regular", 9, width - 120)) * body + 2;
  h += 8 + body + 4;
  for (const p of c.projects) {
    h += lines(projectLine(p), "regular", 9) * body + 3;
    for (const r of p.reasons) h += lines(`- ${r}`, "regular", 9, width - 10) * body;
  }
  h += 8 + lines(`Evidence inside the window (${rows.length})`, "bold", 10.5) * body + 4;
  h += headerHeight(metrics, EVIDENCE_COLUMNS);
  const widths = columnWidths(EVIDENCE_COLUMNS);
  let fit = 0;
  for (const row of rows) {
    h += layoutRow(metrics, EVIDENCE_COLUMNS, widths, row).height;
    if (h > PAGE_BODY - HEAD_SLACK) break;
    fit += 1;
  }
  return fit;
}

/**
 * One page (or more) per in-scope control. Its head (what it is, its owner, requirements and state)
 * and as many evidence rows as fit on that first page are rendered by react-pdf; the rest of its
 * evidence list is drawn directly on the pages after. Heads are grouped into react-pdf chunks of
 * about twenty, rendered in the render processes; the worker puts each head's pages in place and
 * draws its continuation behind it.
 */
export function controlSection(data: PacketData, metrics: Metrics): SectionPlan {
  const title = "Controls";
  if (!data.controls.length) return single("controls", title, () => ({ running: running(data, title), content: <Text style={s.muted}>No control is mapped to this framework.</Text> }));
  const evidence = new Map(data.evidence.map((e) => [e.id, e]));
  const rowsOf = (c: PacketControl) => c.evidenceIds.flatMap((id) => (evidence.has(id) ? [evidenceRow(evidence.get(id)!)] : []));
  const plans = data.controls.map((c, ci) => {
    const rows = rowsOf(c);
    return { index: ci, total: rows.length, head: headRowsThatFit(metrics, data, c, rows, ci === 0) };
  });
  const chunks: number[][] = [];
  for (let i = 0; i < plans.length; i += PAGES_PER_CHUNK) chunks.push(plans.slice(i, i + PAGES_PER_CHUNK).map((p) => p.index));

  const head = (ci: number): PageSpec => {
    const c = data.controls[ci];
    const rows = rowsOf(c).slice(0, plans[ci].head);
    return {
      mark: { id: `control:${c.key}`, title: `${c.key} ${c.title}` },
      running: running(data, `${title} · ${c.key}`),
      columns: rows.length ? EVIDENCE_COLUMNS : undefined,
      content: controlHead(data, c, rows, plans[ci].total, ci === 0),
    };
  };
  const items: SectionItem[] = [];
  plans.forEach((p) => {
    items.push({ kind: "react", chunk: Math.floor(p.index / PAGES_PER_CHUNK), spec: p.index % PAGES_PER_CHUNK });
    if (p.total > p.head) {
      const c = data.controls[p.index];
      items.push({
        kind: "direct",
        run: () => ({
          running: running(data, `${title} · ${c.key} (continued)`),
          blocks: [{ kind: "table", columns: EVIDENCE_COLUMNS, rows: rowsOf(c).slice(p.head), continued: true, firstRow: p.head }],
        }),
      });
    }
  });
  return { key: "controls", title, chunkCount: chunks.length, chunk: (i) => chunks[i].map(head), items };
}

/**
 * For npm run bench:packet's baseline: control pages as react-pdf alone lays them out (each head with
 * its whole evidence list as one react-pdf table), about `pages` pages of them, to render as one chunk.
 */
export function plainControlPages(data: PacketData, pages = PAGES_PER_CHUNK): PageSpec[] {
  const evidence = new Map(data.evidence.map((e) => [e.id, e]));
  const rowsPerPage = 30;
  const specs: PageSpec[] = [];
  let budget = pages * rowsPerPage;
  for (const [ci, c] of data.controls.entries()) {
    if (budget <= 0) break;
    const all = c.evidenceIds.flatMap((id) => (evidence.has(id) ? [evidenceRow(evidence.get(id)!)] : []));
    const rows = all.slice(0, Math.max(0, budget - rowsPerPage / 2));
    budget -= rows.length + rowsPerPage / 2;
    specs.push({ running: running(data, `Controls · ${c.key}`), columns: EVIDENCE_COLUMNS, content: controlHead(data, c, rows, all.length, ci === 0) });
  }
  return specs;
}
