// A gzipped CloudTrail log file ({"Records":[…]}, as CloudTrail writes it to S3) of a given compressed
// size, written to disk as it is generated (bounded memory), with its record count and sha256. Used by
// the served tier and by bench:ingest. Request and event ids are random, so it compresses like real logs.
import { createHash, randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { createGzip } from "node:zlib";

const NAMES = [
  "GetObject",
  "PutObject",
  "AssumeRole",
  "ConsoleLogin",
  "DescribeInstances",
  "CreateAccessKey",
  "PutBucketPolicy",
  "DeleteTrail",
];
const USERS = ["alice", "bob", "carol", "ci-deployer", "mallory"];

function record(i: number): string {
  const t = new Date(Date.UTC(2026, 2, 1) + i * 250).toISOString().replace(/\.\d{3}Z$/, "Z");
  const user = USERS[i % USERS.length];
  const name = NAMES[i % NAMES.length];
  const id = randomBytes(16).toString("hex");
  const denied = i % 97 === 0;
  return (
    `{"eventVersion":"1.09","userIdentity":{"type":"IAMUser","principalId":"AIDA${id.slice(0, 16).toUpperCase()}","arn":"arn:aws:iam::123456789012:user/${user}","accountId":"123456789012","userName":"${user}"},` +
    `"eventTime":"${t}","eventSource":"s3.amazonaws.com","eventName":"${name}","awsRegion":"eu-west-1","sourceIPAddress":"198.51.100.${i % 250}",` +
    `"userAgent":"aws-cli/2.15.30 Python/3.11.8 Linux/6.1.0 exe/x86_64.debian.12","requestParameters":{"bucketName":"study-exports-${i % 40}","key":"exports/${id.slice(0, 12)}.csv"},` +
    `"responseElements":null,"requestID":"${id.slice(0, 16).toUpperCase()}","eventID":"${id.slice(0, 8)}-${id.slice(8, 12)}-4${id.slice(13, 16)}-8${id.slice(17, 20)}-${id.slice(20, 32)}",` +
    `"readOnly":${name.startsWith("Get") || name.startsWith("Describe")},"eventType":"AwsApiCall","managementEvent":false,"recipientAccountId":"123456789012","eventCategory":"Data"` +
    `${denied ? ',"errorCode":"AccessDenied","errorMessage":"Access Denied"' : ""}}`
  );
}

export interface WrittenCloudTrail {
  records: number;
  /** Bytes of the gzip file (what is sent and stored) and its sha256. */
  bytes: number;
  sha256: string;
  /** Bytes once decompressed. */
  jsonBytes: number;
}

/** Writes a gzipped CloudTrail file of at least targetGzBytes to `file`. */
export async function writeCloudTrailGz(file: string, targetGzBytes: number): Promise<WrittenCloudTrail> {
  const out = createWriteStream(file);
  const gz = createGzip();
  const hash = createHash("sha256");
  let bytes = 0;
  gz.on("data", (c: Buffer) => {
    hash.update(c);
    bytes += c.byteLength;
    if (!out.write(c)) gz.pause();
  });
  out.on("drain", () => gz.resume());
  let records = 0;
  let jsonBytes = 0;
  const write = async (text: string) => {
    jsonBytes += Buffer.byteLength(text);
    if (!gz.write(text)) await once(gz, "drain");
  };
  await write('{"Records":[');
  while (bytes < targetGzBytes) {
    let chunk = "";
    for (let k = 0; k < 500; k++) chunk += `${records ? "," : ""}${record(records++)}`;
    await write(chunk);
  }
  await write("]}");
  gz.end();
  await once(gz, "end");
  out.end();
  await once(out, "finish");
  return { records, bytes, sha256: hash.digest("hex"), jsonBytes };
}
