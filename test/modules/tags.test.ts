import { standardTags } from "../../aws/tags";

describe("tagging", () => {
  it("standard tags win over team tags of the same key", () => {
    const tags = standardTags({ environment: "prod", service: "s", owner: "o", extra: { environment: "spoofed", team: "t" } });
    expect(tags).toEqual({ team: "t", environment: "prod", service: "s", owner: "o", "managed-by": "cdktf" });
  });
});
