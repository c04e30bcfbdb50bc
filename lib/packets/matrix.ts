import type { PacketData } from "@/lib/packets/packet-types";

export interface MatrixRow {
  requirement: string;
  requirementTitle: string;
  control: string;
  controlTitle: string;
  project: string;
  state: string;
  evidence: number;
  pass: number;
  fail: number;
  warn: number;
  info: number;
  latestEffectiveAt: string | null;
  sha256: string[];
}

/**
 * The requirement → control → evidence matrix: one row per requirement, mapped control and project
 * in scope, with the control's state at the window's end and its evidence inside the window. A
 * requirement without a control gets one row saying so. Shared by the PDF, matrix.csv and the tests.
 */
export function matrixRows(data: PacketData): MatrixRow[] {
  const controls = new Map(data.controls.map((c) => [c.key, c]));
  const evidence = new Map(data.evidence.map((e) => [e.id, e]));
  const rows: MatrixRow[] = [];
  for (const r of data.requirements) {
    const keys = r.controlKeys.filter((k) => controls.has(k));
    if (!keys.length) {
      rows.push({
        requirement: r.refId,
        requirementTitle: r.title,
        control: "",
        controlTitle: "no control mapped",
        project: "",
        state: "",
        evidence: 0,
        pass: 0,
        fail: 0,
        warn: 0,
        info: 0,
        latestEffectiveAt: null,
        sha256: [],
      });
      continue;
    }
    for (const key of keys) {
      const c = controls.get(key)!;
      for (const p of c.projects) {
        const items = c.evidenceIds.map((id) => evidence.get(id)!).filter((e) => e && e.project === p.project);
        const count = (o: string) => items.filter((e) => e.outcome === o).length;
        rows.push({
          requirement: r.refId,
          requirementTitle: r.title,
          control: c.key,
          controlTitle: c.title,
          project: p.project,
          state: p.state,
          evidence: items.length,
          pass: count("PASS"),
          fail: count("FAIL"),
          warn: count("WARN"),
          info: count("INFO"),
          latestEffectiveAt: items.reduce<string | null>((m, e) => (!m || e.effectiveAt > m ? e.effectiveAt : m), null),
          sha256: [...new Set(items.flatMap((e) => (e.sha256 ? [e.sha256] : [])))].sort(),
        });
      }
    }
  }
  return rows;
}

export const MATRIX_CSV_HEADER = [
  "requirement",
  "requirement_title",
  "control",
  "control_title",
  "project",
  "state_at_window_end",
  "evidence_in_window",
  "pass",
  "fail",
  "warn",
  "info",
  "latest_effective_at",
  "evidence_sha256",
];

export function matrixCsvCells(r: MatrixRow): Array<string | number | null> {
  return [
    r.requirement,
    r.requirementTitle,
    r.control,
    r.controlTitle,
    r.project,
    r.state,
    r.evidence,
    r.pass,
    r.fail,
    r.warn,
    r.info,
    r.latestEffectiveAt,
    r.sha256.join(" "),
  ];
}
