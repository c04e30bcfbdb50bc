// Fingerprints of the fields an import owns. An item keeps the fingerprint of what it was last
// imported as; when its current fields give a different one, someone edited it in Proofline.
import { createHash } from "node:crypto";
import type { ImportPriority, ImportStatus, ParsedRunbookStep } from "@/lib/import/types";

export interface ItemFields {
  title: string;
  block: string | null;
  priority: ImportPriority | null;
  status: ImportStatus;
  body: string;
  affectedFiles: string[];
  verificationCommands: string[];
  criteria: Array<{ text: string; done: boolean; depth: number }>;
}

export const ITEM_FIELDS = [
  "title",
  "block",
  "priority",
  "status",
  "body",
  "affectedFiles",
  "verificationCommands",
  "criteria",
] as const;

function digest(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex");
}

export function itemFingerprint(f: ItemFields): string {
  return digest([
    f.title,
    f.block ?? null,
    f.priority ?? null,
    f.status,
    f.body,
    f.affectedFiles,
    f.verificationCommands,
    f.criteria.map((c) => [c.text, c.done, c.depth]),
  ]);
}

export interface RunbookFields {
  title: string;
  steps: ParsedRunbookStep[];
}

export function runbookFingerprint(f: RunbookFields): string {
  return digest([f.title, f.steps.map((s) => [s.text, s.detail ?? null, s.group ?? null])]);
}
