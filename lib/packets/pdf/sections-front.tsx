import { Text, View } from "@react-pdf/renderer";
import type { PacketData } from "@/lib/packets/packet-types";
import { matrixRows } from "@/lib/packets/matrix";
import { KeyValues, Table, type Column } from "@/lib/packets/pdf/table";
import type { Cell, DirectRun } from "@/lib/packets/pdf/direct";
import { s } from "@/lib/packets/pdf/styles";
import { pdfDate, pdfDay, pdfPercent, pdfSafe } from "@/lib/packets/pdf/text";
import type { PageSpec } from "@/lib/packets/pdf/render-chunk";

/**
 * A section of the packet: react-pdf chunks (pages rendered on their own, in render processes, and
 * merged afterwards) and runs drawn directly into the merged document (direct.ts), in the order
 * `items` gives. Chunks are built on demand (`chunk(i)`): the worker needs only their number, and a
 * render process builds only the chunks it renders, so no process holds the whole document's tree.
 */
export interface SectionPlan {
  key: string;
  title: string;
  /** react-pdf chunks (0 when the whole section is drawn directly). */
  chunkCount: number;
  chunk(index: number): PageSpec[];
  /** The section's content in order: each PageSpec of each chunk once, and the direct runs between them. */
  items: SectionItem[];
}

export type SectionItem =
  | { kind: "react"; chunk: number; spec: number }
  | { kind: "direct"; run: () => DirectRun; mark?: { id: string; title: string } };

/** A section of one react-pdf chunk of one PageSpec, built when asked for. */
export function single(key: string, title: string, build: () => PageSpec): SectionPlan {
  return { key, title, chunkCount: 1, chunk: () => [build()], items: [{ kind: "react", chunk: 0, spec: 0 }] };
}

/** A section drawn directly into the merged document (no react-pdf). */
export function direct(key: string, title: string, run: () => DirectRun): SectionPlan {
  return { key, title, chunkCount: 0, chunk: () => [], items: [{ kind: "direct", run }] };
}

/** The page count a react-pdf chunk aims for ("a few dozen pages"): big enough to amortise a render, small enough to bound its memory. */
export const PAGES_PER_CHUNK = 20;

export function running(data: PacketData, section: string): string {
  return `${data.audit.name} · ${data.audit.framework.name} · ${section}`;
}

/** A section whose body is one long table, drawn directly: a heading, a sentence on what it lists, the table. */
export function tableSection(
  data: PacketData,
  key: string,
  title: string,
  intro: string,
  columns: Column[],
  rows: Cell[][],
  empty: string,
): SectionPlan {
  return direct(key, title, () => ({
    running: running(data, title),
    blocks: [
      { kind: "heading", level: 1, text: title },
      { kind: "text", text: intro, muted: true },
      rows.length ? { kind: "table", columns, rows } : { kind: "text", text: empty, muted: true },
    ],
  }));
}

export function coverPage(data: PacketData): PageSpec {
  const a = data.audit;
  const window =
    a.type === "TYPE_I"
      ? `As of ${pdfDate(a.windowEnd)} (Type I: one moment)`
      : `${pdfDate(a.windowStart)} to ${pdfDate(a.windowEnd)} (Type II: a period)`;
  return {
    running: "Proofline auditor packet",
    content: (
      <View style={s.cover}>
        <Text style={s.small}>AUDITOR PACKET</Text>
        <Text style={s.coverTitle}>{pdfSafe(a.name)}</Text>
        <KeyValues
          items={[
            ["Framework", `${a.framework.name} (${a.framework.key}, version ${a.framework.version})`],
            ["Observation window", window],
            ["Scope", a.projects.map((p) => `${p.name} (${p.slug})`).join(", ")],
            ["Audit status", a.status.toLowerCase()],
            ["Audit lead", a.lead],
            ["Generated at", `${pdfDate(data.dataAsOf)} (the latest change to the data in this packet)`],
            ["Generated for", `${data.requestedBy.name} <${data.requestedBy.email}>`],
            ["Audit id", a.id],
          ]}
        />
        <Text style={[s.p, s.muted, { marginTop: 24 }]}>
          {pdfSafe(
            "This PDF is one file of a ZIP packet. The packet's manifest.json lists every file with its size and sha256, and manifest.sig signs the manifest with the deployment's Ed25519 key. Check it offline with: npm run proofline -- verify packet.zip",
          )}
        </Text>
      </View>
    ),
  };
}

export function tocPage(data: PacketData, entries: Array<{ title: string; page: number }>): PageSpec {
  return {
    running: running(data, "Contents"),
    content: (
      <View>
        <Text style={s.h1}>Contents</Text>
        {entries.map((e) => (
          <View key={e.title} style={s.tocRow}>
            <Text style={{ flex: 1 }}>{pdfSafe(e.title)}</Text>
            <Text>{String(e.page)}</Text>
          </View>
        ))}
      </View>
    ),
  };
}

export function readinessSection(data: PacketData): SectionPlan {
  const title = "Readiness at the end of the window";
  return single("readiness", title, () => ({ running: running(data, title), content: readinessContent(data, title) }));
}

function readinessContent(data: PacketData, title: string) {
  return (
    <View>
      <Text style={s.h1}>{title}</Text>
      <Text style={[s.p, s.muted]}>
        {pdfSafe(
          `Computed by Proofline's readiness rules as of ${pdfDate(data.audit.windowEnd)}: a requirement is met when every applicable control mapped to it passes; readiness is met requirements over applicable ones.`,
        )}
      </Text>
      {data.readiness.map((r) => (
        <View key={r.project} style={s.box} wrap={false}>
          <Text style={s.h3}>{pdfSafe(`${r.projectName} (${r.project})`)}</Text>
          {r.assessed ? (
            <>
              <KeyValues
                items={[
                  ["Readiness", `${pdfPercent(r.score)} (${r.met} of ${r.applicable} applicable requirements met)`],
                  [
                    "Controls",
                    Object.entries(r.controlCounts)
                      .map(([state, n]) => `${state.replace("_", " ")}: ${n}`)
                      .join(", "),
                  ],
                ]}
              />
              <Table
                columns={[
                  { title: "Family", width: 5 },
                  { title: "Met", width: 1 },
                  { title: "Applicable", width: 1.3 },
                  { title: "Readiness", width: 1.3 },
                ]}
                rows={r.families.map((f) => [`${f.refId} ${f.title}`, f.met, f.applicable, pdfPercent(f.score)])}
                repeatHeader
              />
            </>
          ) : (
            <Text style={s.muted}>
              {pdfSafe(
                `This project is not assessed against ${data.audit.framework.name}, so no readiness is computed for it.`,
              )}
            </Text>
          )}
        </View>
      ))}
    </View>
  );
}

export function matrixSection(data: PacketData): SectionPlan {
  const rows = matrixRows(data).map((r) => [
    r.requirement,
    r.control ? `${r.control} ${r.controlTitle}` : r.controlTitle,
    r.project,
    r.state.replace("_", " "),
    r.evidence ? `${r.evidence} (${r.pass} pass, ${r.fail} fail, ${r.warn} warn)` : "0",
    pdfDay(r.latestEffectiveAt),
  ]);
  return tableSection(
    data,
    "matrix",
    "Requirement, control and evidence matrix",
    "Each requirement of the framework, the controls mapped to it, and per project the control's state at the window's end and the evidence effective inside the window. The same rows are in csv/matrix.csv with the evidence hashes.",
    [
      { title: "Requirement", width: 1.1 },
      { title: "Control", width: 4 },
      { title: "Project", width: 1.5 },
      { title: "State", width: 1.1 },
      { title: "Evidence in window", width: 2.2 },
      { title: "Latest", width: 1.2 },
    ],
    rows,
    "The framework has no assessable requirements.",
  );
}
