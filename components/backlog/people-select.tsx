"use client";
import type { SelectHTMLAttributes } from "react";
import { usePeople } from "@/components/backlog/use-backlog-items";

type Props = Omit<SelectHTMLAttributes<HTMLSelectElement>, "value" | "onChange"> & {
  /** The chosen person's id, or "" for nobody. */
  value: string;
  onChange: (id: string) => void;
  /** The label of the empty choice. */
  noneLabel?: string;
};

/** A select of the people who can own work, with an empty choice; other props (id, aria-*) reach the select. */
export function PeopleSelect({ value, onChange, noneLabel = "Nobody", ...rest }: Props) {
  const people = usePeople();
  return (
    <select {...rest} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{noneLabel}</option>
      {(people.data ?? []).map((p) => (
        <option key={p.id} value={p.id}>
          {p.name}
        </option>
      ))}
    </select>
  );
}
