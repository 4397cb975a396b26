/** What the synthesized app's `manifest.json` says about its stacks: their names and dependencies. */
import * as fs from "fs";
import * as path from "path";

export interface StackManifest {
  readonly stacks: Readonly<Record<string, { readonly dependencies?: readonly string[]; readonly synthesizedStackPath?: string }>>;
}

export function readManifest(outdir: string): StackManifest {
  const file = path.join(outdir, "manifest.json");
  if (!fs.existsSync(file)) throw new Error(`No ${file}: synthesize first (npm run synth).`);
  return JSON.parse(fs.readFileSync(file, "utf8")) as StackManifest;
}

/** The stack and everything it depends on, dependencies first: what `cdktf deploy` must be given. */
export function withDependencies(manifest: StackManifest, stack: string): string[] {
  const known = Object.keys(manifest.stacks);
  const ordered: string[] = [];
  const visit = (name: string, via: readonly string[]) => {
    if (!(name in manifest.stacks)) throw new Error(`Unknown stack "${name}". Allowed: ${known.join(", ")}`);
    if (via.includes(name)) throw new Error(`Stack dependency cycle: ${[...via, name].join(" -> ")}`);
    for (const dependency of manifest.stacks[name].dependencies ?? []) visit(dependency, [...via, name]);
    if (!ordered.includes(name)) ordered.push(name);
  };
  visit(stack, []);
  return ordered;
}
