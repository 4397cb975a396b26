/** The synth speed-up that skips cdktf's token creation stacks: only plain objects lose their traces. */
import { skipTokenCreationStacks } from "../../stacks/token-creation-stacks";

describe("token creation stacks", () => {
  // The tests' setup (test/setup.ts) switched it on, as the app does: each test starts from Node's own.
  const installed = Error.captureStackTrace;
  const original = (installed as { original?: typeof Error.captureStackTrace }).original ?? installed;
  beforeEach(() => {
    Error.captureStackTrace = original;
  });
  afterAll(() => {
    Error.captureStackTrace = installed;
  });

  it("GIVEN the switch THEN a plain object gets no trace, and an Error still does", () => {
    skipTokenCreationStacks({});
    const plain = { stack: "" };
    Error.captureStackTrace(plain);
    expect(plain.stack).toBe("");
    const error = new Error("boom");
    Error.captureStackTrace(error);
    expect(error.stack).toContain("token-creation-stacks.test");
  });

  it("GIVEN CDKTF_CREATION_STACKS=1 THEN plain objects keep their traces (for debugging)", () => {
    skipTokenCreationStacks({ CDKTF_CREATION_STACKS: "1" });
    const plain = { stack: "" };
    Error.captureStackTrace(plain);
    expect(plain.stack).toContain("token-creation-stacks.test");
  });

  it("applying it twice wraps once", () => {
    skipTokenCreationStacks({});
    const once = Error.captureStackTrace;
    skipTokenCreationStacks({});
    expect(Error.captureStackTrace).toBe(once);
  });
});
