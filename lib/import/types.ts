// The importer's shapes. Parsers (markdown, reStructuredText, plain text) turn a document into a flat
// list of blocks; the interpreter turns blocks into sections, backlog items and runbooks.

export type DocFormat = "markdown" | "rst" | "text";
export type ImportPriority = "BLOCKER" | "CRITICAL" | "HIGH" | "MEDIUM" | "LOW";
export type ImportStatus = "OPEN" | "IN_PROGRESS" | "DONE";
export type ImportKind = "ITEM" | "GAP" | "CHECKLIST";

/** Inline text is kept as written (markup included) so that strike-through and markers survive. */
export interface ListItemBlock {
  raw: string;
  /** true / false for a checkbox ([x], [ ], ☐, ☑); null when the item has none. */
  checked: boolean | null;
  line: number;
  endLine: number;
  children: Block[];
}

export type Block =
  | { type: "heading"; level: number; raw: string; line: number; endLine: number }
  | { type: "paragraph"; raw: string; line: number; endLine: number }
  | { type: "list"; ordered: boolean; items: ListItemBlock[]; line: number; endLine: number }
  | { type: "code"; lang: string | null; value: string; line: number; endLine: number }
  | { type: "table"; header: string[]; rows: Array<{ cells: string[]; line: number }>; line: number; endLine: number }
  | { type: "break"; line: number; endLine: number };

/** What a parser hands to the interpreter: blocks plus the text their line numbers refer to. */
export interface BlockDocument {
  format: DocFormat;
  blocks: Block[];
  /** The text line numbers point into (line endings normalised; a flattened RST document reflowed). */
  lines: string[];
  notes: string[];
  /** The title front matter gave the document (its "title", else its "description"). */
  frontMatterTitle?: string | null;
}

export interface ParsedSection {
  title: string;
  level: number;
  line: number;
  path: string[];
}

export interface ParsedCriterion {
  text: string;
  done: boolean;
  /** 0 for a criterion, 1 for a point under it, and so on. */
  depth: number;
}

export interface ParsedItem {
  key: string | null;
  title: string;
  kind: ImportKind;
  block: string | null;
  priority: ImportPriority | null;
  /** As written in the document ("P1", "~~HIGH~~ COMPLETED", "Critical"). */
  priorityRaw: string | null;
  /** True when the priority comes from a heading above the item rather than the item itself. */
  priorityInherited: boolean;
  status: ImportStatus;
  body: string;
  criteria: ParsedCriterion[];
  affectedFiles: string[];
  verificationCommands: string[];
  sectionPath: string[];
  line: number;
}

export interface ParsedRunbookStep {
  text: string;
  /** Commands, notes or sub-points written under the step. */
  detail?: string;
  /** The sub-heading the step sits under inside the runbook ("Immediate actions"). */
  group?: string;
}

export interface ParsedRunbook {
  key: string;
  title: string;
  steps: ParsedRunbookStep[];
  sectionPath: string[];
  line: number;
  cadenceDays: number | null;
  rtoTargetSeconds: number | null;
  rpoTargetSeconds: number | null;
}

export interface ParsedDocument {
  format: DocFormat;
  title: string | null;
  sha256: string;
  byteSize: number;
  /** The text that line numbers refer to (equal to the source unless it had to be reflowed). */
  workingText: string;
  reflowed: boolean;
  sections: ParsedSection[];
  items: ParsedItem[];
  runbooks: ParsedRunbook[];
  /** Things a reader should know: re-classified priorities, ignored page chrome, duplicate keys. */
  warnings: string[];
  /** YAML or TOML front matter, read as metadata (top-level keys and scalar values). */
  metadata: Record<string, string>;
  /** Totals the document declares that differ from what was found ("Total Gaps: 12" over 21 items). */
  declaredTotals: Array<{ label: string; declared: number; found: number; line: number }>;
}
