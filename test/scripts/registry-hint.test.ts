/**
 * A `terraform init` that cannot install the AWS provider says what to do: a provider mirror through
 * TF_PLUGIN_MIRROR, or registry access. The outputs below are Terraform 1.11.4's own (captured with the
 * registry out of reach, through a dead proxy, and with mirrors that lack the provider or the version).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { findProviderMirror, registryHint, terraformPlatform, withRegistryHint } from "../../scripts/lib/registry-hint";

const FINDING = 'Initializing the backend...\nInitializing provider plugins...\n- Finding hashicorp/aws versions matching "5.100.0"...\n\n';
const NO_SUCH_HOST =
  FINDING +
  "Error: Failed to query available provider packages\n\nCould not retrieve the list of available versions for provider hashicorp/aws:\n" +
  'could not connect to registry.terraform.io: failed to request discovery\ndocument: Get "https://registry.terraform.io/.well-known/terraform.json":\n' +
  "dial tcp: lookup registry.terraform.io on 10.255.255.53:53: no such host\n";
const DEAD_PROXY =
  FINDING +
  "Error: Failed to query available provider packages\n\nCould not retrieve the list of available versions for provider hashicorp/aws:\n" +
  'could not connect to registry.terraform.io: failed to request discovery\ndocument: Get "https://registry.terraform.io/.well-known/terraform.json":\n' +
  "proxyconnect tcp: dial tcp 127.0.0.1:9: connect: connection refused\n";
const NOT_IN_MIRROR =
  FINDING +
  "Error: Failed to query available provider packages\n\nCould not retrieve the list of available versions for provider hashicorp/aws:\n" +
  "provider registry.terraform.io/hashicorp/aws was not found in any of the\nsearch locations\n\n  - /mirrors/empty\n";
const OTHER_VERSION =
  FINDING +
  "Error: Failed to query available provider packages\n\nCould not retrieve the list of available versions for provider hashicorp/aws:\nno available releases match the given constraints 5.100.0\n";

const noMirror = () => undefined;

describe("what a failed terraform init says to do", () => {
  it("GIVEN no registry (no such host) and no mirror set THEN it names TF_PLUGIN_MIRROR, the folder it must hold, and registry access", () => {
    const hint = registryHint(NO_SUCH_HOST, { env: {}, findMirror: noMirror, platform: "linux_amd64" })!;
    expect(hint).toContain("Terraform could not install the provider hashicorp/aws 5.100.0: this machine cannot reach the Terraform registry (registry.terraform.io), and TF_PLUGIN_MIRROR is not set.");
    expect(hint).toContain("set TF_PLUGIN_MIRROR to the folder that contains registry.terraform.io/hashicorp/aws/5.100.0/linux_amd64/");
    expect(hint).toContain("terraform providers mirror -platform=linux_amd64 <folder>");
    expect(hint).toContain("give this machine access to https://registry.terraform.io and https://releases.hashicorp.com");
  });

  it("GIVEN a mirror on this machine THEN it gives the very line to set, as .ci/run would find it", () => {
    const hint = registryHint(DEAD_PROXY, { env: {}, findMirror: () => "/opt/tf-plugins", platform: "linux_amd64" })!;
    expect(hint).toContain("This machine has one: export TF_PLUGIN_MIRROR=/opt/tf-plugins (.ci/run finds it by itself), then run the command again.");
  });

  it.each([
    ["a mirror without the provider", NOT_IN_MIRROR],
    ["a mirror with another version", OTHER_VERSION],
  ])("GIVEN %s THEN it says what the mirror lacks and how to add it", (_, output) => {
    const hint = registryHint(output, { env: { TF_PLUGIN_MIRROR: "/mirrors/empty" }, findMirror: noMirror, platform: "darwin_arm64" })!;
    expect(hint).toContain("TF_PLUGIN_MIRROR=/mirrors/empty does not hold the provider hashicorp/aws 5.100.0 for darwin_arm64: Terraform looked for registry.terraform.io/hashicorp/aws/5.100.0/darwin_arm64/ in it.");
    expect(hint).toContain("terraform providers mirror -platform=darwin_arm64 /mirrors/empty");
  });

  it("GIVEN an init failure of another kind (a backend, a syntax error) THEN it adds nothing", () => {
    const backend = 'Error: Failed to get existing workspaces: operation error S3: ListObjectsV2, dial tcp: lookup tfstate.s3.eu-west-1.amazonaws.com: no such host\n';
    expect(registryHint(backend, { env: {}, findMirror: noMirror })).toBeUndefined();
    expect(withRegistryHint(backend, { env: {}, findMirror: noMirror })).toBe(backend);
    expect(withRegistryHint(NO_SUCH_HOST, { env: {}, findMirror: noMirror })).toMatch(/no such host\n\nTerraform could not install the provider/);
  });

  it("names the platform as Terraform does", () => {
    expect([terraformPlatform("linux", "x64"), terraformPlatform("darwin", "arm64"), terraformPlatform("win32", "x64")]).toEqual(["linux_amd64", "darwin_arm64", "windows_amd64"]);
  });
});

describe("finding a provider mirror on this machine (as .ci/run does)", () => {
  let root: string;
  const mkdir = (...parts: string[]) => fs.mkdirSync(path.join(root, ...parts), { recursive: true });
  beforeEach(() => (root = fs.mkdtempSync(path.join(os.tmpdir(), "mirror-search-"))));
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it("GIVEN a folder with registry.terraform.io/hashicorp/aws THEN that folder is the mirror", () => {
    mkdir("opt", "tf-plugins", "registry.terraform.io", "hashicorp", "aws", "5.100.0", "linux_amd64");
    expect(findProviderMirror(root)).toBe(path.join(root, "opt", "tf-plugins"));
  });

  it("GIVEN only plugin caches, init's own copies, a registry folder without the AWS provider, or one too deep THEN there is none", () => {
    mkdir("home", "plugin-cache", "registry.terraform.io", "hashicorp", "aws");
    mkdir("work", "stack", ".terraform", "providers", "registry.terraform.io", "hashicorp", "aws");
    mkdir("srv", "other", "registry.terraform.io", "hashicorp", "random");
    mkdir("a", "b", "c", "d", "registry.terraform.io", "hashicorp", "aws");
    mkdir("tmp", "tf-stacks-1", "registry.terraform.io", "hashicorp", "aws");
    expect(findProviderMirror(root)).toBeUndefined();
    mkdir("a", "b", "c", "registry.terraform.io", "hashicorp", "aws"); // as deep as .ci/run's find -maxdepth 4 looks
    expect(findProviderMirror(root)).toBe(path.join(root, "a", "b", "c"));
  });
});
