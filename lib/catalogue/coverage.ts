// Mapping coverage of a framework: how many of the requirements readiness scores at least one live
// control serves. Pure. (Readiness, which needs evidence, is computed elsewhere; this only says
// "mapped".) Callers pass scored requirements as `assessable`, with the controls they inherit from a
// group above counted in `mappedControls` and an ancestor's not-applicable reason as their own.
// Applicability is lib/catalogue/applicability.ts, the one definition readiness uses too.
import { defaultNotApplicable } from "@/lib/catalogue/applicability";

export interface CoverageInput {
  assessable: boolean;
  retired: boolean;
  mappedControls: number;
  defaultNotApplicableReason: string | null;
}

export interface Coverage {
  /** Assessable, live requirements. */
  assessable: number;
  /** Served by at least one live (not archived) control. */
  mapped: number;
  /** Unmapped, but not applicable by default (with a written reason). */
  notApplicable: number;
  /** Unmapped and applicable: the gaps. */
  unmapped: number;
  /** mapped / (assessable − notApplicable), or null when nothing is assessable. */
  ratio: number | null;
}

export function coverageOf(requirements: Iterable<CoverageInput>): Coverage {
  let assessable = 0;
  let mapped = 0;
  let notApplicable = 0;
  for (const r of requirements) {
    if (!r.assessable || r.retired) continue;
    assessable++;
    if (r.mappedControls > 0) mapped++;
    else if (defaultNotApplicable(r.defaultNotApplicableReason, r.mappedControls)) notApplicable++;
  }
  const denominator = assessable - notApplicable;
  return {
    assessable,
    mapped,
    notApplicable,
    unmapped: denominator - mapped,
    ratio: denominator > 0 ? mapped / denominator : null,
  };
}

/** "CC6.1", "cc 6.1" and "cc61" all match; "art 32" matches "Art. 32(1)(a)". */
export function normaliseRef(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]/g, "");
}
