/**
 * The region list of aws/regions.ts against the tools that enforce it: the pinned AWS provider
 * (5.100.0) fails `plan` with `invalid AWS Region: <code>` for a region its endpoint data does not have
 * (hashicorp/aws-sdk-go-base endpoints/endpoints_gen.go), and Terraform 1.11's S3 backend fails `init` with
 * `Invalid AWS Region` for one its own, older data does not have. Offline: mock credentials, no AWS call.
 * All 37 listed regions were checked this way once (one provider each, about a minute); this keeps the
 * newest ones and the ones left out under test.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { AWS_REGIONS, UNKNOWN_TO_TERRAFORM_S3_BACKEND } from "../../aws/regions";
import { dropLockChecksums } from "../../scripts/lib/offline";
import { runTerraform } from "../../scripts/lib/run-terraform";
import { prepareRunEnv } from "../../scripts/lib/terraform-env";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "region-lists-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
const env = prepareRunEnv(work);

const MOCK = ["access_key = \"mock\"", "secret_key = \"mock\"", "skip_credentials_validation = true", "skip_requesting_account_id = true", "skip_metadata_api_check = true"];

/** One configured provider per region, each used by a data source so that plan configures it. */
function providersFor(regions: readonly string[]): string {
  const blocks = regions.map((region) => {
    const alias = region.replace(/-/g, "_");
    return [`provider "aws" {`, `  alias = "${alias}"`, `  region = "${region}"`, ...MOCK.map((l) => `  ${l}`), `}`, `data "aws_partition" "${alias}" {`, `  provider = aws.${alias}`, `}`].join("\n");
  });
  return [`terraform {`, `  required_providers {`, `    aws = { source = "hashicorp/aws", version = "5.100.0" }`, `  }`, `}`, ...blocks, ""].join("\n");
}

/** The errors of one offline plan of the providers, each with the alias of the provider it is about. */
async function planErrors(name: string, regions: readonly string[]): Promise<string[]> {
  const dir = path.join(work, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "main.tf"), providersFor(regions));
  const init = await runTerraform(["init", "-input=false", "-no-color"], dir, env);
  expect(init.code).toBe(0);
  dropLockChecksums(dir); // as the harness does: the plan need not hash the provider again
  const result = await runTerraform(["plan", "-json", "-input=false", "-no-color", "-refresh=false"], dir, env);
  const messages = result.stdout.split("\n").filter(Boolean).map((line) => JSON.parse(line));
  return messages
    .filter((m) => m.type === "diagnostic" && m.diagnostic.severity === "error")
    .map((m) => `${String(m.diagnostic.address).replace(/^provider\[".*"\]\./, "")}: ${m.diagnostic.summary}`)
    .sort();
}

// One plan configures every provider, each on its own: the unknown regions' errors name their providers, and
// a known region has none (one start of Terraform and the provider instead of one per group).
it("the AWS provider 5.100 knows the newest listed regions of each partition, and rejects eu-west-9 and ap-southeast-6", async () => {
  const newest = ["ap-east-2", "ap-southeast-7", "mx-central-1", "cn-northwest-1", "us-gov-east-1"];
  for (const region of newest) expect(Object.values(AWS_REGIONS).flat()).toContain(region);
  const unknown = ["eu-west-9", "ap-southeast-6"];
  expect(await planErrors("regions", [...newest, ...unknown])).toEqual(unknown.map((r) => `${r.replace(/-/g, "_")}: invalid AWS Region: ${r}`).sort());
}, 180_000);

it("Terraform's S3 backend does not know the regions UNKNOWN_TO_TERRAFORM_S3_BACKEND lists, and knows eu-west-1", async () => {
  const init = async (region: string) => {
    const dir = path.join(work, `backend-${region}`);
    fs.mkdirSync(dir, { recursive: true });
    const backend = [`terraform {`, `  backend "s3" {`, `    bucket = "tfstate-x"`, `    key = "k"`, `    region = "${region}"`, ...MOCK.map((l) => `    ${l}`), `  }`, `}`, ""];
    fs.writeFileSync(path.join(dir, "main.tf"), backend.join("\n"));
    const result = await runTerraform(["init", "-input=false", "-no-color"], dir, env, 120_000);
    return result.stdout + result.stderr;
  };
  for (const region of UNKNOWN_TO_TERRAFORM_S3_BACKEND) expect(await init(region)).toContain(`Invalid AWS Region: ${region}`);
  // Offline, init then fails to reach the bucket: what matters is that the region itself passes.
  expect(await init("eu-west-1")).not.toContain("Invalid AWS Region");
}, 300_000);
