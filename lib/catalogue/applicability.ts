// The one definition of "not applicable by default", shared by mapping coverage (lib/catalogue/coverage.ts,
// the framework pages, lib/catalogue/list-frameworks.ts in SQL) and readiness
// (lib/readiness/evaluate-framework.ts). Pure.
//
// A catalogue may give a requirement (or a requirement above it) a written reason why it does not apply
// *unless a control is mapped* (the file format's `notApplicableByDefault`). So a scored requirement is
// not applicable by default exactly when it inherits such a reason and no live control decides it (none
// is mapped to it or to any requirement above it). Once a control decides it, the organisation has said
// the requirement applies: it is mapped for coverage and scored by readiness.

/** The reason a scored requirement is not applicable by default, or null when it applies. */
export function defaultNotApplicable(reason: string | null, decidingControls: number): string | null {
  return reason && decidingControls === 0 ? reason : null;
}
