// Reads a Procfile (deploy/Procfile): one `<type>: <command>` a line, # comments. A command is words
// split on spaces, with leading NAME=value assignments (set in that process's environment) and $NAME or
// ${NAME} taken from the environment. No shell: quotes, pipes and globbing are refused, so what the file
// says is exactly what runs. `node` means the node running this script.
import { readFileSync } from "node:fs";

export interface ProcfileEntry {
  type: string;
  /** The command as written. */
  line: string;
}

export interface ProcessCommand {
  command: string;
  args: string[];
  env: Record<string, string>;
}

export function parseProcfile(text: string): ProcfileEntry[] {
  const out: ProcfileEntry[] = [];
  const seen = new Set<string>();
  text.split("\n").forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith("#")) return;
    const m = /^([a-z][a-z0-9_-]*):\s*(\S.*)$/.exec(line);
    if (!m) throw new Error(`Procfile line ${i + 1}: expected "<type>: <command>"`);
    if (seen.has(m[1])) throw new Error(`Procfile line ${i + 1}: process type "${m[1]}" is listed twice`);
    if (/["'`|&;<>*?\\]/.test(m[2]))
      throw new Error(`Procfile line ${i + 1}: quotes, pipes, redirections and globs are not supported`);
    seen.add(m[1]);
    out.push({ type: m[1], line: m[2] });
  });
  return out;
}

export function readProcfile(file = "deploy/Procfile"): ProcfileEntry[] {
  return parseProcfile(readFileSync(file, "utf8"));
}

function expand(word: string, env: Record<string, string | undefined>): string {
  return word.replace(
    /\$\{([A-Z_][A-Z0-9_]*)\}|\$([A-Z_][A-Z0-9_]*)/g,
    (_, a: string | undefined, b: string | undefined) => {
      const name = (a ?? b)!;
      const value = env[name];
      if (value === undefined) throw new Error(`The Procfile command needs ${name}, which is not set`);
      return value;
    },
  );
}

/** The command of one entry, ready to spawn: variables expanded from `env`, `node` as this node. */
export function commandOf(entry: ProcfileEntry, env: Record<string, string | undefined>): ProcessCommand {
  const words = entry.line.split(/\s+/);
  const assigned: Record<string, string> = {};
  while (words.length && /^[A-Z_][A-Z0-9_]*=/.test(words[0])) {
    const word = words.shift()!;
    const eq = word.indexOf("=");
    assigned[word.slice(0, eq)] = expand(word.slice(eq + 1), env);
  }
  if (!words.length) throw new Error(`Procfile entry "${entry.type}" has no command`);
  const expanded = words.map((w) => expand(w, { ...env, ...assigned }));
  const command = expanded[0] === "node" ? process.execPath : expanded[0];
  return { command, args: expanded.slice(1), env: assigned };
}
