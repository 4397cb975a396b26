/**
 * What to do when `terraform init` cannot install the AWS provider: on a machine without access to the
 * Terraform registry its error ends in "no such host" or "connection refused", which says nothing of the
 * fix. The hint names the two ways out: a provider mirror through `TF_PLUGIN_MIRROR` (found on this machine
 * the way `.ci/run` finds one), or registry access. A mirror is the layout `terraform providers mirror`
 * writes (https://developer.hashicorp.com/terraform/cli/commands/providers/mirror):
 * `<mirror>/registry.terraform.io/hashicorp/aws/<version>/<os>_<arch>/`, or the provider's `.zip` beside it.
 */
import * as fs from "fs";
import * as path from "path";

/** Terraform's words for a registry it could not reach: DNS, refused or timed-out connections, proxies, TLS. */
const UNREACHABLE =
  /could not connect to registry\.terraform\.io|(?:registry\.terraform\.io|releases\.hashicorp\.com).{0,200}?(?:no such host|connection refused|i\/o timeout|network is unreachable|TLS handshake timeout|context deadline exceeded|Client\.Timeout exceeded)/;

/** A mirror that lacks the provider, or the version: Terraform searched it and found none that fits. */
const NOT_IN_MIRROR = /was not found in any of the search locations|no available releases match the given constraints/;

/** `- Finding hashicorp/aws versions matching "5.100.0"...`: the provider and version `init` wanted. */
function wanted(output: string): { provider: string; version: string } {
  const found = output.match(/Finding ([\w.-]+\/[\w.-]+) versions matching "([^"]+)"/);
  return found ? { provider: found[1], version: found[2] } : { provider: "hashicorp/aws", version: "<version>" };
}

/** Terraform's name for this machine's platform (`linux_amd64`, `darwin_arm64`, ...). */
export function terraformPlatform(platform: string = process.platform, arch: string = process.arch): string {
  const goArch: Readonly<Record<string, string>> = { x64: "amd64", ia32: "386", arm64: "arm64", arm: "arm" };
  return `${platform === "win32" ? "windows" : platform}_${goArch[arch] ?? arch}`;
}

/** Folders (from the search's root) a search skips, as `.ci/run` does: temporary copies, plugin caches, init's own copies. */
const SKIPPED = /^\/(?:tmp|proc|sys|dev)(?:\/|$)|\/\.terraform(?:\/|$)|\/plugin-cache(?:\/|$)/;

/**
 * A provider mirror on this machine, as `.ci/run` finds one: the parent of a `registry.terraform.io` folder at
 * most `maxDepth` levels below `root` that holds `hashicorp/aws`. Only called after `init` failed.
 */
export function findProviderMirror(root = "/", maxDepth = 4): string | undefined {
  const base = path.resolve(root);
  const visit = (dir: string, depth: number): string | undefined => {
    if (SKIPPED.test(`/${path.relative(base, dir)}`)) return undefined;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return undefined; // unreadable: not ours to search
    }
    const dirs = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
    if (dirs.includes("registry.terraform.io") && fs.existsSync(path.join(dir, "registry.terraform.io", "hashicorp", "aws"))) return dir;
    if (depth + 1 >= maxDepth) return undefined;
    for (const name of dirs) {
      const found = visit(path.join(dir, name), depth + 1);
      if (found) return found;
    }
    return undefined;
  };
  return visit(base, 0);
}

/** The machine's mirror, searched once per process: every stack of a run fails alike. */
let searched: { readonly mirror?: string } | undefined;
function machineMirror(): string | undefined {
  searched ??= { mirror: findProviderMirror() };
  return searched.mirror;
}

export interface HintOptions {
  /** @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Where a mirror on this machine is, if any. @default findProviderMirror(), once per process */
  readonly findMirror?: () => string | undefined;
  /** @default terraformPlatform() */
  readonly platform?: string;
}

/** What to do about a failed `terraform init`, or undefined when the failure is not about installing providers. */
export function registryHint(output: string, opts: HintOptions = {}): string | undefined {
  const text = output.replace(/\s+/g, " "); // Terraform wraps its messages at 78 columns
  const env = opts.env ?? process.env;
  const platform = opts.platform ?? terraformPlatform();
  const { provider, version } = wanted(text);
  const folder = `registry.terraform.io/${provider}/${version}/${platform}/`;
  const mirrorCommand = (target: string) =>
    `where the registry is reachable, run \`terraform init && terraform providers mirror -platform=${platform} ${target}\` in a synthesized stack (cdktf.out/stacks/<stack>) and copy ${target} here`;

  if (env.TF_PLUGIN_MIRROR && NOT_IN_MIRROR.test(text)) {
    return [
      `TF_PLUGIN_MIRROR=${env.TF_PLUGIN_MIRROR} does not hold the provider ${provider} ${version} for ${platform}: Terraform looked for ${folder} in it.`,
      "What to do, either:",
      `  - add it to the mirror: ${mirrorCommand(env.TF_PLUGIN_MIRROR)};`,
      "  - or unset TF_PLUGIN_MIRROR to install providers from the Terraform registry (this needs access to registry.terraform.io).",
    ].join("\n");
  }
  if (!UNREACHABLE.test(text)) return undefined;
  const found = (opts.findMirror ?? machineMirror)();
  const example = found ? `This machine has one: export TF_PLUGIN_MIRROR=${found} (.ci/run finds it by itself), then run the command again.` : `To make one, ${mirrorCommand("<folder>")}.`;
  return [
    `Terraform could not install the provider ${provider} ${version}: this machine cannot reach the Terraform registry (registry.terraform.io)${env.TF_PLUGIN_MIRROR ? "" : ", and TF_PLUGIN_MIRROR is not set"}.`,
    "What to do, either:",
    `  - use a provider mirror: set TF_PLUGIN_MIRROR to the folder that contains ${folder}. ${example}`,
    "  - or give this machine access to https://registry.terraform.io and https://releases.hashicorp.com (directly, or through HTTPS_PROXY).",
  ].join("\n");
}

/** `output` with the hint appended when there is one, so it shows wherever the failure is reported. */
export function withRegistryHint(output: string, opts: HintOptions = {}): string {
  const hint = registryHint(output, opts);
  return hint ? `${output.trimEnd()}\n\n${hint}\n` : output;
}
