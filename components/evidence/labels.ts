import type { Tone } from "@/components/ui/badge";
import { EVIDENCE_KIND_LABELS } from "@/lib/core/labels";

/** Evidence kinds by their one label (lib/core/labels.ts). */
export const KIND_LABELS: Record<string, string> = EVIDENCE_KIND_LABELS;

// Outcomes are always written out (never shown by colour alone).
export const OUTCOMES: Record<string, { label: string; tone: Tone }> = {
  PASS: { label: "Pass", tone: "ok" },
  FAIL: { label: "Fail", tone: "bad" },
  WARN: { label: "Warn", tone: "warn" },
  INFO: { label: "Info", tone: "info" },
};

/** An evidence format (lib/ingest's format list) as a choice. */
export function formatOption(f: { id: string; label: string }) {
  return { value: f.id, label: f.label };
}
