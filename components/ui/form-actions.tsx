/** The row that ends an edit form: save (the form's submit, "Saving…" while pending) and an optional cancel. */
export function FormActions({
  submitLabel,
  pending,
  onCancel,
}: {
  submitLabel: string;
  pending: boolean;
  onCancel?: () => void;
}) {
  return (
    <div className="row">
      <button className="btn btn-primary" type="submit" disabled={pending}>
        {pending ? "Saving…" : submitLabel}
      </button>
      {onCancel ? (
        <button className="btn" type="button" onClick={onCancel}>
          Cancel
        </button>
      ) : null}
    </div>
  );
}
