"use client";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { ErrorMessage } from "@/components/ui/error-message";
import { useItemMutation, type BacklogItemView } from "@/components/backlog/use-backlog-item";
import { useLinkableControls } from "@/components/backlog/use-backlog-items";

/** The controls an item's work serves, with link and unlink. */
export function ItemControls({ item, canWrite }: { item: BacklogItemView; canWrite: boolean }) {
  const slug = item.project.slug;
  const link = useItemMutation(slug, item.id, (control: string) => ({ path: "/controls", method: "POST", body: { control } }));
  const unlink = useItemMutation(slug, item.id, (key: string) => ({ path: `/controls/${encodeURIComponent(key)}`, method: "DELETE" }));
  const [q, setQ] = useState("");
  const [choice, setChoice] = useState("");
  const options = useLinkableControls(q, canWrite);
  const available = (options.data ?? []).filter((c) => !item.controls.some((l) => l.id === c.id));

  function submit(e: FormEvent) {
    e.preventDefault();
    if (choice) link.mutate(choice, { onSuccess: () => setChoice("") });
  }

  return (
    <section className="card" aria-labelledby="controls-title">
      <h2 id="controls-title">Linked controls</h2>
      {item.controls.length === 0 ? <p className="muted">Not linked to any control. Linking says which control this work helps prove.</p> : null}
      <ul data-testid="item-controls">
        {item.controls.map((c) => (
          <li key={c.id} className="row">
            <Link href={`/controls/${encodeURIComponent(c.key)}`}>
              <span className="mono">{c.key}</span> {c.title}
            </Link>
            {canWrite ? (
              <button type="button" className="btn btn-small" onClick={() => unlink.mutate(c.key)} disabled={unlink.isPending} aria-label={`Unlink ${c.key}`}>
                Unlink
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      <ErrorMessage error={unlink.error} />
      {canWrite ? (
        <form className="filters" onSubmit={submit}>
          <div className="field">
            <label htmlFor="ctl-q">Find a control</label>
            <input id="ctl-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="key or words" />
          </div>
          <div className="field">
            <label htmlFor="ctl-choice">Control</label>
            <select id="ctl-choice" value={choice} onChange={(e) => setChoice(e.target.value)}>
              <option value="">{options.isPending ? "Loading…" : available.length ? "Choose…" : "No controls match"}</option>
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
          <ErrorMessage error={link.error ?? options.error} />
        </form>
      ) : null}
    </section>
  );
}
