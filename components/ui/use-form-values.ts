"use client";
import { useState, type Dispatch, type SetStateAction } from "react";

// The values of an edit form's text inputs, selects and textareas, each bound to its control by name.

type Values = Record<string, string>;

export interface FormValues<T extends Values> {
  values: T;
  setValues: Dispatch<SetStateAction<T>>;
  /** value and onChange of the named control, to spread on it. */
  bind: (field: keyof T & string) => { value: string; onChange: (e: { target: { value: string } }) => void };
}

export function useFormValues<T extends Values>(initial: T | (() => T)): FormValues<T> {
  const [values, setValues] = useState<T>(initial);
  return {
    values,
    setValues,
    bind: (field) => ({
      value: values[field] ?? "",
      onChange: (e) => setValues((v) => ({ ...v, [field]: e.target.value })),
    }),
  };
}
