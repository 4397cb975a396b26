/**
 * Property-based bad-input tests: generated environment configs, valid and broken. Each one either fails
 * validation with a message that names the bad field, or builds stacks that synthesize. Never a crash.
 * (The Terraform half, generated valid configs through `terraform validate`, is in test/terraform/.)
 */
import { Testing } from "cdktf";
import fc from "fast-check";
import { ENVIRONMENTS } from "../../environments";
import type { EnvironmentInput } from "../../environments/types";
import { checkEnvironment, ConfigValidationError, validateEnvironment } from "../../environments/validate";
import { buildStacks } from "../../stacks/app";
import { arbitraryEnvironment, corruptions } from "../support/arbitraries";
import { RETENTION_DAYS_CLOUDWATCH_ACCEPTS } from "../support/aws-facts";

function synthesizes(input: EnvironmentInput): void {
  const env = validateEnvironment(input);
  const app = Testing.app();
  const { accounts, environments } = buildStacks(app, [env]);
  for (const stack of [...accounts, ...environments]) JSON.parse(Testing.synth(stack));
}

describe("generated configs", () => {
  it("either validate and synthesize, or are rejected with a ConfigValidationError; never a crash", () => {
    fc.assert(
      fc.property(arbitraryEnvironment(), (input) => {
        const { issues } = checkEnvironment(input);
        if (issues.length === 0) {
          synthesizes(input);
          return;
        }
        let error: unknown;
        try {
          validateEnvironment(input);
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(ConfigValidationError);
        for (const i of issues) expect((error as Error).message).toContain(`${i.field} = `);
      }),
      { numRuns: 150 },
    );
  });

  it("a valid config with one field broken is rejected, and the message names that field", () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.values(ENVIRONMENTS)), fc.constantFrom(...corruptions), (base, corruption) => {
        const broken = corruption.apply(base);
        expect(() => validateEnvironment(broken)).toThrow(ConfigValidationError);
        expect(() => validateEnvironment(broken)).toThrow(`${corruption.field} = `);
      }),
      { numRuns: 200 },
    );
  });

  // The oracle is PutRetentionPolicy's list written out from the API reference (test/support/aws-facts.ts).
  it("every retention CloudWatch accepts is accepted, and no other whole number of days is", () => {
    fc.assert(
      fc.property(fc.integer({ min: -10, max: 4000 }), (days) => {
        const { issues } = checkEnvironment({ ...ENVIRONMENTS.dev, logs: { retentionDays: days } });
        const rejected = issues.some((i) => i.field === "logs.retentionDays");
        expect(rejected).toBe(!RETENTION_DAYS_CLOUDWATCH_ACCEPTS.includes(days));
      }),
    );
  });
});
