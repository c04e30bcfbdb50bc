import type { ChangeEvent, ReactNode } from "react";
import { Field } from "@/components/ui/field";

// A labelled <select> built from a list of choices: filters, and the choice fields of edit forms.

export type Option = string | { value: string; label: ReactNode };

/** A record of labels (or of things with a label), keyed by value, as choices in the record's order. */
export function recordOptions(record: Record<string, ReactNode | { label: ReactNode }>): Option[] {
  return Object.entries(record).map(([value, v]) => ({
    value,
    label: v !== null && typeof v === "object" && "label" in v ? v.label : (v as ReactNode),
  }));
}

export function SelectField({
  label,
  hint,
  error,
  value,
  onChange,
  blank,
  options,
  children,
  disabled,
  name,
}: {
  label: string;
  hint?: ReactNode;
  error?: string;
  value: string;
  onChange: (e: ChangeEvent<HTMLSelectElement>) => void;
  /** The label of the empty choice ("Any", "Choose…"); no empty choice when omitted. */
  blank?: ReactNode;
  options: Option[];
  /** More <option>s after the listed ones. */
  children?: ReactNode;
  disabled?: boolean;
  name?: string;
}) {
  return (
    <Field label={label} hint={hint} error={error}>
      <select name={name} value={value} onChange={onChange} disabled={disabled}>
        {blank !== undefined ? <option value="">{blank}</option> : null}
        {options.map((o) =>
          typeof o === "string" ? (
            <option key={o} value={o}>
              {o}
            </option>
          ) : (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ),
        )}
        {children}
      </select>
    </Field>
  );
}

/** A framework as a choice, by its key. */
export function frameworkOption(f: { key: string; name: string }): Option {
  return { value: f.key, label: f.name };
}
