/**
 * A kebab-case key from a title or name ("Überprüfung der Backups" → "uberprufung-der-backups"): accents
 * dropped, every run of other characters one "-", at most `maxLength` characters, `fallback` when
 * nothing is left. Project slugs and runbook and document keys are made with it. No imports: the
 * create-project form runs it in the browser.
 */
export function kebabKey(text: string, maxLength: number, fallback: string): string {
  return (
    text
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-") // runs collapse to one "-", so one at each end is all there is
      .replace(/^-|-$/g, "")
      .slice(0, maxLength)
      .replace(/-$/, "") || fallback
  );
}
