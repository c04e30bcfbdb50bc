// How the auditor walks fill a URL template's parameters (lib/audits/auditor-walk.int.test.ts over
// every API route, e2e/auditor-scope.spec.ts over every page): with the real ids of the walk's world,
// and with the leak's ids wherever a parameter could name one of them.
import type { auditorWalkWorld, Leak } from "@/lib/audits/testing/auditor-walk-world";

export type WalkWorld = Awaited<ReturnType<typeof auditorWalkWorld>>;

/** The values to try for one parameter, by its name and the segment before it. */
function candidates(w: WalkWorld, leak: Leak, name: string, before: string): string[] {
  switch (name) {
    case "slug":
      return [w.granted.slug, w.other.slug];
    case "auditId":
      return [w.audit.id, w.otherAudit.id];
    case "id":
      if (before === "evidence") return [w.inside.id, ...leak.evidenceIds];
      if (before === "rules") return [w.rule.id];
      if (before === "users") return [w.auditor.id, w.lead.id];
      return ["no-such-id"];
    case "key":
      return before === "frameworks" ? ["soc2"] : [w.control.key];
    case "framework":
      return ["soc2"];
    case "control":
      return [w.control.key];
    case "runbookId":
      return [w.runbook.id, w.otherRunbook.id];
    case "exerciseId":
      return [w.insideDrill.exercise.id, ...leak.exerciseIds];
    case "attachmentId":
      return [w.insideDrill.attachment.id, ...leak.attachmentIds];
    case "itemId":
      return [w.item.id];
    case "requestId":
      return [w.request.id];
    default:
      // grants, packets, populations, samples, documents, criteria, pull requests, tokens: the world
      // has none the auditor could reach through them to the leak; an unknown id must 404 cleanly.
      return ["no-such-id"];
  }
}

/** Every way to fill `template` ("/api/v1/projects/[slug]/evidence/[id]"): the path and its parameters. */
export function expandTemplate(
  template: string,
  w: WalkWorld,
  leak: Leak,
): Array<{ path: string; params: Record<string, string> }> {
  const segments = template.split("/");
  let out: Array<{ path: string[]; params: Record<string, string> }> = [{ path: [], params: {} }];
  segments.forEach((seg, i) => {
    const m = /^\[(\w+)\]$/.exec(seg);
    if (!m) {
      out = out.map((o) => ({ ...o, path: [...o.path, seg] }));
      return;
    }
    const values = candidates(w, leak, m[1], segments[i - 1]);
    out = out.flatMap((o) =>
      values.map((v) => ({ path: [...o.path, encodeURIComponent(v)], params: { ...o.params, [m[1]]: v } })),
    );
  });
  return out.map((o) => ({ path: o.path.join("/"), params: o.params }));
}
