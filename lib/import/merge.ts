// One item per key. A key can appear several times in a document: as its own entry (a heading with
// fields), in a bulleted overview, in a summary table. The fullest appearance (heading over list
// item over table row, then the earliest) defines the item; the others fill what it leaves open, and
// a disagreement about priority is reported, not silently resolved.
import type { Block, ParsedItem } from "@/lib/import/types";
import { commandsFrom } from "@/lib/import/entry-content";
import { KEY_SOURCE, SHELL_LANGS } from "@/lib/import/vocabulary";

export interface Candidate extends ParsedItem {
  rank: number;
  explicitPriority: boolean;
  /** The entry states its own status (a Status field, a tag or mark on its heading). */
  explicitStatus?: boolean;
  /** A mention of an entry elsewhere (a summary or verification list): fills gaps, never sets the state. */
  mention?: boolean;
}

const where = (c: Candidate) =>
  `${c.sectionPath.length ? `"${c.sectionPath[c.sectionPath.length - 1]}"` : "the top of the document"} (line ${c.line})`;

export function mergeCandidates(
  candidates: Candidate[],
  blocks: Block[],
  warnings: string[],
  freeCode?: Set<Block>,
): ParsedItem[] {
  const byKey = new Map<string, Candidate[]>();
  const out: Candidate[] = [];
  const entries = new Set(candidates.filter((x) => x.key && !x.mention).map((x) => x.key));
  for (const c of candidates) {
    if (c.mention && !entries.has(c.key)) continue;
    if (!c.key) out.push(c);
    else byKey.set(c.key, [...(byKey.get(c.key) ?? []), c]);
  }
  for (const [key, group] of byKey) {
    const sorted = [...group].sort((a, b) => b.rank - a.rank || a.line - b.line);
    const item: Candidate = {
      ...sorted[0],
      criteria: [...sorted[0].criteria],
      affectedFiles: [...sorted[0].affectedFiles],
      verificationCommands: [...sorted[0].verificationCommands],
    };
    for (const other of sorted.slice(1)) {
      // A mention under a priority heading ("### Critical (Must Fix Before Production)") states a priority too.
      const stated = other.explicitPriority || other.priorityInherited;
      if (stated && other.priority && item.priority && other.priority !== item.priority) {
        if (item.explicitPriority) {
          warnings.push(
            `${key}: priority ${item.priority} in ${where(item)} but ${other.priority} in ${where(other)}; kept ${item.priority} from the item's own entry.`,
          );
        } else
          Object.assign(item, {
            priority: other.priority,
            priorityRaw: other.priorityRaw,
            priorityInherited: false,
            explicitPriority: true,
          });
      } else if (!item.priority && other.priority)
        Object.assign(item, {
          priority: other.priority,
          priorityRaw: other.priorityRaw,
          priorityInherited: other.priorityInherited,
        });
      if (other.mention) {
        item.block ??= other.block;
        continue;
      }
      if (item.status !== "DONE" && other.status === "DONE" && item.explicitStatus) {
        warnings.push(
          `${key}: ${item.status.toLowerCase().replace("_", " ")} in ${where(item)} but done in ${where(other)}; kept the entry's own state.`,
        );
      } else if (item.status !== "DONE" && other.status === "DONE") {
        warnings.push(`${key}: open in ${where(item)} but done in ${where(other)}; marked done.`);
        item.status = "DONE";
      }
      if (!item.criteria.length) item.criteria.push(...other.criteria);
      item.block ??= other.block;
      for (const f of other.affectedFiles) if (!item.affectedFiles.includes(f)) item.affectedFiles.push(f);
    }
    out.push(item);
  }

  // Commands in a shell block that name a key in a comment ("# REL-001: auto-recovery tests") belong to that item.
  const keyed = new Map(out.filter((c) => c.key).map((c) => [c.key!, c]));
  const keyIn = new RegExp(`\\b(${KEY_SOURCE})\\b`);
  for (const b of blocks) {
    if (b.type !== "code" || (freeCode && !freeCode.has(b)) || (b.lang && !SHELL_LANGS.test(b.lang))) continue;
    for (const { command, comment } of commandsFrom(b.value)) {
      const key = comment ? keyIn.exec(comment)?.[1] : undefined;
      const target = key ? keyed.get(key) : undefined;
      if (target && !target.verificationCommands.includes(command)) target.verificationCommands.push(command);
    }
  }

  const seen = new Map<string, number>();
  for (const c of out.filter((x) => !x.key)) {
    const id = `${c.sectionPath.join(" › ")}::${c.title.toLowerCase()}`;
    seen.set(id, (seen.get(id) ?? 0) + 1);
    if (seen.get(id) === 2)
      warnings.push(`"${c.title}" appears more than once under ${where(c)}; each copy is its own item.`);
  }

  return out
    .sort((a, b) => a.line - b.line)
    .map(({ rank: _rank, explicitPriority: _explicit, explicitStatus: _status, mention: _mention, ...item }) => item);
}
