// Markdown (CommonMark + GitHub tables, task lists and strike-through) to blocks, through mdast with
// source positions, keeping each block's inline markup as written.
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import type { ListItem, Nodes, RootContent, Table } from "mdast";
import type { Block, BlockDocument, ListItemBlock } from "@/lib/import/types";

/** Past this size a document is parsed in pieces cut before "#" headings (outside code fences). */
const CHUNK = 48 * 1024;

/**
 * The Markdown parser's time grows faster than the text on long documents; a heading always starts
 * a new block, so cutting before ATX headings and parsing the pieces gives the same blocks in
 * linear time. Line numbers are shifted back to the whole document's.
 */
export function markdownBlocks(text: string): BlockDocument {
  if (text.length <= CHUNK) return chunkBlocks(text, 0);
  const lines = text.split("\n");
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
    if (b.type === "list") for (const item of b.items) {
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

function parseChunk(text: string): BlockDocument {
  const tree = fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  const slice = (start?: number, end?: number) => (start === undefined || end === undefined ? "" : text.slice(start, end));
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
          out.push({ type: "paragraph", raw: slice(node.position?.start.offset, node.position?.end.offset), line: lineOf(node), endLine: endOf(node) });
          break;
        case "list":
          out.push({ type: "list", ordered: !!node.ordered, items: node.children.map(listItem), line: lineOf(node), endLine: endOf(node) });
          break;
        case "code":
          out.push({ type: "code", lang: node.lang ?? null, value: node.value, line: lineOf(node), endLine: endOf(node) });
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
