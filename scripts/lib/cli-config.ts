/**
 * The Terraform CLI config of a run: providers from a filesystem mirror when `TF_PLUGIN_MIRROR` names one,
 * from the registry otherwise, always through one plugin cache shared by every stack of the run.
 */
import * as fs from "fs";
import * as path from "path";

/** The provider mirror named by `TF_PLUGIN_MIRROR` (the folder that contains `registry.terraform.io`), if any. */
export function mirrorFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const mirror = env.TF_PLUGIN_MIRROR;
  if (!mirror) return undefined;
  if (!fs.existsSync(mirror) || !fs.statSync(mirror).isDirectory()) {
    throw new Error(`TF_PLUGIN_MIRROR=${mirror} is not a directory. Allowed: a provider mirror folder that contains registry.terraform.io/`);
  }
  return path.resolve(mirror);
}

/**
 * Writes a Terraform CLI config (`<dir>/terraform.rc`) and returns its path. The plugin cache is always on:
 * `init` then symlinks every stack's provider to one cached copy. From an unpacked mirror the cache entry
 * is itself a symlink into the mirror; from a packed (`.zip`) mirror or the registry, the 675 MB AWS
 * provider is extracted once per run instead of once per stack.
 */
export function writeCliConfig(dir: string, opts: { mirror?: string; pluginCacheDir: string }): string {
  fs.mkdirSync(opts.pluginCacheDir, { recursive: true });
  const installation = opts.mirror
    ? [
        "provider_installation {",
        "  filesystem_mirror {",
        `    path    = ${JSON.stringify(opts.mirror)}`,
        '    include = ["registry.terraform.io/*/*"]',
        "  }",
        "  direct {",
        '    exclude = ["registry.terraform.io/*/*"]',
        "  }",
        "}",
        "",
      ]
    : [];
  const file = path.join(dir, "terraform.rc");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file, [...installation, `plugin_cache_dir = ${JSON.stringify(opts.pluginCacheDir)}`, ""].join("\n"));
  return file;
}
