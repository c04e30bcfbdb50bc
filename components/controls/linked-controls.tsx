"use client";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { ErrorMessage } from "@/components/ui/error-message";
import { useLinkableControls } from "@/components/backlog/use-backlog-items";
import { RowAction } from "@/components/ui/row-action";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";

// The "Linked controls" card of a backlog item or a runbook: the controls it helps prove, unlink buttons,
// and a search-and-choose form to link another. The caller passes its own link and unlink mutations.

interface KeyMutation {
  mutate: (key: string, options?: { onSuccess?: () => void }) => void;
  isPending: boolean;
  error: unknown;
}

interface Props {
  /** Prefix for element ids, unique on the page (e.g. "item", "rb"). */
  idPrefix: string;
  linked: Array<{ id: string; key: string; title: string }>;
  /** Said when nothing is linked yet: why linking matters here. */
  emptyText: string;
  canWrite: boolean;
  link: KeyMutation;
  unlink: KeyMutation;
  testId?: string;
}

export function LinkedControls({ idPrefix, linked, emptyText, canWrite, link, unlink, testId }: Props) {
  const [q, setQ] = useState("");
  const [choice, setChoice] = useState("");
  const options = useLinkableControls(q, canWrite);
  const available = (options.data ?? []).filter((c) => !linked.some((l) => l.id === c.id));
  const titleId = `${idPrefix}-controls-title`;

  function submit(e: FormEvent) {
    e.preventDefault();
    if (choice) link.mutate(choice, { onSuccess: () => setChoice("") });
  }

  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>Linked controls</h2>
      {linked.length === 0 ? <p className="muted">{emptyText}</p> : null}
      <ul data-testid={testId}>
        {linked.map((c) => (
          <li key={c.id} className="row">
            <Link href={`/controls/${encodeURIComponent(c.key)}`}>
              <span className="mono">{c.key}</span> {c.title}
            </Link>
            {canWrite ? (
              <RowAction action={unlink} value={c.key} name={`Unlink ${c.key}`}>
                Unlink
              </RowAction>
            ) : null}
          </li>
        ))}
      </ul>
      <ErrorMessage error={unlink.error} />
      {canWrite ? (
        <form className="filters" onSubmit={submit}>
          <Field label="Find a control">
            <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="key or words" />
          </Field>
          <SelectField
            label="Control"
            blank={options.isPending ? "Loading…" : available.length ? "Choose…" : "No controls match"}
            options={available.map((c) => ({ value: c.key, label: `${c.key} — ${c.title}` }))}
            value={choice}
            onChange={(e) => setChoice(e.target.value)}
          />
          <button className="btn" type="submit" disabled={!choice || link.isPending}>
            Link control
          </button>
          <ErrorMessage error={link.error ?? options.error} />
        </form>
      ) : null}
    </section>
  );
}
