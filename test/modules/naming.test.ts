import { Naming } from "../../aws/naming";

describe("naming", () => {
  it("prefixes every name with service and environment", () => {
    const naming = new Naming({ service: "orders-api", environment: "dev" });
    expect(naming.prefix).toBe("orders-api-dev");
    expect(naming.name("logs", "key")).toBe("orders-api-dev-logs-key");
  });
});
