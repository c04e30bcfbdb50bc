// reStructuredText whose line breaks were lost (pasted through a tool that joined every line with a
// space) is put back into lines: a title is the run of words exactly as long as the "-----" after it;
// ".. code-block:: lang" takes the words up to the next sentence; "* " and "1. " after ":", ";" or
// "." start list items, and an item ends at its first full stop followed by a new sentence.

const TITLE_RUN = /(?<=^|\s)([=\-~^"'`#*+])\1{2,}(?=\s|$)/g;

interface Title {
  start: number;
  end: number;
  text: string;
  run: string;
  overline: boolean;
}

function findTitles(s: string): Title[] {
  const titles: Title[] = [];
  for (const m of s.matchAll(TITLE_RUN)) {
    const runStart = m.index ?? 0;
    const run = m[0];
    const runEnd = runStart + run.length;
    const prev = titles[titles.length - 1];
    if (prev && prev.overline && prev.end === -1) {
      // closing line of an overlined title
      if (run === prev.run) prev.end = runEnd;
      continue;
    }
    // Overline: "===== Title =====" (the same run again after at most run-length characters).
    const after = s.slice(runEnd + 1, runEnd + 1 + run.length + 1 + run.length);
    const close = after.indexOf(` ${run}`);
    if (close > 0 && close <= run.length && /^[\p{L}\p{N}]/u.test(after)) {
      titles.push({ start: runStart, end: -1, text: after.slice(0, close).trim(), run, overline: true });
      continue;
    }
    const titleStart = runStart - 1 - run.length;
    if (titleStart < 0 || (titleStart > 0 && s[titleStart - 1] !== " ")) continue;
    const text = s.slice(titleStart, runStart - 1);
    if (!/^[\p{L}\p{N}]/u.test(text) || text.trim() !== text) continue;
    if (prev && titleStart < prev.end) continue;
    titles.push({ start: titleStart, end: runEnd, text, run, overline: false });
  }
  return titles.filter((t) => t.end > 0);
}

const BULLET = /(?:^|(?<=[:;.]\s|[`_]\s))\*\s+(?=\S)/g;

/** Splits prose into paragraphs and list items, one per line, lists separated from prose by blank lines. */
function proseLines(prose: string): string[] {
  const text = prose.trim();
  const marks: Array<{ at: number; len: number; label: string }> = [];
  for (const m of text.matchAll(BULLET)) marks.push({ at: m.index ?? 0, len: m[0].length, label: "*" });
  let expected = 0;
  for (const m of text.matchAll(/(?:^|(?<=[:;.]\s))(\d{1,2})\.\s+(?=\S)/g)) {
    const n = Number(m[1]);
    if (n === 1 || n === expected) {
      marks.push({ at: m.index ?? 0, len: m[0].length, label: `${n}.` });
      expected = n + 1;
    }
  }
  marks.sort((a, b) => a.at - b.at);
  const out: string[] = [];
  const para = (t: string) => {
    const v = t.trim();
    if (v) out.push("", v, "");
  };
  para(text.slice(0, marks[0]?.at ?? text.length));
  for (let k = 0; k < marks.length; k++) {
    const { at, len, label } = marks[k];
    const body = text.slice(at + len, marks[k + 1]?.at ?? text.length).trim();
    const stop = /\.\s+(?=[A-Z])/.exec(body);
    if (stop) {
      out.push(`${label} ${body.slice(0, stop.index + 1)}`);
      para(body.slice(stop.index + 1));
    } else out.push(`${label} ${body}`);
  }
  return out;
}

/** Directives (".. code-block:: bash make chat") inside a stretch of prose. */
function chunkLines(text: string): string[] {
  const out: string[] = [];
  let rest = text;
  for (;;) {
    const d = /\.\. ([a-z][\w-]*)::\s*/.exec(rest);
    if (!d) break;
    out.push(...proseLines(rest.slice(0, d.index)));
    let after = rest.slice(d.index + d[0].length);
    let lang = "";
    if (/^(code-block|code|sourcecode)$/.test(d[1])) {
      const l = /^([a-z][\w+-]*)\s+/.exec(after);
      if (
        l &&
        /^(bash|sh|shell|console|text|python|py|yaml|json|toml|ini|sql|javascript|js|typescript|ts|nginx|none)$/.test(
          l[1],
        )
      ) {
        lang = l[1];
        after = after.slice(l[0].length);
      }
    }
    const end = /\s(?=[A-Z][a-z]+[\s,.:])/.exec(after);
    const code = end ? after.slice(0, end.index) : after;
    out.push("", `.. ${d[1]}::${lang ? ` ${lang}` : ""}`, "", `    ${code.trim()}`, "");
    rest = end ? after.slice(end.index + 1) : "";
  }
  out.push(...proseLines(rest));
  return out;
}

/** One flattened line to reStructuredText lines. */
export function unflattenRst(line: string): string[] {
  const titles = findTitles(line);
  const out: string[] = [];
  let pos = 0;
  for (const t of titles) {
    out.push(...chunkLines(line.slice(pos, t.start)));
    out.push("");
    if (t.overline) out.push(t.run);
    out.push(t.text, t.run, "");
    pos = t.end;
  }
  out.push(...chunkLines(line.slice(pos)));
  // collapse runs of blank lines
  const lines: string[] = [];
  for (const l of out) if (l.trim() || (lines.length && lines[lines.length - 1].trim())) lines.push(l.trimEnd());
  while (lines.length && !lines[lines.length - 1].trim()) lines.pop();
  return lines;
}

/** Reflows every very long line of a document that lost its line breaks. */
export function reflowFlattened(text: string): string {
  return text
    .split("\n")
    .flatMap((l) => (l.length >= 200 ? unflattenRst(l) : [l]))
    .join("\n");
}
