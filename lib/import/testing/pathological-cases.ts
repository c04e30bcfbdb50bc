// Pathological inputs for every pattern the importer (and the filing rules) apply to user input:
// long runs of spaces, "#", "|", "-", "*", "[", backticks, nested markers, and lines of 100 KB and
// more. Each case builds its input for a size n and returns a small summary of what was read; the
// test runs it at n and 8n on a worker thread with a hang guard (a quadratic pattern needs minutes
// at 800 KB, a cubic one days) and checks the summary. Only public entry points are called, so the
// same corpus runs against older code.
import { parseDocument } from "@/lib/import/parse-document";
import { ImportRefusal } from "@/lib/import/input";
import { codeSpans, plainInline, readField, readMarks, tidyTitle } from "@/lib/import/inline";
import { detectFormat } from "@/lib/import/detect-format";
import { isPriorityHeading } from "@/lib/import/outline";
import { splitKey } from "@/lib/import/interpret";
import { slugKey } from "@/lib/import/runbooks";
import { readPriority, titleTag } from "@/lib/import/signals";
import { headingId, headingTags } from "@/lib/import/heading-signals";
import { readFrontMatter } from "@/lib/import/front-matter";
import { ruleMatches } from "@/lib/evidence/rule-match";
import { parseTime } from "@/lib/ingest/time";

export interface PathologicalCase {
  name: string;
  /** Reads the input of size about n; returns a small, structured-cloneable summary. */
  run(n: number): unknown;
  /** What the summary must be at size n. */
  expected(n: number): unknown;
}

const rep = (s: string, n: number) => s.repeat(Math.max(1, Math.floor(n / s.length)));
const ITEM = "\n\n- [ ] the one real item\n";

type DocSummary = { format: string; sections: number; items: string[]; runbooks: number } | { refused: string };

/** What a parse found, or the refusal's code. */
function doc(text: string, filename: string, format?: "markdown" | "rst" | "text"): DocSummary {
  try {
    const d = parseDocument(text, { filename, format, maxBytes: 64 * 1024 * 1024 });
    return {
      format: d.format,
      sections: d.sections.length,
      items: d.items.map((i) => i.title.slice(0, 40)),
      runbooks: d.runbooks.length,
    };
  } catch (err) {
    if (err instanceof ImportRefusal) return { refused: err.code };
    throw err;
  }
}

const items = (format: string, titles: string[], sections = 0) => ({ format, sections, items: titles, runbooks: 0 });

export const CASES: PathologicalCase[] = [
  // --- "#" headings (text-blocks.ts: the cubic `^(#{1,6})\s+(\S.*?)\s*#*\s*$`) ---
  {
    name: "txt: '# a' + spaces + 'x' (the reported 1.5 KB attack)",
    run: (n) => doc(`# a${" ".repeat(n)}x${ITEM}`, "a.txt"),
    expected: () => items("text", ["the one real item"], 1),
  },
  {
    name: "txt: '# a' + spaces + a line separator",
    run: (n) => doc(`# a${" ".repeat(n)}\u2028${ITEM}`, "a.txt"),
    expected: () => items("text", ["the one real item"], 1),
  },
  {
    name: "txt: '# a' + spaces + '#' run + spaces",
    run: (n) => doc(`# a${" ".repeat(n / 2)}${"#".repeat(n / 2)}   ${ITEM}`, "a.txt"),
    expected: () => items("text", ["the one real item"], 1),
  },
  {
    name: "txt: a line of only '#'",
    run: (n) => doc(`${"#".repeat(n)}${ITEM}`, "a.txt"),
    expected: () => items("text", ["the one real item"], 0),
  },
  {
    name: "txt: '#' and spaces alternating",
    run: (n) => doc(`${rep("# ", n)}x${ITEM}`, "a.txt"),
    expected: () => items("text", ["the one real item"], 1),
  },
  {
    name: "rst: a title underlined, then a '#' heading line of spaces",
    run: (n) => doc(`Title\n=====\n\n# b${"\t".repeat(n)}c\n\n- one item\n`, "a.rst"),
    expected: () => items("rst", ["one item"], 2),
  },
  // --- format detection (detect-format.ts: table separator and link patterns) ---
  {
    name: "detect: spaces or tabs, then no table separator",
    run: (n) => detectFormat(`${"\t".repeat(n)}x`).format,
    expected: () => "text",
  },
  {
    name: "detect: '|' + spaces + '---' without the closing '|'",
    run: (n) => detectFormat(`|${" ".repeat(n)}${"-".repeat(n)}`).format,
    expected: () => "text",
  },
  { name: "detect: '[[[[' without a link", run: (n) => detectFormat(rep("[[", n)).format, expected: () => "text" },
  {
    name: "detect: '[a](' repeated without ')'",
    run: (n) => detectFormat(rep("[a](", n)).format,
    expected: () => "text",
  },
  {
    name: "detect: '[' + text + '](' + target + ')' after a long run",
    run: (n) => detectFormat(`${rep("[", n)}a](b)\n# H\n`).format,
    expected: () => "markdown",
  },
  {
    name: "detect: '---' rows of a table with long padding",
    run: (n) => detectFormat(`| a | b |\n|${" ".repeat(n)}--- | --- |\n# T\n`).format,
    expected: () => "markdown",
  },
  // --- inline markup (inline.ts) ---
  {
    name: "inline: '![](' repeated (image without ')')",
    run: (n) => plainInline(rep("![](", n)).length,
    expected: (n) => rep("![](", n).length,
  },
  {
    name: "inline: '[(' repeated then '][[]()'",
    run: (n) => plainInline(`${rep("[(", n)}][[]()`).slice(-6),
    expected: () => "[([(][",
  }, // only "[[]()" is a link; its text "[" stays
  {
    name: "inline: rst link '`' + tabs + '>`_' (no '<': a reference)",
    run: (n) => plainInline(`\`${"\t".repeat(n)}>\`_`),
    expected: () => ">",
  },
  {
    name: "inline: rst reference '`_' + tabs + '`_`_'",
    run: (n) => plainInline(`\`_${"\t".repeat(n)}x\`_\`_`),
    expected: () => "_ x`_",
  },
  {
    name: "inline: '<A' repeated (tag without '>')",
    run: (n) => plainInline(rep("<A", n)).length,
    expected: (n) => rep("<A", n).length,
  },
  {
    name: "inline: links and tags still read",
    run: (n) => plainInline(`${" ".repeat(n)}[docs](https://x.test/a) <b>bold</b> \`x <y>\`_ ![alt](i.png)`),
    expected: () => "docs bold x alt",
  },
  { name: "inline: '`' runs (code spans)", run: (n) => codeSpans(`${rep("`", n)}a\`b\``).length, expected: () => 1 },
  {
    name: "marks: '☑' run then a letter (exponential trailing-marks pattern)",
    run: (n) => readMarks(`${"☑".repeat(n)}V`),
    expected: () => ({ text: "V", mark: "done" }),
  },
  {
    name: "marks: ' ✅' repeated, then text",
    run: (n) => readMarks(`task${rep(" ✅", n)} x`).mark,
    expected: () => null,
  },
  {
    name: "marks: trailing status after a long run of marks",
    run: (n) => readMarks(`task${rep(" ✅", n)} - DONE`),
    expected: () => ({ text: "task", mark: "done" }),
  },
  {
    name: "marks: struck text then marks and spaces",
    run: (n) => readMarks(`~~old~~${rep(" ☑", n)}`).mark,
    expected: () => "done",
  },
  {
    name: "field: 'A:' + spaces/tabs + '**' + line break",
    run: (n) => readField(`A:${rep(" \t", n)}${rep("**", n)}\u2028`),
    expected: () => null,
  },
  {
    name: "field: 'Priority:' + spaces + value",
    run: (n) => readField(`**Priority**:${" ".repeat(n)}High`),
    expected: () => ({ label: "Priority", valueRaw: "High" }),
  },
  {
    name: "title: ',' run then text",
    run: (n) => tidyTitle(`${",".repeat(n)}x,,,`),
    expected: () => `${",".repeat(197)}…`,
  },
  {
    name: "priority heading: 'priority' + tabs + letter",
    run: (n) => isPriorityHeading(`priority${"\t".repeat(n)}I`),
    expected: () => false,
  },
  {
    name: "priority heading: 'HIGH' + spaces + '(' text",
    run: (n) => isPriorityHeading(`HIGH${" ".repeat(n)}(must fix)`),
    expected: () => true,
  },
  {
    name: "priority tag: '[HIGH]' + spaces, no title",
    run: (n) => titleTag(`[HIGH]${" ".repeat(n)}`).priority,
    expected: () => null,
  },
  { name: "priority word: long text", run: (n) => readPriority(`${rep("x ", n)}P1`).priority, expected: () => "HIGH" },
  { name: "key: 'A-' segments without a number", run: (n) => splitKey(`${rep("A-", n)}x`).key, expected: () => null },
  {
    name: "key: 'REL-001' + spaces + a line separator + title",
    run: (n) => splitKey(`REL-001${" ".repeat(n)}\u2028x`),
    expected: () => ({ key: "REL-001", rest: "x" }),
  },
  { name: "slug: '-' run", run: (n) => slugKey(`${"-".repeat(n)}a${"-".repeat(n)}`), expected: () => "a" },
  // --- whole documents: Markdown, reStructuredText, text ---
  {
    name: "md: a shell comment naming 'A0-' segments (key search)",
    run: (n) =>
      doc(`# T\n\n## REL-001: fix\n\n**Priority**: High\n\n\`\`\`bash\n# ${rep("A0-", n)}\necho\n\`\`\`\n`, "a.md"),
    expected: () => items("markdown", ["fix"], 2),
  },
  {
    name: "md: a table cell of '*'",
    run: (n) => doc(`# T\n\n| ID | Title |\n|---|---|\n| ${"*".repeat(n)} | x |\n| REL-1 | y |\n`, "a.md"),
    expected: () => items("markdown", ["y"], 1),
  },
  {
    name: "md: a line of '|'",
    run: (n) => doc(`# T\n\n${"|".repeat(n)}${ITEM}`, "a.md"),
    expected: () => items("markdown", ["the one real item"], 1),
  },
  {
    name: "md: '- - - … x' (lists nested n/2 deep: refused, not a stack overflow)",
    run: (n) => doc(`# T\n\n${rep("- ", n)}x${ITEM}`, "a.md"),
    expected: () => ({ refused: "too-complex" }),
  },
  {
    name: "md: '> > > … x' (quotes nested n/2 deep)",
    run: (n) => doc(`# T\n\n${rep("> ", n)}x${ITEM}`, "a.md"),
    expected: () => ({ refused: "too-complex" }),
  },
  {
    name: "txt: a list nested by one more space per line",
    run: (n) => {
      const r = doc(
        `T\n\n${Array.from({ length: Math.floor(Math.sqrt(2 * n)) }, (_, i) => `${" ".repeat(i)}- x${i}`).join("\n")}\n`,
        "a.txt",
      );
      return "items" in r ? r.items.length : r;
    },
    expected: () => 1,
  },
  {
    name: "md: a line of '*' runs",
    run: (n) => doc(`# T\n\n${rep("*a", n)}${ITEM}`, "a.md"),
    expected: () => items("markdown", ["the one real item"], 1),
  },
  {
    name: "md: '[' runs",
    run: (n) => doc(`# T\n\n${rep("[", n)}${ITEM}`, "a.md"),
    expected: () => items("markdown", ["the one real item"], 1),
  },
  {
    name: "md: a code block with a long blank start",
    run: (n) => doc(`# T\n\n\`\`\`\n${" ".repeat(n)}\nx${" ".repeat(n)}\n\`\`\`\n${ITEM}`, "a.md"),
    expected: () => items("markdown", ["the one real item"], 1),
  },
  {
    name: "txt: a fenced block of spaces (read as Markdown)",
    run: (n) => doc(`T\n\n\`\`\`\n${" ".repeat(n)}\n\`\`\`\n${ITEM}`, "a.txt"),
    expected: () => items("markdown", ["the one real item"], 0),
  },
  {
    name: "txt: numbered label + tabs",
    run: (n) => doc(`Intro\n\n1.1${"\t".repeat(n)}\n${ITEM}`, "a.txt"),
    expected: () => items("text", ["the one real item"], 2),
  },
  {
    name: "rst: '.. code::' + tabs + two words",
    run: (n) => doc(`Title\n=====\n\n.. code::${"\t".repeat(n)}code:: k\n\n   x\n\n- one\n`, "a.rst"),
    expected: () => items("rst", ["one"], 1),
  },
  {
    name: "rst: text + spaces + '::'",
    run: (n) => doc(`Title\n=====\n\nExample${" ".repeat(n)}::\n\n   code\n\n- one\n`, "a.rst"),
    expected: () => items("rst", ["one"], 1),
  },
  {
    name: "rst: '.. note::' + spaces + text + line break",
    run: (n) => doc(`Title\n=====\n\n.. note::${" ".repeat(n)}x\u2028y\n\n- one\n`, "a.rst"),
    expected: () => items("rst", ["one"], 1),
  },
  {
    name: "rst: a line of '=' and spaces (flattened titles)",
    run: (n) => {
      const r = doc(`${rep("Title ===== ", n)}\n- one\n`, "a.rst");
      return "format" in r ? r.format : r;
    },
    expected: () => "rst",
  },
  // --- the generalised rules (issue 14): heading IDs and tags, front matter, procedures, directives ---
  {
    name: "heading id: 'A-a-a…' segments without a number",
    run: (n) => headingId(`${rep("A-a", n)}x title`),
    expected: () => null,
  },
  {
    name: "heading id: 'GAP' + spaces + '1' (no separator)",
    run: (n) => headingId(`GAP${" ".repeat(n)}1 x`),
    expected: () => null,
  },
  { name: "heading tags: '**' runs", run: (n) => headingTags(`T ${rep("**", n)}`).priority, expected: () => null },
  {
    name: "heading tags: '`' runs then a state",
    run: (n) => headingTags(`T ${rep("`", n)} — \`DONE\``).status,
    expected: () => "DONE",
  },
  {
    name: "heading tags: ' · ' runs",
    run: (n) => headingTags(`T${rep(" ·", n)} HIGH`).priority,
    expected: () => "HIGH",
  },
  {
    name: "front matter: '---' then n key lines, never closed",
    run: (n) => readFrontMatter(`---\n${rep("k: v\n", n)}`).frontMatter,
    expected: () => null,
  },
  {
    name: "front matter: a key of spaces",
    run: (n) => readFrontMatter(`---\ntitle:${" ".repeat(n)}x\n---\n# T\n`).frontMatter?.fields.title,
    expected: () => "x",
  },
  {
    // Heading-heavy documents go through the plain-text reader: the Markdown library alone spends
    // about a millisecond per heading, which would hide the importer's own cost at these sizes.
    name: "txt: many numbered headings under an alert runbook",
    run: (n) => {
      const k = Math.max(3, Math.floor(n / 28));
      const r = doc(
        `# Alert\n\n## Meaning\n\nx\n\n## Diagnosis\n\n${Array.from({ length: k }, (_, i) => `### ${i + 1}. Check ${i}\n\ntext\n`).join("\n")}`,
        "a.txt",
        "text",
      );
      return "runbooks" in r ? [r.runbooks, r.items.length] : r;
    },
    expected: () => [1, 0],
  },
  {
    name: "txt: many 'GAP n:' headings under many groups",
    run: (n) => {
      const k = Math.max(2, Math.floor(n / 60));
      const r = doc(
        `# Gaps\n\n${Array.from({ length: k }, (_, i) => `## Tier ${i}\n\n### GAP ${i}: thing ${i}\n\n**Status:** open\n`).join("\n")}`,
        "a.txt",
        "text",
      );
      return "items" in r ? r.items.length === k : r;
    },
    expected: () => true,
  },
  {
    name: "rst: an entry directive with many options",
    run: (n) => {
      const r = doc(
        `Issues\n======\n\n.. issue:: One\n   :id: ISSUE_1\n   :status: done\n${rep("   :x: y\n", n)}\n   Body.\n`,
        "a.rst",
      );
      return "items" in r ? r.items : r;
    },
    expected: () => ["One"],
  },
  // --- filing-rule globs (rule-match.ts) ---
  {
    name: "rule glob: '*a*a*a*a*a*a*a*a*b' against 'a…a'",
    run: (n) => {
      const ev = {
        kind: "TEST_REPORT" as const,
        format: "junit",
        sourceRepo: null,
        sourceBranch: null,
        sourceWorkflow: "a".repeat(Math.min(n, 100_000)),
        subject: null,
      };
      return ruleMatches({ kind: null, format: null, conditions: { workflow: "*a*a*a*a*a*a*a*a*b" } }, ev);
    },
    expected: () => false,
  },
  // --- evidence timestamps (ingest/time.ts) ---
  { name: "time: a long run of digits", run: (n) => parseTime("9".repeat(n)) === undefined, expected: () => true },
];
