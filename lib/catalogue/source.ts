// Where a built-in requirement comes from (issue 13, "Sources"): the eCFR section for the IRB
// catalogue, the EUR-Lex article for GDPR, the AICPA criterion id for SOC 2. Derived from the
// reference id, which the catalogues hold exactly as the sources number them. Pure.

export interface RequirementSource {
  /** "eCFR 45 CFR 46.116(a)", "EUR-Lex GDPR Art. 32", "AICPA TSC 2017 CC6.4". */
  label: string;
  /** A link to the primary text, when it has a stable public address. */
  url: string | null;
}

/** CFR parts in the IRB catalogue and the title each belongs to. */
const CFR_TITLE: Record<string, number> = { "46": 45, "164": 45, "56": 21, "11": 21 };

const CFR_SECTION = /^(\d{1,3})\.(\d{1,4})((?:\([a-z0-9]{1,4}\)){0,4})$/;
const GDPR_ARTICLE = /^Art\. (\d{1,2})((?:\([a-z0-9]{1,4}\)){0,3})$/;
const SOC2_CRITERION = /^(CC|A|C|PI|P)\d{1,2}(\.\d{1,2})?$/;

/** The source of a built-in requirement, or null for a custom framework, a grouping node or an unknown id. */
export function sourceOf(frameworkKey: string, refId: string): RequirementSource | null {
  if (frameworkKey === "irb") {
    const m = CFR_SECTION.exec(refId);
    const title = m ? CFR_TITLE[m[1]] : undefined;
    if (!m || !title) return null;
    const section = `${m[1]}.${m[2]}`;
    // eCFR anchors each paragraph as p-<section><paragraphs>, e.g. #p-46.116(a).
    const anchor = m[3] ? `#p-${section}${m[3]}` : "";
    return {
      label: `eCFR ${title} CFR ${refId}`,
      url: `https://www.ecfr.gov/current/title-${title}/section-${section}${anchor}`,
    };
  }
  if (frameworkKey === "gdpr") {
    const m = GDPR_ARTICLE.exec(refId);
    if (!m) return null;
    return {
      label: `EUR-Lex Regulation (EU) 2016/679, ${refId}`,
      url: `https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_${m[1]}`,
    };
  }
  if (frameworkKey === "soc2") {
    if (!SOC2_CRITERION.exec(refId)) return null;
    return { label: `AICPA Trust Services Criteria (2017), ${refId}`, url: null };
  }
  return null;
}
