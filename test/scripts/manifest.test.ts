/** Which stacks `cdktf deploy` must be given for one environment: its dependencies first. */
import { withDependencies } from "../../scripts/lib/manifest";

const manifest = {
  stacks: {
    "account-a": {},
    dev: { dependencies: ["account-a"] },
    app: { dependencies: ["dev", "account-a"] },
    loop: { dependencies: ["loop"] },
  },
};

describe("stacks with dependencies", () => {
  it("lists dependencies first, each once", () => {
    expect(withDependencies(manifest, "dev")).toEqual(["account-a", "dev"]);
    expect(withDependencies(manifest, "app")).toEqual(["account-a", "dev", "app"]);
    expect(withDependencies(manifest, "account-a")).toEqual(["account-a"]);
  });
  it("an unknown stack names the allowed ones; a cycle is reported", () => {
    expect(() => withDependencies(manifest, "no-such-stack")).toThrow('Unknown stack "no-such-stack". Allowed: account-a, dev, app, loop');
    expect(() => withDependencies(manifest, "loop")).toThrow("Stack dependency cycle: loop -> loop");
  });
});
