import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ACTIONS_COLUMN, DataTable } from "@/components/ui/data-table";
import { recordOptions, SelectField } from "@/components/ui/select-field";
import { FormActions } from "@/components/ui/form-actions";

describe("DataTable", () => {
  it("heads every column for screen readers, leaves out the columns passed as null, and captions the table", () => {
    const html = renderToStaticMarkup(
      <DataTable
        testId="t"
        caption="Tokens of the project"
        columns={["Name", null, { label: "Count", className: "num" }, false, ACTIONS_COLUMN]}
      >
        <tr>
          <td>a</td>
        </tr>
      </DataTable>,
    );
    expect(html).toBe(
      '<div class="table-wrap"><table data-testid="t"><caption class="sr-only">Tokens of the project</caption>' +
        '<thead><tr><th scope="col">Name</th><th scope="col" class="num">Count</th>' +
        '<th scope="col"><span class="sr-only">Actions</span></th></tr></thead>' +
        "<tbody><tr><td>a</td></tr></tbody></table></div>",
    );
  });
});

describe("SelectField", () => {
  it("lists a record's labels as choices after the empty one, and labels the select", () => {
    const html = renderToStaticMarkup(
      <SelectField
        label="Outcome"
        blank="Any"
        options={recordOptions({ PASS: { label: "Pass" }, FAIL: "Fail" })}
        value="FAIL"
        onChange={() => {}}
      />,
    );
    expect(html).toMatch(/<label for="([^"]+)">Outcome<\/label><select id="\1"/);
    expect(html).toContain('<option value="">Any</option><option value="PASS">Pass</option>');
    expect(html).toContain('<option value="FAIL" selected="">Fail</option>');
  });
});

describe("FormActions", () => {
  it("says what is happening while the form is sent, and is disabled meanwhile", () => {
    const idle = renderToStaticMarkup(
      <FormActions submitLabel="Create project" pendingLabel="Creating…" pending={false} />,
    );
    const busy = renderToStaticMarkup(<FormActions submitLabel="Create project" pendingLabel="Creating…" pending />);
    expect(idle).toContain(">Create project</button>");
    expect(busy).toContain('disabled="">Creating…</button>');
  });
});
