import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "@/components/ui/markdown";

const html = (text: string) => renderToStaticMarkup(<Markdown text={text} />);

describe("Markdown", () => {
  it("formats what a gap list's description holds: emphasis, code, lists, checkboxes, tables", () => {
    const out = html(
      "**Problem:** backups are ~~never~~ not tested.\n\n- Run `pg_restore`\n- [x] snapshot taken\n- [ ] restore timed\n\n```sh\nmake drill\n```\n\n| Env | RTO |\n|---|---|\n| prod | 1 h |\n",
    );
    for (const part of [
      "<p><strong>Problem:</strong> backups are <del>never</del> not tested.</p>",
      "<li>Run <code>pg_restore</code></li>",
      '<li><span aria-label="done">☑ </span>snapshot taken</li>',
      '<li><span aria-label="not done">☐ </span>restore timed</li>',
      "<pre><code>make drill</code></pre>",
      "<td>prod</td><td>1 h</td>",
    ])
      expect(out).toContain(part);
  });

  it("shows raw HTML as text and links only http(s) and mailto", () => {
    const out = html(
      "<script>alert(1)</script>\n\n[ok](https://example.org/a) [bad](javascript:alert(1)) <img src=x onerror=alert(1)>",
    );
    expect(out).not.toContain("<script>");
    expect(out).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(out).toContain('<a href="https://example.org/a" rel="noopener noreferrer nofollow" target="_blank">ok</a>');
    expect(out).not.toContain("javascript:");
    expect(out).not.toContain("<img");
  });
});
