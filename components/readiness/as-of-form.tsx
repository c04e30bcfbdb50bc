/** A plain GET form: choosing a date reloads the page with ?at=YYYY-MM-DD (works without JavaScript). */
export function AsOfForm({ value, max, action }: { value: string; max: string; action: string }) {
  return (
    <form
      method="get"
      action={action}
      className="row"
      style={{ alignItems: "flex-end", gap: "0.5rem" }}
      data-testid="as-of-form"
    >
      <div className="field" style={{ margin: 0 }}>
        <label htmlFor="as-of">Readiness as of</label>
        <input id="as-of" name="at" type="date" defaultValue={value} max={max} required />
      </div>
      <button className="btn" type="submit">
        Show
      </button>
      <a className="btn btn-link" href={action}>
        Today
      </a>
    </form>
  );
}
