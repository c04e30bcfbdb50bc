import { StyleSheet } from "@react-pdf/renderer";
import { FAMILIES } from "@/lib/packets/pdf/fonts";

// A4, the packet's embedded fonts with their fallback chains (fonts.ts, registered in render-chunk.tsx),
// a small palette. Colour never carries meaning alone: every state is also written out.
/** Points. The top band holds the running header (stamped at `running`) and, on pages a long table
 * continues on, its column header (stamped at `tableHeader`, `tableHeaderHeight` tall). */
export const PAGE = {
  width: 595.28,
  height: 841.89,
  margin: 40,
  footer: 28,
  top: 68,
  running: 24,
  tableHeader: 50,
  tableHeaderHeight: 13,
};

export const s = StyleSheet.create({
  page: {
    paddingTop: PAGE.top,
    paddingBottom: 48,
    paddingHorizontal: PAGE.margin,
    fontSize: 9,
    fontFamily: FAMILIES.regular,
    color: "#1b2330",
    lineHeight: 1.3,
  },
  h1: { fontSize: 17, fontFamily: FAMILIES.bold, fontWeight: "bold", marginBottom: 10 },
  h2: { fontSize: 12.5, fontFamily: FAMILIES.bold, fontWeight: "bold", marginTop: 6, marginBottom: 6 },
  h3: { fontSize: 10.5, fontFamily: FAMILIES.bold, fontWeight: "bold", marginTop: 8, marginBottom: 4 },
  p: { marginBottom: 5 },
  muted: { color: "#4a5568" },
  small: { fontSize: 7.5 },
  mono: { fontFamily: FAMILIES.mono, fontSize: 7.5 },
  kv: { flexDirection: "row", marginBottom: 2 },
  kvKey: { width: 120, color: "#4a5568" },
  kvValue: { flex: 1 },
  tr: { flexDirection: "row", paddingVertical: 1.6 },
  trAlt: { backgroundColor: "#f1f3f6" },
  th: {
    flexDirection: "row",
    borderBottomWidth: 0.8,
    borderBottomColor: "#4a5568",
    paddingVertical: 2,
    fontFamily: FAMILIES.bold,
    fontWeight: "bold",
    backgroundColor: "#e4e8ee",
  },
  cell: { paddingRight: 4, fontSize: 8 },
  cover: { marginTop: 120 },
  coverTitle: { fontSize: 24, fontFamily: FAMILIES.bold, fontWeight: "bold", marginBottom: 14 },
  tocRow: { flexDirection: "row", marginBottom: 4, fontSize: 10.5 },
  box: { borderWidth: 0.6, borderColor: "#c5cbd4", padding: 6, marginBottom: 8 },
});
