import { describe, expect, it } from "vitest";
import { amzDate, canonicalRequest, EMPTY_SHA256, sha256Hex, signingKey, signRequest, stringToSign, uriEncode } from "@/lib/evidence/s3-sigv4";

// Expected values are the published examples of AWS Signature Version 4 (facts from the AWS
// documentation and its SigV4 test suite), so that any signing bug fails here.

const SUITE = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const S3_DOCS = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };
const S3_DATE = new Date("2013-05-24T00:00:00Z");

function sigOf(authorization: string): string {
  return /Signature=([0-9a-f]{64})$/.exec(authorization)![1];
}

describe("AWS Signature Version 4", () => {
  it("derives the signing key of the documented example (iam, us-east-1, 20120215)", () => {
    expect(signingKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215", "us-east-1", "iam").toString("hex")).toBe(
      "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d",
    );
  });

  it("signs the test suite's get-vanilla request: canonical request, string to sign and signature", () => {
    const now = new Date("2015-08-30T12:36:00Z");
    const url = new URL("https://example.amazonaws.com/");
    expect(amzDate(now)).toBe("20150830T123600Z");
    const { canonical, signedHeaders } = canonicalRequest("GET", url, { host: "example.amazonaws.com", "x-amz-date": "20150830T123600Z" }, EMPTY_SHA256);
    expect(canonical).toBe(["GET", "/", "", "host:example.amazonaws.com", "x-amz-date:20150830T123600Z", "", "host;x-amz-date", EMPTY_SHA256].join("\n"));
    expect(signedHeaders).toBe("host;x-amz-date");
    expect(stringToSign(now, "20150830/us-east-1/service/aws4_request", canonical)).toBe(
      ["AWS4-HMAC-SHA256", "20150830T123600Z", "20150830/us-east-1/service/aws4_request", "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63"].join("\n"),
    );
    const headers = signRequest({ method: "GET", url, headers: {}, payloadHash: EMPTY_SHA256 }, { credentials: SUITE, region: "us-east-1", service: "service", now });
    expect(headers.authorization).toBe(
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
    );
  });

  it("signs the S3 documentation's GET object example (a range, the empty payload hash)", () => {
    const headers = signRequest(
      { method: "GET", url: new URL("https://examplebucket.s3.amazonaws.com/test.txt"), headers: { range: "bytes=0-9", "x-amz-content-sha256": EMPTY_SHA256 }, payloadHash: EMPTY_SHA256 },
      { credentials: S3_DOCS, region: "us-east-1", service: "s3", now: S3_DATE },
    );
    expect(headers.authorization).toContain("Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,");
    expect(sigOf(headers.authorization)).toBe("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
  });

  it("signs the S3 documentation's PUT object example (a key with $, a signed payload, extra headers)", () => {
    const body = "Welcome to Amazon S3.";
    const payloadHash = sha256Hex(body);
    expect(payloadHash).toBe("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
    const url = new URL(`https://examplebucket.s3.amazonaws.com/${uriEncode("test$file.text", true)}`);
    expect(url.pathname).toBe("/test%24file.text");
    const headers = signRequest(
      { method: "PUT", url, headers: { date: "Fri, 24 May 2013 00:00:00 GMT", "x-amz-storage-class": "REDUCED_REDUNDANCY", "x-amz-content-sha256": payloadHash }, payloadHash },
      { credentials: S3_DOCS, region: "us-east-1", service: "s3", now: S3_DATE },
    );
    expect(headers.authorization).toContain("SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,");
    expect(sigOf(headers.authorization)).toBe("98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
  });

  it("signs the S3 documentation's examples with a query: a sub-resource without a value, and sorted parameters", () => {
    const sign = (url: string) =>
      sigOf(
        signRequest({ method: "GET", url: new URL(url), headers: { "x-amz-content-sha256": EMPTY_SHA256 }, payloadHash: EMPTY_SHA256 }, { credentials: S3_DOCS, region: "us-east-1", service: "s3", now: S3_DATE })
          .authorization,
      );
    expect(sign("https://examplebucket.s3.amazonaws.com/?lifecycle")).toBe("fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543");
    expect(sign("https://examplebucket.s3.amazonaws.com/?prefix=J&max-keys=2")).toBe("34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
  });

  it("changes the signature when the secret, the path, or the payload hash changes", () => {
    const base = { method: "PUT", url: new URL("https://b.s3.amazonaws.com/sha256/ab/abc"), headers: {}, payloadHash: sha256Hex("x") };
    const scope = { credentials: S3_DOCS, region: "us-east-1", service: "s3", now: S3_DATE };
    const sig = sigOf(signRequest(base, scope).authorization);
    expect(sigOf(signRequest(base, { ...scope, credentials: { ...S3_DOCS, secretAccessKey: "other" } }).authorization)).not.toBe(sig);
    expect(sigOf(signRequest({ ...base, url: new URL("https://b.s3.amazonaws.com/sha256/ab/abd") }, scope).authorization)).not.toBe(sig);
    expect(sigOf(signRequest({ ...base, payloadHash: sha256Hex("y") }, scope).authorization)).not.toBe(sig);
  });

  it("adds and signs the session token of temporary credentials", () => {
    const headers = signRequest(
      { method: "HEAD", url: new URL("https://b.s3.amazonaws.com/k"), headers: {}, payloadHash: EMPTY_SHA256 },
      { credentials: { ...S3_DOCS, sessionToken: "token/with+chars" }, region: "eu-west-1", service: "s3", now: S3_DATE },
    );
    expect(headers["x-amz-security-token"]).toBe("token/with+chars");
    expect(headers.authorization).toContain("SignedHeaders=host;x-amz-date;x-amz-security-token,");
  });

  it("percent-encodes like SigV4: unreserved characters kept, UTF-8 bytes upper-case, slashes only when asked", () => {
    expect(uriEncode("a-b_c.d~e")).toBe("a-b_c.d~e");
    expect(uriEncode("a b+c*d/é")).toBe("a%20b%2Bc%2Ad%2F%C3%A9");
    expect(uriEncode("p/sha256/ab/x y", true)).toBe("p/sha256/ab/x%20y");
  });
});
