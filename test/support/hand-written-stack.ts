/** A hand-written stack laid out as a synthesized one: `<outdir>/stacks/<name>/cdk.tf`, listed in `<outdir>/manifest.json`. */
import * as fs from "fs";
import * as path from "path";

/** Writes the stack and adds it to the manifest (created when missing); returns the stack's folder. */
export function writeStack(outdir: string, name: string, hcl: string): string {
  const dir = path.join(outdir, "stacks", name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "cdk.tf"), hcl);
  const manifestFile = path.join(outdir, "manifest.json");
  const manifest = fs.existsSync(manifestFile) ? JSON.parse(fs.readFileSync(manifestFile, "utf8")) : { stacks: {} };
  manifest.stacks[name] = { name, synthesizedStackPath: `stacks/${name}/cdk.tf`, dependencies: [] };
  fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
  return dir;
}
