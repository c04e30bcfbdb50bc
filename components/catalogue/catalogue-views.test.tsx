import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { GroupMappings } from "@/components/catalogue/group-mappings";
import { RequirementTree } from "@/components/catalogue/requirement-tree";
import type { RequirementNode } from "@/lib/catalogue/get-framework";

const node = (refId: string, over: Partial<RequirementNode> = {}): RequirementNode => ({
  refId,
  title: `Title ${refId}`,
  summary: "",
  evidenceHint: "",
  level: "point",
  assessable: true,
  depth: 1,
  defaultNotApplicableReason: null,
  notApplicableByDefault: null,
  controls: [],
  inherited: [],
  scored: true,
  retired: false,
  match: false,
  ...over,
});

describe("the framework page's catalogue views", () => {
  it("lists controls mapped to a group under a heading, in a table whose cells link to the group's row and to each control", () => {
    const html = renderToStaticMarkup(
      <GroupMappings
        frameworkName="GDPR"
        groups={[
          {
            refId: "Art. 32",
            title: "Security of processing",
            level: "requirement",
            controls: [{ key: "CRY-01", title: "Encryption" }],
            decides: 4,
          },
        ]}
      />,
    );
    expect(html).toContain('<h2 id="group-mappings-title">Controls mapped to a group</h2>');
    expect(html).toContain('<caption class="sr-only">Groups of GDPR with controls mapped to them</caption>');
    expect(html).toContain(
      '<th scope="row"><a href="#req-Art.%2032"><span class="mono">Art. 32</span> Security of processing</a></th>',
    );
    expect(html).toContain('<a title="Encryption" href="/controls/CRY-01">CRY-01</a>');
    expect(html).toContain("<td>4 requirements beneath it</td>");
    expect(html).not.toContain("group-mappings-empty");
  });

  it("says so when no control is mapped to a group", () => {
    const html = renderToStaticMarkup(<GroupMappings frameworkName="SOC 2" groups={[]} />);
    expect(html).toContain("Controls mapped to a group</h2>");
    expect(html).toContain("None: every control is mapped to a requirement that is scored on its own.");
    expect(html).not.toContain("<table");
  });

  it("shows a group's own controls, a point's inherited ones with their source, a retired parent, and marks only the truly unmapped", () => {
    const html = renderToStaticMarkup(
      <RequirementTree
        framework="gdpr"
        canMap={false}
        listId="keys"
        nodes={[
          node("Art. 32", {
            level: "requirement",
            scored: false,
            assessable: false,
            depth: 0,
            controls: [{ key: "CRY-01", title: "Encryption" }],
          }),
          node("Art. 32(1)(a)", { inherited: [{ key: "CRY-01", title: "Encryption", from: "Art. 32" }] }),
          node("Old", { level: "requirement", scored: false, retired: true, depth: 0 }),
          node("Old.1", { controls: [] }),
        ]}
      />,
    );
    expect(html).toContain("Group (requirement)");
    expect(html).toContain("Mapped to the group: it decides every requirement beneath it.");
    expect(html).toMatch(
      /From above: <span><a title="Encryption" href="\/controls\/CRY-01">CRY-01<\/a> \(on Art. 32\)<\/span>/,
    );
    expect(html).toContain("Retired requirement, kept for the requirements beneath it");
    // Only Old.1 is unmapped: the point deciding through its group is not.
    expect(html.match(/Unmapped/g)).toHaveLength(1);
    expect(html).toMatch(/data-testid="requirement-Old.1"[^]*Unmapped/);
  });
});

describe("requirement sources on the framework page", () => {
  it("links a built-in requirement to its primary text", () => {
    const html = renderToStaticMarkup(
      <RequirementTree framework="irb" nodes={[node("11.300(c)", { scored: true })]} canMap={false} listId="l" />,
    );
    expect(html).toContain('href="https://www.ecfr.gov/current/title-21/section-11.300#p-11.300(c)"');
    expect(html).toContain("eCFR 21 CFR 11.300(c)");
  });
});
