import { Field } from "@/components/ui/field";

// The fields a project is created and edited with, with the limits the server holds them to.

interface Bound {
  value: string;
  onChange: (e: { target: { value: string } }) => void;
  error?: string;
}

export function ProjectNameField({ error, ...bound }: Bound) {
  return (
    <Field label="Name" error={error}>
      <input type="text" name="name" {...bound} required maxLength={80} />
    </Field>
  );
}

export function ProjectDescriptionField({ error, rows, ...bound }: Bound & { rows: number }) {
  return (
    <Field label="Description" error={error}>
      <textarea name="description" {...bound} maxLength={2000} rows={rows} />
    </Field>
  );
}
