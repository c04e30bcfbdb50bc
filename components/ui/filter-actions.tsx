/** The two buttons that end every filter form: apply what was chosen (the form's submit) and clear it. */
export function FilterActions({ onClear }: { onClear: () => void }) {
  return (
    <>
      <button className="btn btn-primary" type="submit">
        Apply filters
      </button>
      <button className="btn" type="button" onClick={onClear}>
        Clear
      </button>
    </>
  );
}
