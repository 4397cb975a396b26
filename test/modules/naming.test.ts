import { arn, awsLocation, Naming, partitionOf, standardTags } from "../../modules/naming";

describe("naming and tagging", () => {
  it("prefixes every name with service and environment", () => {
    const naming = new Naming({ service: "orders-api", environment: "dev" });
    expect(naming.prefix).toBe("orders-api-dev");
    expect(naming.name("logs", "key")).toBe("orders-api-dev-logs-key");
  });

  it("standard tags win over team tags of the same key", () => {
    const tags = standardTags({ environment: "prod", service: "s", owner: "o", extra: { environment: "spoofed", team: "t" } });
    expect(tags).toEqual({ team: "t", environment: "prod", service: "s", owner: "o", "managed-by": "cdktf" });
  });

  it.each([
    ["eu-west-1", "aws"],
    ["cn-northwest-1", "aws-cn"],
    ["us-gov-west-1", "aws-us-gov"],
  ])("region %s is in partition %s", (region, partition) => {
    expect(partitionOf(region)).toBe(partition);
  });

  it("builds regional and global ARNs", () => {
    const at = awsLocation("123456789012", "us-gov-east-1");
    expect(arn(at, "logs", "log-group:x")).toBe("arn:aws-us-gov:logs:us-gov-east-1:123456789012:log-group:x");
    expect(arn(at, "iam", "role/r", { global: true })).toBe("arn:aws-us-gov:iam::123456789012:role/r");
  });
});
