"use client";
import { useState, type FormEvent } from "react";
import { PRIORITIES, PRIORITY_LABELS, STATUS_LABELS } from "@/lib/backlog/priority";
import { fieldErrors } from "@/lib/client/describe-error";
import { Field } from "@/components/ui/field";
import { ErrorMessage } from "@/components/ui/error-message";
import { PeopleSelect } from "@/components/backlog/people-select";
import { FormActions } from "@/components/ui/form-actions";
import type { ItemPatch } from "@/components/backlog/use-backlog-item";
import type { BacklogItemDto } from "@/lib/dto/backlog";

export type ItemFormValues = Required<
  Pick<
    ItemPatch,
    | "title"
    | "block"
    | "priority"
    | "status"
    | "body"
    | "ownerId"
    | "affectedFiles"
    | "verificationCommands"
    | "criteria"
  >
> & { key?: string };

/** Criteria as lines: "[x] " marks one met, two spaces of indent per level under another. */
export function criteriaToText(criteria: Array<{ text: string; done: boolean; depth: number }>): string {
  return criteria.map((c) => `${"  ".repeat(c.depth)}${c.done ? "[x] " : ""}${c.text}`).join("\n");
}

export function textToCriteria(text: string) {
  return text
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => {
      const depth = Math.min(5, Math.floor((l.length - l.trimStart().length) / 2));
      const m = /^\s*(\[[xX ]\]\s+)?(.*)$/.exec(l)!;
      return { text: m[2].trim(), done: !!m[1] && /x/i.test(m[1]), depth };
    });
}

const lines = (t: string) =>
  t
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

export function valuesOf(item: BacklogItemDto): ItemFormValues {
  return {
    title: item.title,
    block: item.block,
    priority: item.priority,
    status: item.status,
    body: item.body,
    ownerId: item.owner?.id ?? null,
    affectedFiles: item.affectedFiles,
    verificationCommands: item.verificationCommands,
    criteria: item.criteria,
  };
}

/** Creates an item (withKey) or edits one. Each field is labelled; errors appear beside their field. */
export function ItemForm({
  initial,
  withKey,
  submitLabel,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  initial: ItemFormValues;
  withKey?: boolean;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (v: ItemFormValues) => void;
  onCancel?: () => void;
}) {
  const [f, setF] = useState({
    ...initial,
    key: initial.key ?? "",
    files: initial.affectedFiles.join("\n"),
    commands: initial.verificationCommands.join("\n"),
    criteriaText: criteriaToText(initial.criteria),
  });
  const errors = fieldErrors(error);

  function submit(e: FormEvent) {
    e.preventDefault();
    onSubmit({
      ...(withKey && f.key ? { key: f.key } : {}),
      title: f.title,
      block: f.block || null,
      priority: f.priority,
      status: f.status,
      body: f.body,
      ownerId: f.ownerId,
      affectedFiles: lines(f.files),
      verificationCommands: lines(f.commands),
      criteria: textToCriteria(f.criteriaText),
    });
  }

  return (
    <form className="stack" onSubmit={submit} data-testid="item-form">
      <ErrorMessage error={error} />
      <Field label="Title" error={errors.title}>
        <input type="text" value={f.title} onChange={(e) => setF({ ...f, title: e.target.value })} required />
      </Field>
      <div className="form-row">
        {withKey ? (
          <Field label="Key (optional)" hint="Like OPS-12" error={errors.key}>
            <input type="text" value={f.key} onChange={(e) => setF({ ...f, key: e.target.value.toUpperCase() })} />
          </Field>
        ) : null}
        <Field label="Block" hint="The area it belongs to" error={errors.block}>
          <input type="text" value={f.block ?? ""} onChange={(e) => setF({ ...f, block: e.target.value })} />
        </Field>
        <Field label="Priority" error={errors.priority}>
          <select
            value={f.priority ?? ""}
            onChange={(e) => setF({ ...f, priority: (e.target.value || null) as ItemFormValues["priority"] })}
          >
            <option value="">No priority</option>
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {PRIORITY_LABELS[p]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Status" error={errors.status}>
          <select value={f.status} onChange={(e) => setF({ ...f, status: e.target.value as ItemFormValues["status"] })}>
            {Object.entries(STATUS_LABELS).map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Owner" error={errors.ownerId}>
          <PeopleSelect value={f.ownerId ?? ""} onChange={(id) => setF({ ...f, ownerId: id || null })} />
        </Field>
      </div>
      <Field label="Description" error={errors.body}>
        <textarea rows={6} value={f.body} onChange={(e) => setF({ ...f, body: e.target.value })} />
      </Field>
      <Field
        label="Acceptance criteria"
        hint='One per line. Start a line with "[x] " when it is met; indent by two spaces for a point under the one above.'
        error={errors.criteria}
      >
        <textarea rows={5} value={f.criteriaText} onChange={(e) => setF({ ...f, criteriaText: e.target.value })} />
      </Field>
      <div className="form-row">
        <Field label="Affected files" hint="One path per line" error={errors.affectedFiles}>
          <textarea rows={3} value={f.files} onChange={(e) => setF({ ...f, files: e.target.value })} />
        </Field>
        <Field label="Verification commands" hint="One command per line" error={errors.verificationCommands}>
          <textarea rows={3} value={f.commands} onChange={(e) => setF({ ...f, commands: e.target.value })} />
        </Field>
      </div>
      <FormActions submitLabel={submitLabel} pending={pending} onCancel={onCancel} />
    </form>
  );
}
