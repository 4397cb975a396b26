import { arn, awsLocation, partitionOf } from "../../aws/arn";

describe("partitions and ARNs", () => {
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
