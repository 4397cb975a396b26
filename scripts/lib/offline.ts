/**
 * Offline means: a copy of the stack with an override file that swaps in mock credentials, `skip_*` flags,
 * a local backend and no `allowed_account_ids` (which needs the account id from AWS), plus mock values for
 * its required secret variables. The synthesized HCL itself is never changed.
 */
import * as fs from "fs";
import * as path from "path";

/** Terraform merges files named `override.tf` or `*_override.tf` into the config; any other name duplicates blocks. */
export const OFFLINE_OVERRIDE_FILE = "zz_offline_override.tf";

/** The override's provider block: mock credentials, no calls to AWS before planning, no account pin. */
export function offlineProviderHcl(): string {
  return `provider "aws" {
  access_key                  = "mock-access-key"
  secret_key                  = "mock-secret-key"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true

  allowed_account_ids = null
}
`;
}

/**
 * Makes a copy of a stack plan offline. It merges into the stack's single, alias-less `provider "aws"`
 * (an override must name the same alias): `default_tags` and `region` stay as synthesized. Setting
 * `allowed_account_ids = null` unsets the real pin, without which the plan fails with "AWS account ID not
 * allowed" because `skip_requesting_account_id` leaves the account id empty.
 */
export const OFFLINE_OVERRIDE_HCL = `# Written by the test harness into a COPY of the stack: offline plan, no credentials, local state.
terraform {
  backend "local" {}
}

` + offlineProviderHcl();

/** Writes the offline override into `dir` (a copy of a stack, never the synthesized one) and returns its path. */
export function writeOfflineOverride(dir: string): string {
  const file = path.join(dir, OFFLINE_OVERRIDE_FILE);
  fs.writeFileSync(file, OFFLINE_OVERRIDE_HCL);
  return file;
}

/** What `init` and `plan` leave behind; a copy must start without them. The lock file is left out too, so the mirror's build is used. */
const GENERATED = /^(\.terraform|\.terraform\.lock\.hcl|terraform\.tfstate.*|tfplan)$/;

/** Terraform's dependency lock file, which `init` writes. */
export const LOCK_FILE = ".terraform.lock.hcl";

/**
 * Removes the checksums from the lock file `init` just wrote into an offline copy (or into a folder of the
 * harness's own). Every later command checks the installed provider against a lock file's checksums, "if
 * any" (Terraform's internal/command/meta_providers.go, `providerFactoriesFromLocks`), which hashes the whole
 * 675 MB AWS provider: about half a CPU-second per `plan`, `validate` or `show`. A copy starts without a lock
 * file, so those checksums are the ones this very init computed of the package it installed: checking them
 * again checks the package against itself. The version stays locked. Nothing to do without a lock file.
 */
export function dropLockChecksums(dir: string): void {
  const file = path.join(dir, LOCK_FILE);
  if (!fs.existsSync(file)) return;
  fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(/^ *hashes *= *\[[^\]]*\]\n/gm, ""));
}

/** Mock values of the copy's required string variables (secrets such as alarm integration URLs). */
export const OFFLINE_VARIABLES_FILE = "zz_offline.auto.tfvars";

/**
 * The `type = string` variables a stack declares without a default, each with a mock `https://` value. A real
 * run sets them through `TF_VAR_<name>`, which the offline environment drops (`terraformEnv`); without a value
 * the plan stops at "No value for required variable". Variables with a default keep it. Reads `terraform fmt`ed
 * HCL, where a top-level block ends at a `}` in column one.
 */
export function offlineVariableValues(stackDir: string): Record<string, string> {
  const hcl = fs.readdirSync(stackDir).filter((f) => f.endsWith(".tf")).sort().map((f) => fs.readFileSync(path.join(stackDir, f), "utf8")).join("\n");
  const required = [...hcl.matchAll(/^variable "([^"]+)" \{\n([\s\S]*?)^\}/gm)].filter(([, , body]) => /^ {2}type\s*=\s*string$/m.test(body) && !/^ {2}default\s*=/m.test(body));
  return Object.fromEntries(required.map(([, name]) => [name, `https://offline-mock.invalid/${name}`]));
}

/** Copies a synthesized stack to `destDir` (replacing it), without state or `.terraform`, and adds the offline override. */
export function copyStackForOffline(stackDir: string, destDir: string): void {
  fs.rmSync(destDir, { recursive: true, force: true });
  fs.cpSync(stackDir, destDir, { recursive: true, filter: (src) => !GENERATED.test(path.basename(src)) });
  writeOfflineOverride(destDir);
  const values = Object.entries(offlineVariableValues(destDir));
  if (values.length > 0) fs.writeFileSync(path.join(destDir, OFFLINE_VARIABLES_FILE), values.map(([name, value]) => `${name} = ${JSON.stringify(value)}\n`).join(""));
}
