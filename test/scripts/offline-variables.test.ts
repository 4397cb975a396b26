/**
 * The offline plan of a stack with a secret input variable (an alarm integration URL, set through TF_VAR_ in a
 * real run): the harness drops the caller's TF_VAR_ variables, so it gives each required string variable a mock
 * value in the copy, and the plan finishes. Run with `TF_PLUGIN_MIRROR` on a machine without internet access.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { checkStacks, type StackCheck } from "../../scripts/lib/check-stack";
import { OFFLINE_VARIABLES_FILE, offlineVariableValues } from "../../scripts/lib/offline";
import { writeStack } from "../support/hand-written-stack";

const STACK = `terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "5.100.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

variable "pagerduty_url" {
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

const work = fs.mkdtempSync(path.join(os.tmpdir(), "offline-variables-"));
const outdir = path.join(work, "cdktf.out");
const stackDir = path.join(outdir, "stacks", "secret");
let check: StackCheck;
const planned = (type: string) => check.plan.resource_changes.find((c: any) => c.type === type).change.after;

beforeAll(async () => {
  writeStack(outdir, "secret", STACK);
  // A developer's real secret in the shell must never reach an offline plan.
  const previous = process.env.TF_VAR_pagerduty_url;
  process.env.TF_VAR_pagerduty_url = "https://events.pagerduty.com/integration/real-secret/enqueue";
  try {
    [check] = await checkStacks(outdir, { workRoot: path.join(work, "checks") });
  } finally {
    if (previous === undefined) delete process.env.TF_VAR_pagerduty_url;
    else process.env.TF_VAR_pagerduty_url = previous;
  }
}, 180_000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe("offline plan of a stack with a secret variable", () => {
  it("GIVEN a required sensitive string variable WHEN the harness plans offline THEN the plan finishes with a mock value, not the caller's TF_VAR_", () => {
    expect(check).toMatchObject({ initOk: true, planOk: true, diagnostics: [], summary: { add: 2, change: 0, destroy: 0 } });
    expect(planned("aws_sns_topic_subscription")).toMatchObject({ endpoint: "https://offline-mock.invalid/pagerduty_url", endpoint_auto_confirms: true });
    expect(JSON.stringify(check.plan)).not.toContain("real-secret");
  });

  it("GIVEN a variable with a default THEN the default is kept", () => {
    expect(offlineVariableValues(stackDir)).toEqual({ pagerduty_url: "https://offline-mock.invalid/pagerduty_url" });
    expect(planned("aws_sns_topic")).toMatchObject({ name: "kept-default" });
  });

  it("writes the mock values into the copy only, never beside the synthesized stack", () => {
    expect(fs.readdirSync(stackDir)).toEqual(["cdk.tf"]);
    expect(fs.readFileSync(path.join(work, "checks", "stacks", "secret", OFFLINE_VARIABLES_FILE), "utf8")).toBe('pagerduty_url = "https://offline-mock.invalid/pagerduty_url"\n');
  });
});
