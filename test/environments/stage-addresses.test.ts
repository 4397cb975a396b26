/**
 * Stage names become part of Terraform addresses in snake_case (stacks/logical-names.ts): names API Gateway
 * tells apart but an address does not are a config error, before the synth would stop on the clash.
 */
import { loadEnvironments } from "../../environments";
import { EXTRA_ENVIRONMENT } from "../support/extra-environment";
import { rejectionOf } from "../support/environments";

describe("stage names and Terraform addresses", () => {
  it("GIVEN v1-qa and v1_qa THEN the second is named with the address part they share", () => {
    const env = { ...EXTRA_ENVIRONMENT, stages: [{ name: "v1-qa" }, { name: "v1_qa" }] };
    expect(rejectionOf(env)).toContain(
      'environment "extra-env": stages[].name = "v1_qa": makes the same Terraform address part "v1_qa" as the stage "v1-qa". Allowed: stage names that differ in more than letter case, \'-\' and \'_\'',
    );
  });

  it("GIVEN V1 and v1 THEN it is an error too; GIVEN v1 and v2 THEN they validate", () => {
    expect(rejectionOf({ ...EXTRA_ENVIRONMENT, stages: [{ name: "V1" }, { name: "v1" }] })).toContain('makes the same Terraform address part "v1"');
    expect(() => loadEnvironments([{ ...EXTRA_ENVIRONMENT, stages: [{ name: "v1" }, { name: "v2" }] }])).not.toThrow();
  });
});
