/** What the synthesized app's `manifest.json` says about its stacks: their names, files and dependencies. The one way to find the stacks. */
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

export interface SynthesizedStack {
  readonly name: string;
  /** The stack's folder, where Terraform runs. */
  readonly dir: string;
  /** Its synthesized HCL (or JSON) file. */
  readonly file: string;
}

/** Every stack of the manifest, in manifest order, with where its synthesized file is. */
export function synthesizedStacks(outdir: string): SynthesizedStack[] {
  return Object.entries(readManifest(outdir).stacks).map(([name, stack]) => {
    if (!stack.synthesizedStackPath) throw new Error(`${outdir}/manifest.json names no synthesized file for stack ${name}`);
    const file = path.join(outdir, stack.synthesizedStackPath);
    return { name, dir: path.dirname(file), file };
  });
}

/** The requested stacks (all when none is named), or an error naming the unknown ones and the allowed. */
export function selectStacks(available: readonly string[], requested: readonly string[]): string[] {
  if (requested.length === 0) return [...available];
  const unknown = requested.filter((name) => !available.includes(name));
  if (unknown.length > 0) throw new Error(`Unknown stack ${unknown.map((n) => `"${n}"`).join(", ")}. Allowed: ${available.join(", ")}`);
  return [...new Set(requested)];
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
