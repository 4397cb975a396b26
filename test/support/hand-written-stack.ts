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
