// YAML ("---" … "---") or TOML ("+++" … "+++") front matter at the top of a document: read as
// metadata (flat "key: value" / "key = value" pairs; nested and multi-line values are kept as the
// raw text of their first line) and blanked out of the text, line for line, so that it is never
// read as a heading, a list or a title and line numbers stay the document's.

export interface FrontMatter {
  format: "yaml" | "toml";
  /** Top-level keys and their scalar values (quotes removed); nested values are "". */
  fields: Record<string, string>;
  /** Lines 1..endLine (1-based, inclusive) held the front matter. */
  endLine: number;
}

/** Front matter longer than this is not front matter (a document that opens with a thematic break). */
const MAX_FRONT_MATTER_LINES = 400;
const YAML_KEY = /^([A-Za-z_][\w.-]{0,63})\s*:(?:\s+(.*))?$/;
const TOML_KEY = /^([A-Za-z_][\w.-]{0,63})\s*=\s*(.*)$/;

const unquote = (v: string) => {
  const t = v.trim();
  return t.length >= 2 && (t[0] === '"' || t[0] === "'") && t[t.length - 1] === t[0] ? t.slice(1, -1) : t;
};

export function readFrontMatter(text: string): { frontMatter: FrontMatter | null; text: string } {
  const lines = text.split("\n", MAX_FRONT_MATTER_LINES + 2);
  const fence = lines[0]?.trimEnd();
  if (fence !== "---" && fence !== "+++") return { frontMatter: null, text };
  const format = fence === "---" ? "yaml" : "toml";
  let end = -1;
  for (let i = 1; i < lines.length && i <= MAX_FRONT_MATTER_LINES; i++) {
    const l = lines[i].trimEnd();
    if (l === fence || (format === "yaml" && l === "...")) {
      end = i;
      break;
    }
  }
  if (end < 1) return { frontMatter: null, text };
  const body = lines.slice(1, end);
  const keyRe = format === "yaml" ? YAML_KEY : TOML_KEY;
  // YAML front matter must look like YAML: its first non-blank line is a key. Otherwise "---" was a rule.
  const firstLine = body.find((l) => l.trim() && !l.trimStart().startsWith("#"));
  if (firstLine !== undefined && !keyRe.test(firstLine)) return { frontMatter: null, text };
  const fields: Record<string, string> = {};
  for (const line of body) {
    if (/^\s/.test(line)) continue; // nested or continued values
    const m = keyRe.exec(line.trimEnd());
    if (m) fields[m[1].toLowerCase()] = /^[|>]/.test((m[2] ?? "").trim()) ? "" : unquote(m[2] ?? "");
  }
  const all = text.split("\n");
  for (let i = 0; i <= end; i++) all[i] = "";
  return { frontMatter: { format, fields, endLine: end + 1 }, text: all.join("\n") };
}

/** The title front matter gives a document: its "title", else its "description" (one line). */
export function frontMatterTitle(fm: FrontMatter | null): string | null {
  const t = fm?.fields.title || fm?.fields.description || "";
  return t.trim() ? t.trim() : null;
}
