import { describe, expect, it } from "vitest";
import { controlsCsv } from "@/lib/controls/export-controls-csv";
import { neutraliseCell as neutralise } from "@/lib/core/http/csv";

describe("control library CSV", () => {
  it("writes one row per control and one column per framework, quoting where needed", () => {
    const csv = controlsCsv({
      frameworks: [
        { key: "soc2", name: "SOC 2" },
        { key: "gdpr", name: "GDPR" },
      ],
      rows: [
        {
          key: "BCK-02",
          family: "BCK",
          title: "Quarterly restore drill",
          frequency: "QUARTERLY",
          owner: "lead@example.test",
          archived: false,
          description: 'Restore, then check "counts", and record RTO, RPO.',
          expectations: [{ kind: "RESTORE_DRILL", freshnessDays: 100 }],
          cells: { soc2: ["A1.3", "CC7.5"], gdpr: ["Art. 32(1)(c)"] },
        },
        {
          key: "X-01",
          family: "X",
          title: '=HYPERLINK("x")',
          frequency: "DAILY",
          owner: null,
          archived: true,
          description: "-1",
          expectations: [],
          cells: {},
        },
      ],
    });
    expect(csv.split("\r\n")).toEqual([
      "key,family,title,frequency,owner,status,expected_evidence,soc2,gdpr,description",
      'BCK-02,BCK,Quarterly restore drill,QUARTERLY,lead@example.test,active,RESTORE_DRILL (100 days),A1.3; CC7.5,Art. 32(1)(c),"Restore, then check ""counts"", and record RTO, RPO."',
      `X-01,X,"'=HYPERLINK(""x"")",DAILY,,archived,,,,'-1`,
      "",
    ]);
  });

  it("neutralises spreadsheet formulas only", () => {
    expect(neutralise("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(neutralise("A1.3")).toBe("A1.3");
  });
});
