/**
 * The archive schema and its rules: GIVEN what a config writes, WHEN it is parsed, THEN it has every default,
 * or every problem is reported with its field, value and what is allowed.
 * Sources: Amazon Data Firehose API Reference, `BufferingHints` (IntervalInSeconds 0..900, SizeInMBs 1..128)
 * and CreateDeliveryStream `DeliveryStreamName` (at most 64); S3 User Guide, "General purpose bucket naming
 * rules" (at most 63); IAM User Guide, "IAM and AWS STS quotas" (role names at most 64; a role's inline
 * policies at most 10,240 characters, white space not counted).
 */
import { z } from "zod";
import { ARCHIVE_RULES, archiveBucketAndRoleNames, archivePolicyLengths, archiveRolePolicySizes, archiveStreamNames, maxArchiveStages } from "../../../environments/rules/archive";
import { archiveSchema } from "../../../environments/schema/archive";
import type { Environment } from "../../../environments/schema/environment";
import { section } from "../../../environments/schema/fields";
import { type ConfigIssue, formatIssue, toConfigIssues } from "../../../environments/schema/issues";
import { archiveLifecycle } from "../../support/lifecycle";
import { pathsRead } from "./rule-reads";

function issuesOf(schema: z.ZodType, value: unknown): ConfigIssue[] {
  const parsed = schema.safeParse(value, { reportInput: true });
  return parsed.success ? [] : toConfigIssues(parsed.error.issues);
}
const problemsOf = (schema: z.ZodType, value: unknown): string[] => issuesOf(schema, value).map(formatIssue);

/** The archive where an environment has it, so issues carry their full field path. */
const inEnvironment = section({ archive: archiveSchema }, "is not an environment config", "an object");

describe("archive defaults", () => {
  it("GIVEN no archive WHEN parsed THEN the default lifecycle, 300 s or 5 MiB buffering, 900 s freshness tolerance", () => {
    expect(inEnvironment.parse({}).archive).toEqual({
      lifecycle: archiveLifecycle,
      bufferingIntervalSeconds: 300,
      bufferingSizeMiB: 5,
      freshnessToleranceSeconds: 900,
    });
  });

  it("GIVEN dev's archive WHEN parsed THEN its own values and the defaults of the rest", () => {
    const archive = archiveSchema.parse({ lifecycle: { transitions: [{ storageClass: "STANDARD_IA", days: 30 }], expirationDays: 90, noncurrentVersionExpirationDays: 7 }, bufferingIntervalSeconds: 60 });
    expect(archive).toEqual({
      lifecycle: { transitions: [{ storageClass: "STANDARD_IA", days: 30 }], expirationDays: 90, noncurrentVersionExpirationDays: 7, abortIncompleteMultipartUploadDays: 7 },
      bufferingIntervalSeconds: 60,
      bufferingSizeMiB: 5,
      freshnessToleranceSeconds: 900,
    });
  });
});

describe("archive fields", () => {
  it.each([
    [{ bufferingIntervalSeconds: 1000 }, "archive.bufferingIntervalSeconds = 1000: is out of range. Allowed: a whole number from 0 to 900"],
    [{ bufferingIntervalSeconds: 60.5 }, "archive.bufferingIntervalSeconds = 60.5: is not a whole number. Allowed: a whole number from 0 to 900"],
    [{ bufferingSizeMiB: 0 }, "archive.bufferingSizeMiB = 0: is out of range. Allowed: a whole number from 1 to 128"],
    [{ bufferingSizeMiB: 129 }, "archive.bufferingSizeMiB = 129: is out of range. Allowed: a whole number from 1 to 128"],
    [{ freshnessToleranceSeconds: 30 }, "archive.freshnessToleranceSeconds = 30: is out of range. Allowed: a whole number from 60 to 43200"],
    [{ freshnessToleranceSeconds: 43_201 }, "archive.freshnessToleranceSeconds = 43201: is out of range. Allowed: a whole number from 60 to 43200"],
    [{ freshnessToleranceSeconds: "15m" }, 'archive.freshnessToleranceSeconds = "15m": is not a whole number. Allowed: a whole number from 60 to 43200'],
    [{ bufferingInterval: 60 }, "archive.bufferingInterval = 60: is not a setting here (did you mean bufferingIntervalSeconds?). Allowed: lifecycle, bufferingIntervalSeconds, bufferingSizeMiB, freshnessToleranceSeconds"],
  ])("GIVEN %p THEN one issue: %s", (archive, message) => {
    expect(problemsOf(inEnvironment, { archive })).toEqual([message]);
  });

  it.each([["yes"], [null], [[]]])("GIVEN archive = %p THEN it is not an archive setting", (archive) => {
    expect(problemsOf(inEnvironment, { archive })).toEqual([
      `archive = ${JSON.stringify(archive)}: is not an archive setting. Allowed: { lifecycle, bufferingIntervalSeconds, bufferingSizeMiB, freshnessToleranceSeconds }`,
    ]);
  });

  it("GIVEN a bad lifecycle and a bad buffering size THEN both, the lifecycle's under archive.lifecycle", () => {
    expect(problemsOf(inEnvironment, { archive: { bufferingSizeMiB: 0, lifecycle: { transitions: [{ storageClass: "STANDARD_IA", days: 7 }] } } })).toEqual([
      "archive.lifecycle.transitions[0].days = 7: is too early: S3 moves objects to STANDARD_IA only after 30 days. Allowed: at least 30",
      "archive.bufferingSizeMiB = 0: is out of range. Allowed: a whole number from 1 to 128",
    ]);
  });
});

/** What the archive's rules read of an environment; the rest is not there (see "reads" below). */
interface ArchiveInputs {
  readonly service: string;
  readonly name: string;
  readonly account: { readonly id: string };
  readonly region: string;
  readonly stages: readonly { readonly name: string }[];
}
const STAGING: ArchiveInputs = { service: "orders-api", name: "staging", account: { id: "111111111111" }, region: "eu-west-1", stages: [{ name: "staging" }, { name: "canary" }] };
/** A test fixture: only the fields the archive's rules declare they read. */
const env = (changes: Partial<ArchiveInputs> = {}): Environment => ({ ...STAGING, ...changes }) as unknown as Environment;
const stages = (n: number, name = (i: number) => `stage-${i}`) => Array.from({ length: n }, (_, i) => ({ name: name(i) }));

describe("names built from the environment", () => {
  it("GIVEN a long service name THEN the archive bucket name is too long (S3: at most 63)", () => {
    expect(archiveBucketAndRoleNames.check(env({ service: "orders-api-with-a-long-name" })).map(formatIssue)).toEqual([
      'service, name = "orders-api-with-a-long-name, staging": makes the archive bucket name "orders-api-with-a-long-name-staging-log-archive-111111111111-eu-west-1" 70 characters long. Allowed: a shorter value: AWS allows at most 63 characters',
    ]);
  });

  it("GIVEN a very long service name THEN the bucket and the subscription role (IAM: at most 64) at once", () => {
    const service = "s".repeat(45);
    const issues = archiveBucketAndRoleNames.check(env({ service, name: "x" }));
    expect(issues.map((i) => i.problem)).toEqual([
      `makes the archive bucket name "${service}-x-log-archive-111111111111-eu-west-1" 82 characters long`,
      `makes the archive subscription role name "${service}-x-archive-subscription" 68 characters long`,
    ]);
  });

  it("GIVEN a long stage name THEN its delivery stream name is too long (Firehose: at most 64), on that stage", () => {
    const name = "a-very-long-stage-name-for-canary-testing-v1";
    expect(archiveStreamNames.check(env({ stages: [{ name: "ok" }, { name }] })).map(formatIssue)).toEqual([
      `stages[1].name = "${name}": makes the archive delivery stream name "orders-api-staging-archive-${name}" 71 characters long. Allowed: a shorter value: AWS allows at most 64 characters`,
    ]);
  });

  it("GIVEN the shipped names THEN no issue", () => {
    expect(ARCHIVE_RULES.flatMap((rule) => rule.check(env()))).toEqual([]);
  });
});

describe("the archive roles' inline policies (IAM: 10,240 characters per role)", () => {
  const site = { service: "orders-api", name: "staging", accountId: "111111111111", region: "eu-west-1" };

  it("GIVEN the most stages maxArchiveStages allows THEN both policies fit, and one more stage does not", () => {
    for (const stageName of ["a", "stage-99", "x".repeat(40)]) {
      const max = maxArchiveStages(site, stageName);
      const lengths = (n: number) => archivePolicyLengths(site, Array.from({ length: n }, () => stageName)).map((p) => p.length);
      expect({ stageName, fits: Math.max(...lengths(max)) <= 10_240, oneMoreFits: Math.max(...lengths(max + 1)) <= 10_240 }).toEqual({ stageName, fits: true, oneMoreFits: false });
    }
  });

  it("GIVEN longer stage names THEN fewer stages fit", () => {
    expect(maxArchiveStages(site, "a")).toBeGreaterThan(maxArchiveStages(site, "x".repeat(40)));
  });

  it("GIVEN 100 stages THEN the delivery role's policy is too long, and the issue says how many stages fit", () => {
    const max = maxArchiveStages(site, "stage-99");
    const issues = archiveRolePolicySizes.check(env({ stages: stages(100) }));
    expect(issues[0]).toEqual({
      field: "stages",
      value: "100 stages",
      problem: expect.stringMatching(/^makes the archive's delivery role policy \d+ characters long \(one entry per stage\), over IAM's 10240$/),
      allowed: `fewer stages per environment: at most ${max} with names of up to 8 characters, the longest here (split the environment), or shorter stage names`,
    });
    // AND that many stages named like the longest pass
    expect(archiveRolePolicySizes.check(env({ stages: stages(max, () => "stage-99") }))).toEqual([]);
  });

  it("GIVEN the shipped two stages THEN far from it", () => {
    expect(archiveRolePolicySizes.check(env())).toEqual([]);
    expect(Math.max(...archivePolicyLengths(site, ["staging", "canary"]).map((p) => p.length))).toBeLessThan(10_240 / 4);
  });
});

describe("reads", () => {
  it.each(ARCHIVE_RULES.map((rule, i) => [i, rule] as const))("GIVEN rule %i WHEN it checks an environment THEN it reads only fields it declares (so it never sees a malformed one)", (_, rule) => {
    const covered = (path: string) => rule.reads.some((read) => path === read || path.startsWith(`${read}.`) || read.startsWith(`${path}.`));
    for (const value of [STAGING, { ...STAGING, service: "s".repeat(60), stages: stages(100) }]) {
      expect(pathsRead(rule.check, value).filter((path) => !covered(path))).toEqual([]);
    }
  });
});
