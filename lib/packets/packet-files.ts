import type { PacketEvidence } from "@/lib/packets/packet-types";

/** A file name that is safe in a ZIP on every system: letters, digits, dot, dash, underscore. */
export function safeName(name: string, max = 80): string {
  const cleaned = name
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9._-]+/g, "_")
    .replace(/^[._]+/, "")
    .slice(0, max);
  return cleaned || "file";
}

/** Where an evidence original sits in the packet (null for evidence recorded without bytes). */
export function evidenceZipPath(e: Pick<PacketEvidence, "project" | "sha256" | "originalName">): string | null {
  if (!e.sha256) return null;
  return `evidence/${safeName(e.project, 48)}/${e.sha256}-${safeName(e.originalName ?? "original")}`;
}
