/**
 * A REST API defined by an OpenAPI document, and its deployment.
 *
 * The document is shipped as a file beside the stack's HCL and read with `file()`: PutRestApi receives the
 * very file config validation checked, reviewers see the API as the JSON it is, and the value is the same
 * byte for byte whether cdktf writes HCL or JSON (cdktf's HCL renderer does not escape backslashes in
 * string literals, so an inline JSON body would break).
 *
 * It ships at `assets/<construct path>/<file name>` (`assets/api_definition/orders.openapi.json`), without the
 * content hash cdktf puts in an asset's path by default: reviewers see a changed document as a changed file
 * at the same path, not as a new path in `file(...)`. Nothing depends on the path changing: the
 * deployment's trigger is a hash of the body, the file's content.
 *
 * The deployment is replaced whenever the definition changes (`triggers` holds a hash of the body) and
 * the new one is created before the old one is destroyed, so stages always point at a live deployment.
 * Stages are separate `aws_api_gateway_stage` resources (see `ApiStage`), never the deployment's
 * `stage_name`, which breaks on redeploy.
 */
import { ApiGatewayDeployment } from "@cdktf/provider-aws/lib/api-gateway-deployment";
import { ApiGatewayRestApi } from "@cdktf/provider-aws/lib/api-gateway-rest-api";
import { AssetType, Fn, TerraformAsset, Token } from "cdktf";
import { ref } from "cdktf/lib/tfExpression";
import { Construct } from "constructs";

export type EndpointType = "REGIONAL" | "EDGE" | "PRIVATE";

/** Terraform's `path.module`: the folder of the stack's own HCL. */
const PATH_MODULE = Token.asString(ref("path.module"));

/**
 * `TerraformAsset` writes a file to `assets/<construct path>/<assetHash>/<file name>`; an `assetHash` of
 * "." (its documented override, a path segment here) leaves the content hash out of the path.
 */
const NO_HASH_IN_PATH = ".";

export interface OpenApiRestApiProps {
  /** The API's name, also the `ApiName` dimension of its CloudWatch metrics. */
  readonly name: string;
  /**
   * Path of the OpenAPI 3.0 document (JSON), with an `x-amazon-apigateway-integration` on every operation:
   * absolute, or relative to the folder of cdktf.json (as `TerraformAsset` resolves it). It ships as it is.
   */
  readonly definitionFile: string;
  /** @default "REGIONAL" */
  readonly endpointType?: EndpointType;
}

export class OpenApiRestApi extends Construct {
  public readonly restApi: ApiGatewayRestApi;
  public readonly deployment: ApiGatewayDeployment;
  /** The API's name (a plain string, known at synth: metric dimensions and dashboards use it). */
  public readonly name: string;
  public readonly id: string;

  constructor(scope: Construct, id: string, props: OpenApiRestApiProps) {
    super(scope, id);
    this.name = props.name;
    const definition = new TerraformAsset(this, "definition", { path: props.definitionFile, type: AssetType.FILE, assetHash: NO_HASH_IN_PATH });
    this.restApi = new ApiGatewayRestApi(this, "rest-api", {
      name: props.name,
      description: `${props.name}, managed by cdktf`,
      // Relative to the stack's own folder, not to where terraform runs: the stack also works as a module.
      body: Fn.file(`${PATH_MODULE}/${definition.path}`),
      // "overwrite" makes the definition the single source of truth: removed paths are removed.
      putRestApiMode: "overwrite",
      endpointConfiguration: { types: [props.endpointType ?? "REGIONAL"] },
    });
    this.id = this.restApi.id;

    this.deployment = new ApiGatewayDeployment(this, "deployment", {
      restApiId: this.restApi.id,
      description: `Deployment of ${props.name}; replaced when the definition changes`,
      triggers: { redeployment: Fn.sha1(this.restApi.body) },
      lifecycle: { createBeforeDestroy: true },
    });
  }
}
