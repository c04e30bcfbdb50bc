import { Fragment, type ReactNode } from "react";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import type { Nodes, Parents } from "mdast";

// Text that teams wrote in Markdown (an item's description, imported with its document), shown as
// formatted text. It goes from the Markdown tree straight to React elements: raw HTML in the text is
// shown as text, never interpreted, and only http(s) and mailto links become links.

const SAFE_LINK = /^(https?:|mailto:)/i;

function children(node: Parents, path: string): ReactNode[] {
  return node.children.map((child, i) => render(child as Nodes, `${path}.${i}`));
}

function render(node: Nodes, key: string): ReactNode {
  switch (node.type) {
    case "root":
      return <Fragment key={key}>{children(node, key)}</Fragment>;
    case "paragraph":
      return <p key={key}>{children(node, key)}</p>;
    case "heading":
      // Inside a page the document's own headings are sub-headings at most.
      return (
        <p key={key}>
          <strong>{children(node, key)}</strong>
        </p>
      );
    case "text":
      return node.value;
    case "strong":
      return <strong key={key}>{children(node, key)}</strong>;
    case "emphasis":
      return <em key={key}>{children(node, key)}</em>;
    case "delete":
      return <del key={key}>{children(node, key)}</del>;
    case "inlineCode":
      return <code key={key}>{node.value}</code>;
    case "code":
      return (
        <pre key={key}>
          <code>{node.value}</code>
        </pre>
      );
    case "break":
      return <br key={key} />;
    case "thematicBreak":
      return <hr key={key} />;
    case "blockquote":
      return <blockquote key={key}>{children(node, key)}</blockquote>;
    case "list": {
      const Tag = node.ordered ? "ol" : "ul";
      return (
        <Tag key={key} start={node.ordered && node.start != null && node.start !== 1 ? node.start : undefined}>
          {children(node, key)}
        </Tag>
      );
    }
    case "listItem":
      return (
        <li key={key}>
          {node.checked != null ? (
            <span aria-label={node.checked ? "done" : "not done"}>{node.checked ? "☑ " : "☐ "}</span>
          ) : null}
          {/* A tight list item's paragraph is not a block of its own. */}
          {node.spread
            ? children(node, key)
            : node.children.map((c, i) =>
                c.type === "paragraph" ? (
                  <Fragment key={i}>{children(c, `${key}.${i}`)}</Fragment>
                ) : (
                  render(c as Nodes, `${key}.${i}`)
                ),
              )}
        </li>
      );
    case "link":
      return SAFE_LINK.test(node.url) ? (
        <a key={key} href={node.url} rel="noopener noreferrer nofollow" target="_blank">
          {children(node, key)}
        </a>
      ) : (
        <Fragment key={key}>{children(node, key)}</Fragment>
      );
    case "image":
      return <Fragment key={key}>{node.alt ? `[image: ${node.alt}]` : "[image]"}</Fragment>;
    case "table":
      return (
        <div key={key} className="table-wrap">
          <table>
            <tbody>{children(node, key)}</tbody>
          </table>
        </div>
      );
    case "tableRow":
      return <tr key={key}>{children(node, key)}</tr>;
    case "tableCell":
      return <td key={key}>{children(node, key)}</td>;
    case "html":
      return node.value;
    default:
      return "children" in node ? (
        <Fragment key={key}>{children(node as Parents, key)}</Fragment>
      ) : "value" in node ? (
        String((node as { value: unknown }).value)
      ) : null;
  }
}

export function Markdown({ text, className, testId }: { text: string; className?: string; testId?: string }) {
  const tree = fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  return (
    <div className={className ? `markdown ${className}` : "markdown"} data-testid={testId}>
      {render(tree, "md")}
    </div>
  );
}
