"use client";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { ErrorMessage } from "@/components/ui/error-message";
import { useLinkableControls } from "@/components/backlog/use-backlog-items";
import { useRunbookMutation, type RunbookView } from "@/components/runbooks/use-runbook";

export function RunbookControls({ runbook, canWrite }: { runbook: RunbookView; canWrite: boolean }) {
  const slug = runbook.project.slug;
  const link = useRunbookMutation(slug, runbook.id, (control: string) => ({ path: "/controls", method: "POST", body: { control } }));
  const unlink = useRunbookMutation(slug, runbook.id, (key: string) => ({ path: `/controls/${encodeURIComponent(key)}`, method: "DELETE" }));
  const [choice, setChoice] = useState("");
  const options = useLinkableControls("", canWrite);
  const available = (options.data ?? []).filter((c) => !runbook.controls.some((l) => l.id === c.id));

  function submit(e: FormEvent) {
    e.preventDefault();
    if (choice) link.mutate(choice, { onSuccess: () => setChoice("") });
  }

  return (
    <section className="card" aria-labelledby="rb-controls-title">
      <h2 id="rb-controls-title">Linked controls</h2>
      {runbook.controls.length === 0 ? <p className="muted">Not linked to any control. A restore drill usually proves a backup control; link it so readiness counts its exercises.</p> : null}
      <ul>
        {runbook.controls.map((c) => (
          <li key={c.id} className="row">
            <Link href={`/controls/${encodeURIComponent(c.key)}`}>
              <span className="mono">{c.key}</span> {c.title}
            </Link>
            {canWrite ? (
              <button type="button" className="btn btn-small" onClick={() => unlink.mutate(c.key)} aria-label={`Unlink ${c.key}`}>
                Unlink
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      <ErrorMessage error={unlink.error ?? link.error} />
      {canWrite ? (
        <form className="filters" onSubmit={submit}>
          <div className="field">
            <label htmlFor="rb-ctl">Control</label>
            <select id="rb-ctl" value={choice} onChange={(e) => setChoice(e.target.value)}>
              <option value="">{available.length ? "Choose…" : "No controls to link"}</option>
              {available.map((c) => (
                <option key={c.id} value={c.key}>
                  {c.key} — {c.title}
                </option>
              ))}
            </select>
          </div>
          <button className="btn" type="submit" disabled={!choice || link.isPending}>
            Link control
          </button>
        </form>
      ) : null}
    </section>
  );
}
