import { lifecycleRules } from "../../modules/lifecycle-rules";
import { archiveLifecycle } from "../support/lifecycle";
import { lifecycleProblems } from "../../aws/lifecycle";

type Lifecycle = Parameters<typeof lifecycleRules>[0];
type Transition = Lifecycle["transitions"][number];

const lifecycle = (changes: Partial<Lifecycle>): Lifecycle => ({ ...archiveLifecycle, ...changes });
const t = (storageClass: string, days: number) => ({ storageClass, days }) as Transition;

describe("lifecycleRules", () => {
  // GIVEN a lifecycle of Standard-IA at 30, Glacier at 90, Deep Archive at 180, expiry after 7 years
  const rules = lifecycleRules(archiveLifecycle);

  it("gives every rule a filter (the whole bucket) and enables it", () => {
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) expect(rule).toMatchObject({ status: "Enabled", filter: [{}] });
  });

  it("moves objects to colder classes in order, then expires them after the last transition", () => {
    const archive = rules.find((r) => r.id === "archive-then-expire")!;
    expect(archive.transition).toEqual([
      { days: 30, storageClass: "STANDARD_IA" },
      { days: 90, storageClass: "GLACIER" },
      { days: 180, storageClass: "DEEP_ARCHIVE" },
    ]);
    expect(archive.expiration).toEqual([{ days: 2557 }]);
  });

  it("expires old versions, aborts stale multipart uploads and removes expired delete markers", () => {
    expect(rules.find((r) => r.id === "archive-then-expire")!.noncurrentVersionExpiration).toEqual([{ noncurrentDays: 30 }]);
    expect(rules.find((r) => r.id === "abort-incomplete-multipart-uploads")!.abortIncompleteMultipartUpload).toEqual([{ daysAfterInitiation: 7 }]);
    expect(rules.find((r) => r.id === "remove-expired-delete-markers")!.expiration).toEqual([{ expiredObjectDeleteMarker: true }]);
  });

  it("accepts no transitions at all (expire from Standard)", () => {
    expect(lifecycleProblems(lifecycle({ transitions: [], expirationDays: 1 }))).toEqual([]);
  });

  it("refuses a lifecycle S3 would reject, naming the field", () => {
    expect(() => lifecycleRules(lifecycle({ transitions: [t("STANDARD_IA", 10)] }))).toThrow(
      'lifecycle.transitions[0].days = 10: is too early: S3 moves objects to STANDARD_IA only after 30 days. Allowed: at least 30',
    );
  });
});

describe("lifecycleProblems: what S3 rejects", () => {
  const only = (l: Lifecycle) => {
    const problems = lifecycleProblems(l);
    expect(problems).toHaveLength(1);
    return problems[0];
  };

  it("Standard-IA or One Zone-IA before 30 days", () => {
    expect(only(lifecycle({ transitions: [t("ONEZONE_IA", 29)] }))).toEqual({
      field: "transitions[0].days",
      value: 29,
      problem: "is too early: S3 moves objects to ONEZONE_IA only after 30 days",
      allowed: "at least 30",
    });
  });

  it("a class out of waterfall order", () => {
    expect(only(lifecycle({ transitions: [t("GLACIER", 90), t("STANDARD_IA", 120)], expirationDays: 400 }))).toMatchObject({
      field: "transitions[1].storageClass",
      value: "STANDARD_IA",
      problem: "comes after GLACIER, but S3 only moves objects to colder classes",
    });
  });

  it("the same class twice", () => {
    expect(only(lifecycle({ transitions: [t("GLACIER", 90), t("GLACIER", 120)] })).problem).toContain("comes after GLACIER");
  });

  it("less than 30 days in an infrequent-access class before the next transition", () => {
    expect(only(lifecycle({ transitions: [t("STANDARD_IA", 30), t("GLACIER", 45)] }))).toEqual({
      field: "transitions[1].days",
      value: 45,
      problem: "is too early: objects stay at least 30 days in STANDARD_IA (from day 30) before the next transition",
      allowed: "at least 60",
    });
  });

  it("a transition not after the one before it", () => {
    expect(only(lifecycle({ transitions: [t("GLACIER_IR", 90), t("DEEP_ARCHIVE", 90)] }))).toMatchObject({
      field: "transitions[1].days",
      problem: "is not after the previous transition (GLACIER_IR at day 90)",
      allowed: "at least 91",
    });
  });

  it("expiry before (or on) the last transition", () => {
    expect(only(lifecycle({ expirationDays: 180 }))).toEqual({
      field: "expirationDays",
      value: 180,
      problem: "expires objects before their last transition (DEEP_ARCHIVE at day 180)",
      allowed: "more than 180",
    });
  });

  it("a storage class a lifecycle rule cannot use", () => {
    expect(only(lifecycle({ transitions: [t("STANDARD", 30)] }))).toMatchObject({ field: "transitions[0].storageClass", value: "STANDARD", allowed: expect.stringContaining("STANDARD_IA, INTELLIGENT_TIERING") });
  });

  it.each([
    ["noncurrentVersionExpirationDays", 0],
    ["abortIncompleteMultipartUploadDays", 1.5],
    ["expirationDays", -1],
  ])("%s = %p", (field, value) => {
    expect(only(lifecycle({ [field]: value }))).toMatchObject({ field, value, problem: "is not a whole number of days in range" });
  });

  it("transitions that are not a list", () => {
    expect(only(lifecycle({ transitions: "GLACIER" as unknown as Transition[] }))).toMatchObject({ field: "transitions", problem: "is not a list" });
  });
});
