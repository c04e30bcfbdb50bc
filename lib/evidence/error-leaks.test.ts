// Issue 11, "Leaks": errors shown to users (API problems, the packet's failure reason on the audit
// page and in the activity trail) carry no endpoint, bucket, key, file path or stack line.
import { describe, expect, it } from "vitest";
import { BlobStoreError } from "@/lib/core/storage/blob-store-types";
import { toProblem } from "@/lib/core/http/problem";
import { reasonOf } from "@/lib/packets/run-packet-build";
import { PacketBuildError } from "@/lib/packets/build-packet-files";

const INTERNAL =
  'S3 GET of tenant-a/sha256/ab/abcdef in bucket "acme-evidence-prod" was refused: 403 AccessDenied (Access Denied for arn:aws:iam::123456789012:user/proofline). Check https://s3.eu-west-1.amazonaws.com';
const LEAKS = [
  /acme-evidence-prod/,
  /tenant-a\//,
  /amazonaws\.com/,
  /arn:aws/,
  /123456789012/,
  /\/srv\//,
  /\n\s+at /,
  /node_modules/,
];

function clean(text: string) {
  for (const leak of LEAKS) expect(text).not.toMatch(leak);
}

describe("errors shown to users", () => {
  it("an S3 failure's problem+json names the status and what to check, not where the store is", () => {
    const p = toProblem(
      new BlobStoreError(
        INTERNAL,
        "The evidence store refused the request: 403 AccessDenied. The credentials may not do this.",
      ),
      "req-1",
    );
    expect(p).toMatchObject({ status: 502, type: "urn:proofline:problem:blob-store-failed" });
    expect(p.detail).toMatch(/403 AccessDenied/);
    clean(JSON.stringify(p));
    clean(JSON.stringify(toProblem(new BlobStoreError(INTERNAL))));
  });

  it("a packet build's failure reason keeps paths, stores and stack lines in the worker log", () => {
    const fsError = Object.assign(
      new Error("ENOENT: no such file or directory, open '/srv/proofline/.data/packets/work/p1/population-1.csv'"),
      {
        stack: "Error: ENOENT\n    at open (/srv/proofline/node_modules/x.js:1:1)",
      },
    );
    for (const err of [
      fsError,
      new BlobStoreError(INTERNAL),
      new Error(`${INTERNAL}\n    at S3Client.failure (/srv/proofline/lib/evidence/s3-client.ts:141:19)`),
      "a string",
    ]) {
      const reason = reasonOf(err, "p1");
      expect(reason.length).toBeGreaterThan(20);
      clean(reason);
    }
    expect(reasonOf(new Error("boom"), "p1")).toMatch(/worker log .*packet p1/);
    // The build's own refusals are written for the reader and kept as they are.
    expect(reasonOf(new PacketBuildError('The original of evidence "CI run" is missing from the blob store.'))).toBe(
      'The original of evidence "CI run" is missing from the blob store.',
    );
  });
});
