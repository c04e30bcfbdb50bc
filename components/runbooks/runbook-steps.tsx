import type { RunbookStepDto } from "@/lib/dto/runbooks";

/** Ordered steps, grouped under their sub-headings, numbered straight through. */
export function RunbookSteps({ steps }: { steps: RunbookStepDto[] }) {
  const groups: Array<{ group?: string; steps: Array<RunbookStepDto & { n: number }> }> = [];
  steps.forEach((s, i) => {
    const last = groups[groups.length - 1];
    if (last && last.group === s.group) last.steps.push({ ...s, n: i + 1 });
    else groups.push({ group: s.group, steps: [{ ...s, n: i + 1 }] });
  });
  return (
    <div className="stack" data-testid="runbook-steps">
      {groups.map((g, k) => (
        <div key={k}>
          {g.group ? <h3>{g.group}</h3> : null}
          <ol start={g.steps[0].n} style={{ paddingLeft: "1.6rem", margin: 0 }}>
            {g.steps.map((s) => (
              <li key={s.n} style={{ marginBottom: "0.35rem" }}>
                {s.text}
                {s.detail ? <pre style={{ whiteSpace: "pre-wrap", margin: "0.3rem 0 0" }}>{s.detail}</pre> : null}
              </li>
            ))}
          </ol>
        </div>
      ))}
    </div>
  );
}
