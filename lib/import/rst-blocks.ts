// reStructuredText to blocks. Titles (underlined, or over- and underlined) get levels in the order
// their styles first appear; code-block directives and "::" literal blocks become code. The lines
// are rewritten one for one into the plain-text parser's vocabulary ("#" titles, ``` fences), so
// line numbers stay those of the document (or of its reflowed form when it arrived on one line).
import type { BlockDocument } from "@/lib/import/types";
import { textBlocks } from "@/lib/import/text-blocks";
import { reflowFlattened } from "@/lib/import/rst-unflatten";
import { restOfLine } from "@/lib/import/scan";

const ADORNMENT = /^([=\-~^"'`#*+:._<>])\1{2,}\s*$/;
const CODE_DIRECTIVE = /^(\s*)\.\.\s+(code-block|code|sourcecode|highlight)::/;
const NOTE_DIRECTIVE = /\.\.\s+(note|warning|tip|important|attention|caution|danger|hint|admonition|todo)::/i;
const OTHER_DIRECTIVE = /^(\s*)\.\.\s+([a-z][\w-]*)::/i;
const COMMENT = /^(\s*)\.\.(\s|$)/;

const indentOf = (l: string) => l.length - l.trimStart().length;
/**
 * ".. code-block:: lang": the indent and the language, or null. The part after "::" is at most one
 * word (`::\s*(\S*)\s*$` read the same, but its two `\s*` around an empty `\S*` made it quadratic).
 */
function codeDirective(line: string): { indent: string; lang: string } | null {
  const m = CODE_DIRECTIVE.exec(line);
  if (!m) return null;
  const lang = line.slice(m[0].length).trim();
  return /\s/.test(lang) ? null : { indent: m[1], lang };
}

/** ".. note:: text" (and the other admonitions): the text after "::", or null. */
function noteDirective(line: string): string | null {
  const m = NOTE_DIRECTIVE.exec(line);
  return m ? restOfLine(line.slice(m.index + m[0].length)) : null;
}

/**
 * "Text::" to "Text:" and " ::" to "" (the literal-block marker): the same as
 * `.replace(/(\S)::\s*$/, "$1:").replace(/\s*::\s*$/, "")`, whose second pattern is quadratic on spaces.
 */
function dropLiteralMarker(line: string): string {
  let s = line;
  let t = s.trimEnd();
  if (t.endsWith("::") && t.length >= 3 && t[t.length - 3].trim() !== "") s = `${t.slice(0, -1)}`;
  t = s.trimEnd();
  return t.endsWith("::") ? t.slice(0, -2).trimEnd() : s;
}

/** "#." (auto-numbered) and "(1)" enumerators, in the form the list reader knows. */
const enumerated = (l: string) => l.replace(/^(\s*)#\.\s/, "$11. ").replace(/^(\s*)\((\d+)\)\s/, "$1$2) ");

/** ":Status: done" (a role such as :ref:`x` has a backtick after its second colon, so it is not one). */
const FIELD_LINE = /^(\s*):([A-Za-z][\w .-]{0,40}):(?:\s+(.*))?$/;
const LIST_START = /^\s*(?:[-*+•]|\d{1,3}[.)]|#\.)\s/;

/** A definition list term: after a blank line, a plain line whose next line is indented further. */
function isTerm(lines: string[], i: number): boolean {
  const line = lines[i];
  const next = lines[i + 1] ?? "";
  if (!line.trim() || !next.trim() || (i > 0 && lines[i - 1].trim())) return false;
  if (
    indentOf(next) <= indentOf(line) ||
    LIST_START.test(line) ||
    /::\s*$/.test(line) ||
    COMMENT.test(line) ||
    line.length > 200
  )
    return false;
  return !ADORNMENT.test(next);
}

const OPTION = /^(\s+):([\w-]{1,40}):(?:\s+(.*))?$/;

/**
 * A directive that is an entry: it has a title argument and an ":id:" or ":status:" option. Options
 * are the indented ":name: value" lines right after it (a body line starting with a role such as
 * :need:`X` is not one: a role has a backtick after its second colon).
 */
function entryDirective(
  lines: string[],
  i: number,
): {
  title: string;
  id: string | null;
  fields: string[];
  end: number;
  bodyFrom: number;
  bodyIndent: number;
  to: number;
} | null {
  const m = OTHER_DIRECTIVE.exec(lines[i]);
  if (!m || NOTE_DIRECTIVE.test(lines[i]) || CODE_DIRECTIVE.test(lines[i])) return null;
  const title = lines[i].slice(m[0].length).trim();
  if (!title) return null;
  const base = indentOf(lines[i]);
  const options: Array<[string, string]> = [];
  let j = i + 1;
  for (; j < lines.length; j++) {
    const o = OPTION.exec(lines[j]);
    if (!o || o[1].length <= base) break;
    options.push([o[2].toLowerCase(), (o[3] ?? "").trim()]);
  }
  if (!options.some(([k]) => k === "id" || k === "status")) return null;
  let to = j;
  while (to < lines.length && (!lines[to].trim() || indentOf(lines[to]) > base)) to++;
  while (to > j && !lines[to - 1].trim()) to--;
  const body = lines.slice(j, to).filter((l) => l.trim());
  const bodyIndent = body.length ? Math.min(...body.map(indentOf)) : base;
  const label = (k: string) => k.charAt(0).toUpperCase() + k.slice(1).replace(/[-_]/g, " ");
  const fields = options.filter(([k]) => k !== "id").map(([k, v]) => `${label(k)}: ${v}`);
  if (fields.length > j - i - 1) fields.length = j - i - 1;
  return { title, id: options.find(([k]) => k === "id")?.[1] || null, fields, end: j, bodyFrom: j, bodyIndent, to };
}

export function rstBlocks(source: string, { flattened = false } = {}): BlockDocument {
  const text = flattened ? reflowFlattened(source) : source;
  const lines = text.split("\n");
  const out = [...lines];
  const styles = new Map<string, number>();
  const level = (style: string) => {
    if (!styles.has(style)) styles.set(style, styles.size + 1);
    return Math.min(6, styles.get(style)!);
  };

  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    const next = lines[i + 1] ?? "";
    const after = lines[i + 2] ?? "";
    // Overlined title: ===== / Title / =====
    if (ADORNMENT.test(line) && next.trim() && !ADORNMENT.test(next) && after.trim() === line.trim()) {
      out[i] = "";
      out[i + 1] = `${"#".repeat(level(`o${line.trim()[0]}`))} ${next.trim()}`;
      out[i + 2] = "";
      i += 3;
      continue;
    }
    // Underlined title: Title / =====
    if (
      line.trim() &&
      !/^\s/.test(line) &&
      ADORNMENT.test(next) &&
      next.trim().length >= line.trim().length &&
      !ADORNMENT.test(line)
    ) {
      out[i] = `${"#".repeat(level(`u${next.trim()[0]}`))} ${line.trim()}`;
      out[i + 1] = "";
      i += 2;
      continue;
    }
    const code = codeDirective(line);
    const literal = !code && /::\s*$/.test(line) && !COMMENT.test(line);
    if (code || literal) {
      const base = indentOf(line);
      let j = i + 1;
      if (code) while (j < lines.length && /^\s*:[\w-]+:/.test(lines[j])) j++; // directive options
      const openAt = j;
      while (j < lines.length && !lines[j].trim()) j++;
      let end = j;
      while (end < lines.length && (!lines[end].trim() || indentOf(lines[end]) > base)) end++;
      while (end > j && !lines[end - 1].trim()) end--;
      const closeFree = end >= lines.length || !lines[end].trim();
      if (end > j && closeFree && (code || openAt < j)) {
        if (code) {
          out[i] = `${" ".repeat(base)}\`\`\`${code.lang}`;
          for (let k = i + 1; k < openAt; k++) out[k] = "";
        } else {
          out[i] = enumerated(dropLiteralMarker(line));
          out[openAt] = `${" ".repeat(base)}\`\`\``;
        }
        // The block keeps the directive's indentation (inside a list item it stays in the item).
        const pad = " ".repeat(base);
        const dedent = Math.min(
          ...lines
            .slice(j, end)
            .filter((l) => l.trim())
            .map(indentOf),
        );
        for (let k = j; k < end; k++)
          out[k] = lines[k].trim() ? `${pad}${lines[k].slice(Math.min(indentOf(lines[k]), dedent))}` : "";
        if (end < lines.length) out[end] = `${pad}\`\`\``;
        else out.push(`${pad}\`\`\``);
        i = end + 1;
        continue;
      }
    }
    const entry = entryDirective(lines, i);
    if (entry) {
      // ".. issue:: Title" with ":id:" / ":status:" options (sphinx-needs and the like): an entry,
      // written as a heading one level below every section, its options as fields, its body as text.
      out[i] = `###### ${entry.id ? `${entry.id}: ` : ""}${entry.title}`;
      for (let k = i + 1; k < entry.end; k++) out[k] = "";
      entry.fields.forEach((f, k) => (out[i + 1 + k] = f));
      for (let k = entry.bodyFrom; k < entry.to; k++)
        out[k] = lines[k].trim() ? lines[k].slice(Math.min(indentOf(lines[k]), entry.bodyIndent)) : "";
      i = entry.to;
      continue;
    }
    if (OTHER_DIRECTIVE.test(line) || (COMMENT.test(line) && !/::/.test(line))) {
      const base = indentOf(line);
      const keep = noteDirective(line);
      // An admonition's text stays at the directive's own indentation, so that one inside a list
      // item stays inside it (at column 0 it would end the list).
      const pad = " ".repeat(base);
      out[i] = keep ? `${pad}${keep}` : "";
      let j = i + 1;
      while (j < lines.length && (!lines[j].trim() || indentOf(lines[j]) > base)) {
        out[j] = keep !== null && lines[j].trim() ? `${pad}${lines[j].trim()}` : "";
        j++;
      }
      i = j;
      continue;
    }
    // Field lists (":Status: done") read as fields; definition lists (a term, its definition
    // indented on the next line) read as list items whose definition is their body.
    const field = FIELD_LINE.exec(line);
    if (field) {
      out[i] = `${field[1]}${field[2]}: ${field[3] ?? ""}`.trimEnd();
      i++;
      continue;
    }
    if (isTerm(lines, i)) {
      out[i] = `${line.slice(0, indentOf(line))}- ${line.trim()}`;
      i++;
      continue;
    }
    out[i] = enumerated(line);
    i++;
  }
  const doc = textBlocks(out.join("\n"), { converted: true });
  const notes = flattened
    ? [
        "The document arrived on one line; it was reflowed at its titles, lists and code blocks, and line numbers refer to that reflowed text.",
      ]
    : [];
  return { format: "rst", blocks: doc.blocks, lines, notes };
}
