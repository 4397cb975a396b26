/**
 * Bad archive, trail and account settings: each is rejected with the environment, the field, the value
 * and what is allowed. GIVEN a shipped environment with one thing broken, WHEN it is loaded, THEN ...
 */
import { ENVIRONMENTS } from "../../environments";
import { validateEnvironment } from "../../environments/validate";
import type { EnvironmentInput } from "../../environments/types";
import { rejectionOf, withEnv } from "../support/environments";

const messageOf = (inputs: EnvironmentInput[]): string => rejectionOf(...inputs);

function expectRejected(input: EnvironmentInput, ...fragments: string[]): void {
  const message = messageOf([input]);
  for (const fragment of fragments) expect(message).toContain(fragment);
}

const withArchive = (name: "dev" | "staging" | "prod", archive: Record<string, unknown>) => withEnv(name, { archive });
const withLifecycle = (lifecycle: Record<string, unknown>) => withArchive("staging", { lifecycle });
const withAccount = (name: "dev" | "staging" | "prod", changes: Record<string, unknown>) => withEnv(name, { account: { ...ENVIRONMENTS[name].account, ...changes } });

describe("archive defaults", () => {
  it("staging archives with the default lifecycle; dev with its own shorter one", () => {
    const staging = validateEnvironment(ENVIRONMENTS.staging);
    expect(staging.archive.lifecycle.transitions.map((t) => t.storageClass)).toEqual(["STANDARD_IA", "GLACIER", "DEEP_ARCHIVE"]);
    expect(staging.archive).toMatchObject({ bufferingIntervalSeconds: 300, bufferingSizeMiB: 5, lifecycle: { expirationDays: 2557, abortIncompleteMultipartUploadDays: 7 } });
    expect(validateEnvironment(ENVIRONMENTS.dev).archive.lifecycle.expirationDays).toBe(90);
  });

  it("accounts get a quiet default: no Config rules, deletion protection on", () => {
    const prod = validateEnvironment(ENVIRONMENTS.prod);
    expect(prod.account).toMatchObject({ configRules: false, deletionProtection: true, trail: { logRetentionDays: 90 } });
  });
});

describe("bad archive lifecycle", () => {
  it("Standard-IA before 30 days", () => {
    expectRejected(
      withLifecycle({ transitions: [{ storageClass: "STANDARD_IA", days: 7 }] }),
      'environment "staging": archive.lifecycle.transitions[0].days = 7: is too early: S3 moves objects to STANDARD_IA only after 30 days. Allowed: at least 30',
    );
  });

  it("classes out of order", () => {
    expectRejected(
      withLifecycle({ transitions: [{ storageClass: "DEEP_ARCHIVE", days: 90 }, { storageClass: "GLACIER", days: 180 }] }),
      'archive.lifecycle.transitions[1].storageClass = "GLACIER": comes after DEEP_ARCHIVE, but S3 only moves objects to colder classes. Allowed: a class after DEEP_ARCHIVE',
    );
  });

  it("leaving Standard-IA before 30 days in it", () => {
    expectRejected(
      withLifecycle({ transitions: [{ storageClass: "STANDARD_IA", days: 30 }, { storageClass: "GLACIER", days: 40 }] }),
      "archive.lifecycle.transitions[1].days = 40: is too early: objects stay at least 30 days in STANDARD_IA (from day 30) before the next transition. Allowed: at least 60",
    );
  });

  it("expiry before the last transition", () => {
    expectRejected(withLifecycle({ expirationDays: 120 }), "archive.lifecycle.expirationDays = 120: expires objects before their last transition (DEEP_ARCHIVE at day 180). Allowed: more than 180");
  });

  it("an unknown storage class", () => {
    expectRejected(withLifecycle({ transitions: [{ storageClass: "COLD", days: 30 }] }), 'archive.lifecycle.transitions[0].storageClass = "COLD": is not a storage class a lifecycle rule can move objects to');
  });

  it("old versions kept for zero days", () => {
    expectRejected(withLifecycle({ noncurrentVersionExpirationDays: 0 }), "archive.lifecycle.noncurrentVersionExpirationDays = 0: is not a whole number of days in range. Allowed: a whole number of at least 1");
  });

  it("multipart uploads never aborted", () => {
    expectRejected(withLifecycle({ abortIncompleteMultipartUploadDays: 0 }), "archive.lifecycle.abortIncompleteMultipartUploadDays = 0");
  });

  it("an archive that is not an object", () => {
    expectRejected(withEnv("dev", { archive: "yes" }), 'archive = "yes": is not an archive setting');
  });
});

describe("bad archive buffering and names", () => {
  it("a buffering interval Firehose does not accept", () => {
    expectRejected(withArchive("dev", { bufferingIntervalSeconds: 1000 }), "archive.bufferingIntervalSeconds = 1000: is out of range. Allowed: a whole number from 0 to 900");
  });

  it("a buffering size Firehose does not accept", () => {
    expectRejected(withArchive("dev", { bufferingSizeMiB: 0 }), "archive.bufferingSizeMiB = 0: is out of range. Allowed: a whole number from 1 to 128");
  });

  it("a service name that makes the archive bucket name too long", () => {
    expectRejected(
      withEnv("staging", { service: "orders-api-with-a-long-name" }),
      'service, name = "orders-api-with-a-long-name, staging": makes the archive bucket name "orders-api-with-a-long-name-staging-log-archive-111111111111-eu-west-1" 70 characters long. Allowed: a shorter value: AWS allows at most 63 characters',
    );
  });

  it("a stage name that makes its delivery stream name too long", () => {
    const stage = { name: "a-very-long-stage-name-for-canary-testing-v1" };
    expectRejected(withEnv("dev", { stages: [stage] }), `stages[0].name = "${stage.name}": makes the archive delivery stream name "orders-api-dev-archive-${stage.name}"`, "at most 64 characters");
  });
});

describe("bad account settings", () => {
  it("a security subscriber that is not an email address", () => {
    expectRejected(withAccount("dev", { notifications: { emails: ["security"] } }), 'environment "dev": account.notifications.emails[0] = "security": is not an email address');
  });

  it("a trail log retention CloudWatch rejects", () => {
    expectRejected(withAccount("dev", { trail: { logRetentionDays: 100 } }), "account.trail.logRetentionDays = 100: is not a retention CloudWatch Logs accepts");
  });

  it("a trail lifecycle S3 rejects", () => {
    expectRejected(withAccount("dev", { trail: { lifecycle: { transitions: [{ storageClass: "ONEZONE_IA", days: 1 }], expirationDays: 400 } } }), "account.trail.lifecycle.transitions[0].days = 1: is too early");
  });

  it("Config rules that are not a boolean", () => {
    expectRejected(withAccount("dev", { configRules: "on" }), 'account.configRules = "on": is not a boolean. Allowed: true or false');
  });

  it("an account name that makes the trail bucket name too long", () => {
    const name = "nonprod-workloads-europe-12345";
    expectRejected(withAccount("dev", { name }), `account.name = "${name}": makes the CloudTrail bucket name "${name}-cloudtrail-111111111111-eu-west-1" 64 characters long`);
  });

  it("a production account without deletion protection", () => {
    expectRejected(withAccount("prod", { deletionProtection: false }), "account.deletionProtection = false: leaves the production account's CloudTrail bucket and logs destroyable. Allowed: true");
  });

  it("one account with different settings in two environments", () => {
    const message = messageOf([ENVIRONMENTS.dev, withAccount("staging", { configRules: true })]);
    expect(message).toContain('environment "staging": account = ');
    expect(message).toContain('has other settings than in environment "dev" for the same account (one account stack serves both)');
  });
});

describe("production retention", () => {
  // The archive receives only the access logs: the execution logs keep their year in CloudWatch (apply-time-inputs.test.ts).
  it("may be short in CloudWatch for the access logs when the archive keeps a year and the execution logs keep theirs", () => {
    const prod = validateEnvironment(withEnv("prod", { logs: { retentionDays: 90, executionRetentionDays: 365 }, archive: { lifecycle: { expirationDays: 400 } } }));
    expect(prod.logs).toEqual({ retentionDays: 90, executionRetentionDays: 365 });
  });

  it("is rejected when neither CloudWatch nor the archive keeps a year", () => {
    expectRejected(
      withEnv("prod", { logs: { retentionDays: 90 }, archive: { lifecycle: { transitions: [], expirationDays: 364 } } }),
      "logs.retentionDays = 90: is too short for production while the archive keeps logs only 364 days",
    );
  });
});

describe("malformed sections are reported, not spread", () => {
  it("a lifecycle that is not an object", () => {
    expectRejected(withLifecycle("forever" as unknown as Record<string, unknown>), 'archive.lifecycle = "forever": is not a lifecycle');
  });

  it("a trail that is not an object", () => {
    expectRejected(withAccount("dev", { trail: [] }), "account.trail = []: is not a trail setting");
  });
});
