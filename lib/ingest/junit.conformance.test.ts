// Conformance: the JUnit parser against real tool output in ../shared/corpus/junit
// (run by the conformance tier when ../shared is beside the repository; see scripts/test.ts).
import { createReadStream } from "node:fs";
import { describe, expect, it } from "vitest";
import { refusal } from "@/lib/ingest/testing/refusals";
import { expectJunitCounts, type JunitWant } from "@/lib/ingest/testing/junit-counts";
import { parseJunit, type JunitFailure } from "@/lib/ingest/junit";
import { corpusFile } from "@/lib/ingest/testing/corpus";

const corpus = (name: string) => parseJunit(createReadStream(corpusFile(`junit/${name}`), { highWaterMark: 4096 }));

// Every JUnit file in the shared corpus, with what it must yield. Counts come from the test cases;
// the tool that wrote each file and what is odd about it are in ../shared/corpus/SOURCES.md.
const CORPUS: Array<[string, JunitWant]> = [
  ["dorny_go-junit-report.xml", { tests: 5, failed: 2, errored: 0, skipped: 1, outcome: "FAIL", disagree: true }], // package3 declares 1 test, holds 4
  [
    "dorny_gtest-junit-with-message.xml",
    { tests: 1, failed: 1, errored: 0, skipped: 0, outcome: "FAIL", disagree: true },
  ], // suite says 6 tests
  ["dorny_jest-junit-empty-testsuite.xml", { tests: 0, failed: 0, errored: 0, skipped: 0, outcome: "WARN" }], // no tests at all
  ["dorny_jest-junit.xml", { tests: 6, failed: 4, errored: 0, skipped: 1, outcome: "FAIL" }],
  ["dorny_jest-test-results_LARGE.xml", { tests: 4239, failed: 2, errored: 0, skipped: 30, outcome: "FAIL" }],
  ["dorny_playwright-report.xml", { tests: 60, failed: 4, errored: 0, skipped: 20, outcome: "FAIL" }],
  ["dorny_pulsar-test-report.xml", { tests: 808, failed: 1, errored: 0, skipped: 14, outcome: "FAIL" }], // a retried test counts twice
  ["dorny_pytest-report-tb-short.xml", { tests: 1, failed: 1, errored: 0, skipped: 0, outcome: "FAIL" }],
  ["dorny_python-xunit-pytest.xml", { tests: 10, failed: 2, errored: 0, skipped: 2, outcome: "FAIL", disagree: true }], // declares 15 (subtests)
  ["enricomi_bazel_suite-logs.xml", { tests: 1, failed: 0, errored: 1, skipped: 0, outcome: "FAIL" }],
  ["enricomi_junit.multiresult.xml", { tests: 4, failed: 1, errored: 1, skipped: 1, outcome: "FAIL" }], // worst result wins
  ["enricomi_no-attributes.xml", { tests: 4, failed: 1, errored: 1, skipped: 1, outcome: "FAIL" }],
  ["enricomi_pytest_junit.gloo.standalone.xml", { tests: 97, failed: 0, errored: 0, skipped: 17, outcome: "PASS" }],
  [
    "enricomi_scalatest_TEST-uk.co.gresearch.spark.diff.DiffOptionsSuite.xml",
    { tests: 5, failed: 0, errored: 0, skipped: 0, outcome: "PASS" },
  ],
  ["enricomi_testsuite-in-testsuite.xml", { tests: 5, failed: 0, errored: 0, skipped: 0, outcome: "PASS" }], // cases at every nesting level
  ["enricomi_tst_disabled.xml", { tests: 31, failed: 19, errored: 1, skipped: 5, outcome: "FAIL" }], // status='disabled' counts as skipped
  ["enricomi_unsupported-unicode.xml", { tests: 7, failed: 2, errored: 2, skipped: 2, outcome: "FAIL" }],
  ["enricomi_with-xml-entities.xml", { tests: 4, failed: 1, errored: 1, skipped: 2, outcome: "FAIL" }],
  [
    "open-hostfactory-plugin_pytest_junit-unit_LARGE.xml",
    { tests: 994, failed: 340, errored: 38, skipped: 148, outcome: "FAIL" },
  ],
];

describe("JUnit XML: the shared corpus", () => {
  it.each(CORPUS)("%s", async (name, want) => {
    expectJunitCounts(await corpus(name), want);
  });

  it("uses the declared counts when a report holds no test cases (enricomi_no-cases-but-tests.xml)", async () => {
    const r = await corpus("enricomi_no-cases-but-tests.xml");
    expect(r.summary).toMatchObject({ tests: 6, failed: 1, skipped: 2, passed: 3, countsFrom: "declarations" });
    expect(r.outcome).toBe("FAIL");
    // The timestamp has no zone: read as UTC.
    expect(r.effectiveAt?.toISOString()).toBe("2020-09-01T07:11:23.815Z");
  });

  it("refuses the truncated pytest report as truncated (enricomi_pytest_corrupt-xml.xml ends mid-element)", async () => {
    const err = await refusal(corpus("enricomi_pytest_corrupt-xml.xml"));
    expect(err.reason).toBe("truncated");
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/cut off/);
  });

  it("names the suites whose declared count disagrees with their test cases (go-junit-report)", async () => {
    const r = await corpus("dorny_go-junit-report.xml");
    expect((r.summary as { suitesDisagreeing: unknown[] }).suitesDisagreeing).toEqual([
      { suite: "github.com/company/package3", declared: 1, counted: 4 },
    ]);
    expect(r.effectiveAt?.toISOString()).toBe("2022-10-13T21:53:32.000Z"); // -05:00 applied
  });

  it("keeps decoded entities, CDATA and astral characters in failures", async () => {
    const entities = await corpus("enricomi_with-xml-entities.xml");
    const f = (entities.summary as { failures: JunitFailure[] }).failures;
    expect(f.map((x) => [x.result, x.name, x.message])).toEqual([
      ["failure", "Test with 'apostrophe' in the test name", "A message with 'apostrophes'"],
      ["error", "Test with & in the test name", "A message with &"],
    ]);
    const unicode = await corpus("enricomi_unsupported-unicode.xml");
    expect(JSON.stringify(unicode.summary)).toContain("𒍺");
    const go = await corpus("dorny_go-junit-report.xml");
    expect((go.summary as { failures: JunitFailure[] }).failures[0]).toMatchObject({
      name: "TestPackage3-1",
      message: "Failed",
      detail: "Just error here",
    });
  });

  it("reads failure messages that live only in attributes (tst) and caps the failure list at 100", async () => {
    const tst = await corpus("enricomi_tst_disabled.xml");
    const f = (tst.summary as { failures: JunitFailure[] }).failures;
    expect(f[0]).toMatchObject({
      name: "factorial_of_value_from_fixture",
      message: expect.stringContaining("check_eq(3628800, 3628801)"),
    });
    const big = await corpus("open-hostfactory-plugin_pytest_junit-unit_LARGE.xml");
    expect((big.summary as { failures: unknown[] }).failures).toHaveLength(100);
    expect((big.summary as { failuresOmitted: number }).failuresOmitted).toBe(278);
  });
});
