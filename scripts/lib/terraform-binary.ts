/** Where the terraform binary is: `TERRAFORM_BIN`, or the first executable `terraform` on PATH. */
import * as fs from "fs";
import * as path from "path";

const INSTALL_HINT =
  "Terraform 1.11 is required on PATH (or set TERRAFORM_BIN to the binary): install a 1.11.x release from " +
  "https://releases.hashicorp.com/terraform/ or https://developer.hashicorp.com/terraform/install " +
  "(e.g. the `terraform` package of HashiCorp's apt repository, https://apt.releases.hashicorp.com).";

/** The terraform binary. Missing is an error that says how to install it, never a skip. */
export function findTerraform(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TERRAFORM_BIN) {
    if (isExecutable(env.TERRAFORM_BIN)) return env.TERRAFORM_BIN;
    throw new Error(`TERRAFORM_BIN=${env.TERRAFORM_BIN} is not an executable file. ${INSTALL_HINT}`);
  }
  const name = process.platform === "win32" ? "terraform.exe" : "terraform";
  const found = (env.PATH ?? "")
    .split(path.delimiter)
    .filter(Boolean)
    .map((dir) => path.join(dir, name))
    .find(isExecutable);
  if (!found) throw new Error(`terraform was not found on PATH. ${INSTALL_HINT}`);
  return found;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
