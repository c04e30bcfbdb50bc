/** The row that ends an edit form: save (the form's submit, "Saving…" while pending) and an optional cancel. */
export function FormActions({
  submitLabel,
  pending,
  pendingLabel = "Saving…",
  onCancel,
  plain,
  disabled,
}: {
  submitLabel: string;
  pending: boolean;
  /** Said on the button while the form is sent, e.g. "Creating…". */
  pendingLabel?: string;
  onCancel?: () => void;
  /** A plain button rather than the primary one (a form that is not the page's main action). */
  plain?: boolean;
  /** Disabled for another reason than sending (e.g. nothing to choose from). */
  disabled?: boolean;
}) {
  return (
    <div className="row">
      <button className={plain ? "btn" : "btn btn-primary"} type="submit" disabled={pending || disabled}>
        {pending ? pendingLabel : submitLabel}
      </button>
      {onCancel ? (
        <button className="btn" type="button" onClick={onCancel}>
          Cancel
        </button>
      ) : null}
    </div>
  );
}
