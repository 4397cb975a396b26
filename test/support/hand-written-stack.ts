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

/** A stack as the project synthesizes one: an S3 backend, an account pin, default tags, one resource. */
export const SAMPLE = `terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "5.100.0"
    }
  }
  backend "s3" {
    bucket = "state"
    key    = "sample.tfstate"
    region = "eu-west-1"
  }
}

provider "aws" {
  region              = "eu-west-1"
  allowed_account_ids = ["111111111111"]
  default_tags {
    tags = {
      service = "sample"
    }
  }
}

resource "aws_cloudwatch_log_group" "sample" {
  name              = "sample-logs"
  retention_in_days = 7
}
`;

/** SAMPLE, with one argument not aligned as `terraform fmt` aligns it. */
export const UNFORMATTED = SAMPLE.replace('name              = "sample-logs"', 'name = "sample-logs"');

/** `acl` on `aws_s3_bucket` is deprecated in provider 5.x: a warning, not an error. */
export const DEPRECATED = `${SAMPLE}
resource "aws_s3_bucket" "old" {
  bucket = "old-style"
  acl    = "private"
}
`;

/**
 * A required sensitive string variable (a secret such as an alarm integration URL, set through TF_VAR_ in a real
 * run, so an offline copy needs a mock value) that a subscription uses, and a variable with a default (kept).
 */
const SECRET_VARIABLES = `variable "pagerduty_url" {
  description = "Secret integration URL."
  type        = string
  sensitive   = true
  validation {
    error_message = "Set TF_VAR_pagerduty_url to the integration's https:// URL."
    condition     = startswith(var.pagerduty_url, "https://")
  }
}

variable "topic_name" {
  type    = string
  default = "kept-default"
}

resource "aws_sns_topic" "alarms" {
  name = var.topic_name
}

resource "aws_sns_topic_subscription" "pager" {
  topic_arn              = aws_sns_topic.alarms.arn
  protocol               = "https"
  endpoint               = var.pagerduty_url
  endpoint_auto_confirms = true
}
`;

/** SAMPLE, with the secret variable and the variable with a default. */
export const WITH_SECRET = `${SAMPLE}\n${SECRET_VARIABLES}`;

/** Every case of a stack that plans offline, in one stack so that one plan shows them all: DEPRECATED and WITH_SECRET's variables. */
export const COMBINED = `${DEPRECATED}\n${SECRET_VARIABLES}`;

/** UNFORMATTED, with an argument its resource does not have: badly formatted AND invalid (a validation error, so no plan). */
export const BROKEN = UNFORMATTED.replace("retention_in_days = 7", "retention_in_days = 7\n  no_such_argument = true");

/** `cdk.tf:<line>`: where a stack's `hcl` has the line `text`, as a diagnostic's range names it. */
export function rangeOf(hcl: string, text: string): string {
  const index = hcl.split("\n").indexOf(text);
  if (index < 0) throw new Error(`no line ${JSON.stringify(text)} in the stack`);
  return `cdk.tf:${index + 1}`;
}

/** The warning Terraform gives for DEPRECATED's `acl`, in a stack written as `hcl` (DEPRECATED or built on it). */
export function aclDeprecationWarning(hcl: string) {
  return {
    severity: "warning",
    summary: "Argument is deprecated",
    detail: "acl is deprecated. Use the aws_s3_bucket_acl resource instead.",
    address: "aws_s3_bucket.old",
    range: rangeOf(hcl, '  acl    = "private"'),
  };
}

/**
 * The two hand-written apps test/scripts/check-together.test.ts reads of the run's shared plan
 * (test/support/shared-terraform-checks.ts): `first`, three stacks (a clean one, one with a deprecation warning,
 * one with a secret variable), and `other`, a stack of the same name as the first's clean one, its log group
 * kept for another number of days. Returns their output folders.
 */
export function writeTogetherApps(dir: string): { readonly first: string; readonly other: string } {
  const first = path.join(dir, "first", "cdktf.out");
  for (const [name, hcl] of Object.entries({ sample: SAMPLE, deprecated: DEPRECATED, secret: WITH_SECRET })) writeStack(first, name, hcl);
  const other = path.join(dir, "other", "cdktf.out");
  writeStack(other, "sample", SAMPLE.replace("retention_in_days = 7", "retention_in_days = 14"));
  return { first, other };
}
