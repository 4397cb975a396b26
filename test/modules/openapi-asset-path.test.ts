/**
 * The OpenAPI document ships at a path without a content hash, so a changed document is a changed file at
 * the same path in review; the REST API still redeploys when its content changes, because the deployment's
 * trigger is a hash of the body (`file()` of that path, read at plan time), not of the path.
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Testing, TerraformStack } from "cdktf";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { OpenApiRestApi } from "../../modules/openapi-rest-api";
import { ORDERS_DEFINITION_FILE } from "../support/definition-file";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "openapi-asset-path-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** A copy of the orders document with a different description: another content, the same file name. */
function changedDefinition(): string {
  const file = path.join(fs.mkdtempSync(path.join(work, "changed-")), path.basename(ORDERS_DEFINITION_FILE));
  const document = JSON.parse(fs.readFileSync(ORDERS_DEFINITION_FILE, "utf8"));
  fs.writeFileSync(file, JSON.stringify({ ...document, info: { ...document.info, description: "changed" } }, null, 2));
  return file;
}

/** The stack's JSON and the folder its assets were written to. */
function synthesize(definitionFile: string): { api: any; deployment: any; stackDir: string } {
  const stack = new TerraformStack(Testing.app(), "stack");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  new OpenApiRestApi(stack, "api", { name: "orders-api-dev", definitionFile });
  const outdir = Testing.fullSynth(stack);
  const stackDir = path.join(outdir, "stacks", "stack");
  const json = JSON.parse(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8"));
  return { api: Object.values<any>(json.resource.aws_api_gateway_rest_api)[0], deployment: Object.values<any>(json.resource.aws_api_gateway_deployment)[0], stackDir };
}

describe("OpenApiRestApi's definition file", () => {
  // GIVEN the shipped document and a changed copy of it, each synthesized with its assets
  let shipped: ReturnType<typeof synthesize>;
  let changed: ReturnType<typeof synthesize>;
  beforeAll(() => {
    shipped = synthesize(ORDERS_DEFINITION_FILE);
    changed = synthesize(changedDefinition());
  });
  const assetPath = (api: any) => /^\$\{file\("\$\{path\.module\}\/(.+)"\)\}$/.exec(api.body)?.[1] ?? "";

  it("ships at assets/<construct>/<file name>, the same path whatever the content", () => {
    expect(assetPath(shipped.api)).toMatch(/^assets\/[A-Za-z0-9_-]+\/orders\.openapi\.json$/);
    expect(assetPath(changed.api)).toBe(assetPath(shipped.api));
  });

  it("reads it relative to the stack's folder (path.module), so the stack also works as a child module", () => {
    expect(shipped.api.body).toBe(`\${file("\${path.module}/${assetPath(shipped.api)}")}`);
  });

  it("writes each content to that path", () => {
    expect(fs.readFileSync(path.join(shipped.stackDir, assetPath(shipped.api)), "utf8")).toBe(fs.readFileSync(ORDERS_DEFINITION_FILE, "utf8"));
    expect(JSON.parse(fs.readFileSync(path.join(changed.stackDir, assetPath(changed.api)), "utf8")).info.description).toBe("changed");
  });

  it("redeploys on the content: the trigger hashes the body that file() reads, not the path", () => {
    for (const { deployment } of [shipped, changed]) {
      expect(deployment.triggers.redeployment).toMatch(/^\$\{sha1\(aws_api_gateway_rest_api\.[^.]+\.body\)\}$/);
    }
  });
});
