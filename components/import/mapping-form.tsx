"use client";
import { useState } from "react";
import { Field } from "@/components/ui/field";
import type { TImportMapping } from "@/lib/import/mapping";

export type MappingChoice = {
  items: string;
  state: string;
  stateField: string;
  priorityField: string;
  runbooks: string[];
  skip: string[];
};

export const NO_CHOICE: MappingChoice = {
  items: "auto",
  state: "auto",
  stateField: "",
  priorityField: "",
  runbooks: [],
  skip: [],
};

export function choiceFrom(m: TImportMapping | null | undefined): MappingChoice {
  if (!m) return NO_CHOICE;
  return {
    items: m.items ?? "auto",
    state: m.state ?? "auto",
    stateField: m.stateField ?? "",
    priorityField: m.priorityField ?? "",
    runbooks: m.runbooks ?? [],
    skip: m.skip ?? [],
  };
}

/** The choice as the API takes it; null when nothing is chosen (the importer's own guess). */
export function mappingOf(c: MappingChoice): TImportMapping | null {
  const m: TImportMapping = {
    items: c.items as TImportMapping["items"],
    state: c.state as TImportMapping["state"],
    runbooks: c.runbooks,
    skip: c.skip,
  };
  if (c.stateField.trim()) m.stateField = c.stateField.trim();
  if (c.priorityField.trim()) m.priorityField = c.priorityField.trim();
  const chosen =
    c.items !== "auto" ||
    c.state !== "auto" ||
    !!m.stateField ||
    !!m.priorityField ||
    c.runbooks.length > 0 ||
    c.skip.length > 0;
  return chosen ? m : null;
}

const ITEMS: Array<[string, string]> = [
  ["auto", "Work it out"],
  ["h1", "Level 1 headings"],
  ["h2", "Level 2 headings"],
  ["h3", "Level 3 headings"],
  ["h4", "Level 4 headings"],
  ["h5", "Level 5 headings"],
  ["h6", "Level 6 headings"],
  ["list", "Every list item"],
  ["checkbox", "Checkbox items only"],
  ["table", "Table rows"],
];
const STATES: Array<[string, string]> = [
  ["auto", "Work it out"],
  ["checkbox", "Checkboxes ([x])"],
  ["backtick", "A tag after the title (`DONE`, **RESOLVED**)"],
  ["emoji", "Marks (✅) and strike-through"],
  ["field", "A field (Status: …)"],
  ["table", "A table column"],
];

/**
 * Corrections to how the document is read. Every change asks for a new preview at once (text fields
 * when they lose focus), so the reader sees the effect of each choice; importing saves the choice
 * with the document.
 */
export function MappingForm({
  value,
  sections,
  onChange,
  busy,
  source,
}: {
  value: MappingChoice;
  sections: Array<{ title: string; level: number }>;
  onChange: (next: MappingChoice) => void;
  busy: boolean;
  source: "chosen" | "saved" | "none" | null;
}) {
  const [stateField, setStateField] = useState(value.stateField);
  const [priorityField, setPriorityField] = useState(value.priorityField);
  const titles = [...new Set(sections.map((s) => s.title))].slice(0, 60);
  const toggle = (list: string[], title: string) =>
    list.includes(title) ? list.filter((t) => t !== title) : [...list, title];
  return (
    <section className="stack" aria-labelledby="mapping-title" data-testid="import-mapping">
      <div>
        <h3 id="mapping-title">Not read the way you meant?</h3>
        <p className="small muted">
          Tell Proofline where the items, their state and the runbooks are. The preview updates as you choose, and
          importing keeps these choices with the document for its next version.
          {source === "saved" ? " These are the choices saved with this document." : ""}
        </p>
      </div>
      <div className="form-row">
        <Field label="Items are">
          <select
            value={value.items}
            onChange={(e) => onChange({ ...value, items: e.target.value })}
            disabled={busy}
            data-testid="mapping-items"
          >
            {ITEMS.map(([v, label]) => (
              <option key={v} value={v}>
                {label}
              </option>
            ))}
          </select>
        </Field>
        <Field label="State is written as">
          <select
            value={value.state}
            onChange={(e) => onChange({ ...value, state: e.target.value })}
            disabled={busy}
            data-testid="mapping-state"
          >
            {STATES.map(([v, label]) => (
              <option key={v} value={v}>
                {label}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div className="form-row">
        <Field
          label="State field or column"
          hint='For example "Status" or "Progress"; leave empty to let Proofline find it.'
        >
          <input
            type="text"
            value={stateField}
            maxLength={48}
            onChange={(e) => setStateField(e.target.value)}
            onBlur={() => stateField !== value.stateField && onChange({ ...value, stateField })}
            disabled={busy}
            data-testid="mapping-state-field"
          />
        </Field>
        <Field label="Priority field or column" hint='For example "Severity" or "Risk".'>
          <input
            type="text"
            value={priorityField}
            maxLength={48}
            onChange={(e) => setPriorityField(e.target.value)}
            onBlur={() => priorityField !== value.priorityField && onChange({ ...value, priorityField })}
            disabled={busy}
            data-testid="mapping-priority-field"
          />
        </Field>
      </div>
      {titles.length ? (
        <div className="form-row">
          <fieldset className="stack" style={{ border: 0, padding: 0 }}>
            <legend>Sections that are runbooks</legend>
            {titles.map((t) => (
              <label className="row small" key={`rb-${t}`}>
                <input
                  type="checkbox"
                  checked={value.runbooks.includes(t)}
                  onChange={() => onChange({ ...value, runbooks: toggle(value.runbooks, t) })}
                  disabled={busy}
                />{" "}
                {t}
              </label>
            ))}
          </fieldset>
          <fieldset className="stack" style={{ border: 0, padding: 0 }}>
            <legend>Sections to leave out</legend>
            {titles.map((t) => (
              <label className="row small" key={`skip-${t}`}>
                <input
                  type="checkbox"
                  checked={value.skip.includes(t)}
                  onChange={() => onChange({ ...value, skip: toggle(value.skip, t) })}
                  disabled={busy}
                />{" "}
                {t}
              </label>
            ))}
          </fieldset>
        </div>
      ) : null}
      <div>
        <button
          className="btn"
          type="button"
          onClick={() => onChange(NO_CHOICE)}
          disabled={busy || mappingOf(value) === null}
          data-testid="mapping-reset"
        >
          Let Proofline work it out
        </button>
      </div>
    </section>
  );
}
