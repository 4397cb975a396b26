/**
 * Where Terraform keeps state (`stateBackend`, `account.stateBackend`): GIVEN what a config writes, WHEN
 * parsed, THEN local state by default, S3 with its key prefix, or every problem with its field, value and
 * what is allowed.
 * Sources: Amazon S3 User Guide, "General purpose bucket naming rules" (3 to 63 of a-z 0-9 . -, starting and
 * ending with a letter or digit, no "..", not an IP address, no xn-- prefix, no trailing -); Terraform's S3
 * backend takes `kms_key_id` as the ARN of a KMS key or alias.
 */
import { z } from "zod";
import { productionAccountStateBackend, productionStateBackend, STATE_BACKEND_RULES } from "../../../environments/rules/state-backend";
import { stateBuckets } from "../../../environments/schema/cross-environment";
import type { Environment } from "../../../environments/schema/environment";
import { section } from "../../../environments/schema/fields";
import { formatIssue, toConfigIssues } from "../../../environments/schema/issues";
import { stateBackendSchema } from "../../../environments/schema/state-backend";
import { undeclaredReads } from "./rule-reads";

/** Backends where an environment and its account have them, so issues carry their full field path. */
const inEnvironment = section(
  { tier: z.string(), stateBackend: stateBackendSchema, account: section({ production: z.boolean(), stateBackend: stateBackendSchema }, "is not an account", "an object") },
  "is not an environment config",
  "an object",
);
const S3 = { type: "s3", bucket: "tfstate-111111111111-eu-west-1", region: "eu-west-1" };

function problemsOf(stateBackend: unknown): string[] {
  const parsed = inEnvironment.safeParse({ tier: "non-production", account: { production: false }, stateBackend }, { reportInput: true });
  return parsed.success ? [] : toConfigIssues(parsed.error.issues).map(formatIssue);
}
/** What the state backend rules read of an environment (see "reads" below). */
const env = (value: Record<string, unknown>): Environment => inEnvironment.parse(value) as unknown as Environment;

describe("state backend defaults", () => {
  it("GIVEN no backend THEN local state, for the environment and its account", () => {
    expect(inEnvironment.parse({ tier: "non-production", account: { production: false } })).toEqual({
      tier: "non-production",
      stateBackend: { type: "local" },
      account: { production: false, stateBackend: { type: "local" } },
    });
  });

  it("GIVEN an S3 backend without a key prefix THEN apigw-observability; a KMS key only when given", () => {
    expect(stateBackendSchema.parse(S3)).toEqual({ ...S3, keyPrefix: "apigw-observability" });
    const kmsKeyId = "arn:aws:kms:eu-west-1:111111111111:alias/tfstate";
    expect(stateBackendSchema.parse({ ...S3, keyPrefix: "teams/orders", kmsKeyId })).toEqual({ ...S3, keyPrefix: "teams/orders", kmsKeyId });
    expect("kmsKeyId" in stateBackendSchema.parse(S3)).toBe(false);
  });
});

describe("state backend fields", () => {
  const SHAPES = 'Allowed: { type: "local" } or { type: "s3", bucket, region, keyPrefix?, kmsKeyId? }';

  it.each([["s3"], [null], [[]]])("GIVEN %p THEN it is not a state backend", (backend) => {
    expect(problemsOf(backend)).toEqual([`stateBackend = ${JSON.stringify(backend)}: is not a state backend. ${SHAPES}`]);
  });

  it.each([[{ type: "consul" }, '"consul"'], [{}, "(missing)"]])("GIVEN %j THEN the type is reported, with its own value", (backend, value) => {
    expect(problemsOf(backend)).toEqual([`stateBackend.type = ${value}: is not a state backend type. Allowed: local, s3`]);
  });

  it("GIVEN an S3 backend with every field wrong THEN each at once", () => {
    expect(problemsOf({ type: "s3", bucket: "TfState", region: "Europe", keyPrefix: "/state", kmsKeyId: "my-key" })).toEqual([
      "stateBackend.bucket = \"TfState\": is malformed. Allowed: an S3 bucket name: 3 to 63 lower-case letters, digits, '.' or '-', starting and ending with a letter or digit",
      "stateBackend.region = \"Europe\": is malformed. Allowed: the state bucket's AWS region code, such as eu-west-1",
      "stateBackend.keyPrefix = \"/state\": is malformed. Allowed: folder names of letters, digits, '.', '_' or '-' separated by single '/', no leading or trailing '/', at most 200 characters",
      'stateBackend.kmsKeyId = "my-key": is malformed. Allowed: the ARN of a KMS key or alias, e.g. arn:aws:kms:eu-west-1:123456789012:alias/terraform-state',
    ]);
  });

  it.each(["tf", "192.168.1.10", "tf..state", "xn--tfstate", "tfstate-", "b".repeat(64)])("GIVEN bucket %p THEN S3 would refuse it", (bucket) => {
    expect(problemsOf({ ...S3, bucket })).toEqual([expect.stringMatching(/^stateBackend\.bucket = .*: is malformed\. Allowed: an S3 bucket name/)]);
  });

  it("GIVEN a missing bucket and region THEN both", () => {
    expect(problemsOf({ type: "s3" }).map((message) => message.split(": ")[0])).toEqual(["stateBackend.bucket = (missing)", "stateBackend.region = (missing)"]);
  });

  it("GIVEN a key a local backend does not have, or a typo in an S3 one THEN it names the nearest key", () => {
    expect(problemsOf({ type: "local", bucket: "x" })).toEqual(['stateBackend.bucket = "x": is not a setting here (did you mean type?). Allowed: type']);
    expect(problemsOf({ ...S3, keyprefix: "x" })).toEqual(['stateBackend.keyprefix = "x": is not a setting here (did you mean keyPrefix?). Allowed: type, bucket, region, keyPrefix, kmsKeyId']);
  });
});

describe("production state", () => {
  const LOCAL = 'keeps production state in a file on one machine: unshared, unlocked, lost with the laptop. Allowed: { type: "s3", bucket, region, keyPrefix?, kmsKeyId? }';

  it("GIVEN a production environment or account on local state THEN each is rejected", () => {
    expect(productionStateBackend.check(env({ tier: "production", account: { production: false } })).map(formatIssue)).toEqual([`stateBackend = {"type":"local"}: ${LOCAL}`]);
    expect(productionAccountStateBackend.check(env({ tier: "non-production", account: { production: true } })).map(formatIssue)).toEqual([`account.stateBackend = {"type":"local"}: ${LOCAL}`]);
  });

  it("GIVEN S3 state, or a non-production tier THEN no rule applies", () => {
    const value = env({ tier: "production", stateBackend: S3, account: { production: true, stateBackend: S3 } });
    expect(STATE_BACKEND_RULES.flatMap((rule) => rule.check(value))).toEqual([]);
    expect(STATE_BACKEND_RULES.flatMap((rule) => rule.check(env({ tier: "non-production", account: { production: false } })))).toEqual([]);
  });

  it("GIVEN S3 backends THEN stateBuckets lists each with whether production state goes there", () => {
    const value = env({ tier: "non-production", stateBackend: S3, account: { production: true, stateBackend: { ...S3, bucket: "prod-state" } } });
    expect(stateBuckets(value)).toEqual([
      { field: "stateBackend.bucket", bucket: "tfstate-111111111111-eu-west-1", production: false },
      { field: "account.stateBackend.bucket", bucket: "prod-state", production: true },
    ]);
    expect(stateBuckets(env({ tier: "production", account: { production: true } }))).toEqual([]);
  });
});

describe("reads", () => {
  it.each(STATE_BACKEND_RULES.map((rule, i) => [i, rule] as const))("GIVEN rule %i THEN it reads only the fields it declares", (_, rule) => {
    expect(undeclaredReads(rule, env({ tier: "production", account: { production: true } }))).toEqual([]);
  });
});
