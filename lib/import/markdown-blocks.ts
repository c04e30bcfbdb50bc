// Markdown (CommonMark + GitHub tables, task lists and strike-through) to blocks, through mdast with
// source positions, keeping each block's inline markup as written.
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import type { ListItem, Nodes, RootContent, Table } from "mdast";
import type { Block, BlockDocument, ListItemBlock } from "@/lib/import/types";
import { ImportRefusal } from "@/lib/import/input";

/**
 * Lists and quotes nested deeper than this are refused before parsing: the Markdown library walks its
 * tree recursively ("- - - - … x" 4,000 deep overflowed the stack). No real document comes close.
 */
export const MAX_MARKDOWN_NESTING = 100;
const CONTAINER_MARKER = /^(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)|^>[ \t]?/;

/**
 * An upper bound on how deep a line that opens lists or quotes nests them: its indentation (a nested
 * list is indented by at least two more) plus the markers on the line itself. Other lines: 0.
 */
function nestingOf(line: string): number {
  let i = 0;
  let indent = 0;
  let markers = 0;
  for (;;) {
    while (line[i] === " " || line[i] === "\t") indent += line[i++] === "\t" ? 4 : 1;
    const m = CONTAINER_MARKER.exec(line.slice(i, i + 16));
    if (!m) break;
    markers++;
    i += m[0].length;
  }
  return markers ? Math.floor(indent / 2) + markers : 0;
}

/** Past this size a document is parsed in pieces cut before "#" headings (outside code fences). */
const CHUNK = 48 * 1024;

/**
 * The Markdown parser's time grows faster than the text on long documents; a heading always starts
 * a new block, so cutting before ATX headings and parsing the pieces gives the same blocks in
 * linear time. Line numbers are shifted back to the whole document's.
 */
export function markdownBlocks(text: string): BlockDocument {
  const lines = text.split("\n");
  let inFence: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const f = /^\s{0,3}(`{3,}|~{3,})/.exec(lines[i]);
    if (f) inFence = inFence === null ? f[1][0] : inFence === f[1][0] ? null : inFence;
    else if (inFence === null && nestingOf(lines[i]) > MAX_MARKDOWN_NESTING) {
      throw new ImportRefusal(
        "too-complex",
        `Line ${i + 1} nests lists or quotes more than ${MAX_MARKDOWN_NESTING} levels deep, so the document was not imported. Flatten that part and import it again.`,
      );
    }
  }
  if (text.length <= CHUNK) return chunkBlocks(text, 0);
  const blocks: Block[] = [];
  let start = 0;
  let size = 0;
  let fence: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const f = /^\s{0,3}(`{3,}|~{3,})/.exec(lines[i]);
    if (f) fence = fence === null ? f[1][0] : fence === f[1][0] ? null : fence;
    if (fence === null && size >= CHUNK && /^#{1,6}\s/.test(lines[i])) {
      blocks.push(...chunkBlocks(lines.slice(start, i).join("\n"), start).blocks);
      start = i;
      size = 0;
    }
    size += lines[i].length + 1;
  }
  blocks.push(...chunkBlocks(lines.slice(start).join("\n"), start).blocks);
  return { format: "markdown", blocks, lines, notes: [] };
}

function shift(blocks: Block[], by: number): Block[] {
  if (!by) return blocks;
  for (const b of blocks) {
    b.line += by;
    b.endLine += by;
    if (b.type === "list")
      for (const item of b.items) {
        item.line += by;
        item.endLine += by;
        shift(item.children, by);
      }
    if (b.type === "table") for (const row of b.rows) row.line += by;
  }
  return blocks;
}

function chunkBlocks(text: string, lineOffset: number): BlockDocument {
  const doc = parseChunk(text);
  return { ...doc, blocks: shift(doc.blocks, lineOffset) };
}

/**
 * Only block structure is read here (inline markup is taken from the source as written), so the
 * inline constructs are switched off: emphasis, links and literal autolinks cost the library time
 * that grows faster than the text (a 25 KB line of "*a*a…" took 50 s, a run of "[" seconds), and the
 * autolink step walks the tree recursively. Task-list checks and table cells are still read.
 */
const BLOCKS_ONLY = {
  disable: {
    null: [
      "attention",
      "autolink",
      "htmlText",
      "labelStartImage",
      "labelStartLink",
      "labelEnd",
      "strikethrough",
      "wwwAutolink",
      "protocolAutolink",
      "emailAutolink",
      "gfmFootnoteCall",
      "gfmPotentialFootnoteCall",
    ],
  },
};
const MDAST_EXTENSIONS = gfmFromMarkdown().filter((e) => !e.transforms?.length);

function parseChunk(text: string): BlockDocument {
  const tree = fromMarkdown(text, { extensions: [gfm(), BLOCKS_ONLY], mdastExtensions: MDAST_EXTENSIONS });
  const slice = (start?: number, end?: number) =>
    start === undefined || end === undefined ? "" : text.slice(start, end);
  const rawOf = (node: { children?: Nodes[] } & Nodes): string => {
    const kids = "children" in node && node.children ? node.children : [];
    if (!kids.length) return "";
    return slice(kids[0].position?.start.offset, kids[kids.length - 1].position?.end.offset);
  };
  const lineOf = (node: Nodes) => node.position?.start.line ?? 1;
  const endOf = (node: Nodes) => node.position?.end.line ?? lineOf(node);

  function convert(nodes: RootContent[]): Block[] {
    const out: Block[] = [];
    for (const node of nodes) {
      switch (node.type) {
        case "heading":
          out.push({ type: "heading", level: node.depth, raw: rawOf(node), line: lineOf(node), endLine: endOf(node) });
          break;
        case "paragraph":
          out.push({
            type: "paragraph",
            raw: slice(node.position?.start.offset, node.position?.end.offset),
            line: lineOf(node),
            endLine: endOf(node),
          });
          break;
        case "list":
          out.push({
            type: "list",
            ordered: !!node.ordered,
            items: node.children.map(listItem),
            line: lineOf(node),
            endLine: endOf(node),
          });
          break;
        case "code":
          out.push({
            type: "code",
            lang: node.lang ?? null,
            value: node.value,
            line: lineOf(node),
            endLine: endOf(node),
          });
          break;
        case "table":
          out.push(table(node));
          break;
        case "thematicBreak":
          out.push({ type: "break", line: lineOf(node), endLine: endOf(node) });
          break;
        case "blockquote":
          out.push(...convert(node.children));
          break;
        default:
          break; // html, definitions, footnotes: not structure
      }
    }
    return out;
  }

  function listItem(node: ListItem): ListItemBlock {
    const [first, ...rest] = node.children;
    const leadIsText = first?.type === "paragraph";
    return {
      raw: leadIsText ? slice(first.position?.start.offset, first.position?.end.offset) : "",
      checked: typeof node.checked === "boolean" ? node.checked : null,
      line: lineOf(node),
      endLine: endOf(node),
      children: convert(leadIsText ? rest : node.children),
    };
  }

  function table(node: Table): Block {
    const [head, ...body] = node.children;
    const cells = (row: Table["children"][number]) => row.children.map((cell) => rawOf(cell).trim());
    return {
      type: "table",
      header: head ? cells(head) : [],
      rows: body.map((row) => ({ cells: cells(row), line: lineOf(row) })),
      line: lineOf(node),
      endLine: endOf(node),
    };
  }

  return { format: "markdown", blocks: convert(tree.children), lines: text.split("\n"), notes: [] };
}
