// The systemd units run exactly what deploy/Procfile (the process list the multi-instance tier starts) says.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { commandOf, readProcfile } from "../scripts/lib/procfile";

function unit(file: string): { exec: string; env: Record<string, string> } {
  const text = readFileSync(`deploy/systemd/${file}`, "utf8");
  const exec = /^ExecStart=(.+)$/m.exec(text)![1];
  const env: Record<string, string> = {};
  for (const [, line] of text.matchAll(/^Environment=(.+)$/gm))
    for (const pair of line.split(" ")) env[pair.split("=")[0]] = pair.slice(pair.indexOf("=") + 1);
  return { exec, env };
}

describe("deploy/systemd", () => {
  for (const [type, file] of [
    ["release", "proofline-release.service"],
    ["web", "proofline-web@.service"],
    ["worker", "proofline-worker@.service"],
  ] as const) {
    it(`${file} runs the Procfile's ${type} line`, () => {
      const entry = readProcfile().find((e) => e.type === type)!;
      const u = unit(file);
      const vars = { PORT: "${PORT}", HOST: "${HOST}" };
      const cmd = commandOf(entry, vars);
      expect(u.exec).toBe(["/usr/bin/node", ...cmd.args].join(" "));
      for (const [k, v] of Object.entries(cmd.env)) expect(u.env[k]).toBe(v);
      expect(u.env.NODE_ENV).toBe("production");
    });
  }
});
