import { Text, View } from "@react-pdf/renderer";
import { s } from "@/lib/packets/pdf/styles";
import { pdfSafe } from "@/lib/packets/pdf/text";

export interface Column {
  title: string;
  /** Share of the row's width (flex grow). */
  width: number;
  mono?: boolean;
}

/**
 * A table; rows never split across pages, and are told apart by alternate shading rather than rules
 * (a rule per row costs react-pdf about 40% more time per page). For the long tables the header row
 * is not repeated by react-pdf (a `fixed` element costs as much again): the PageSpec names its
 * columns and the worker stamps them at the top of each continuation page (assemble.ts). Short
 * tables inside mixed content repeat their header themselves (`repeatHeader`).
 */
export function Table({
  columns,
  rows,
  repeatHeader = false,
}: {
  columns: Column[];
  rows: Array<Array<string | number | null | undefined>>;
  repeatHeader?: boolean;
}) {
  return (
    <View>
      <View style={s.th} fixed={repeatHeader}>
        {columns.map((c) => (
          <Text key={c.title} style={[s.cell, { flex: c.width }]}>
            {c.title}
          </Text>
        ))}
      </View>
      {rows.map((row, i) => (
        <View key={i} style={i % 2 ? [s.tr, s.trAlt] : s.tr} wrap={false}>
          {columns.map((c, j) => (
            <Text key={c.title} style={[s.cell, { flex: c.width }, c.mono ? s.mono : {}]}>
              {pdfSafe(row[j])}
            </Text>
          ))}
        </View>
      ))}
    </View>
  );
}

export function KeyValues({ items }: { items: Array<[string, string | number | null | undefined]> }) {
  return (
    <View>
      {items.map(([k, v]) => (
        <View key={k} style={s.kv} wrap={false}>
          <Text style={s.kvKey}>{pdfSafe(k)}</Text>
          <Text style={s.kvValue}>{pdfSafe(v ?? "-")}</Text>
        </View>
      ))}
    </View>
  );
}
