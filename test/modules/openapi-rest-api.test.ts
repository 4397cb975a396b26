import { ApiGatewayDeployment } from "@cdktf/provider-aws/lib/api-gateway-deployment";
import { ApiGatewayRestApi } from "@cdktf/provider-aws/lib/api-gateway-rest-api";
import { OpenApiRestApi } from "../../modules/openapi-rest-api";
import { ORDERS_DEFINITION_FILE } from "../support/definition-file";
import { only, synth } from "../support/synth";

describe("OpenApiRestApi", () => {
  // GIVEN a definition file
  const s = synth((scope) => new OpenApiRestApi(scope, "api", { name: "orders-api-dev", definitionFile: ORDERS_DEFINITION_FILE }));

  it("is a regional REST API whose body is the given definition file, shipped as an asset", () => {
    expect(s.json).toHaveResourceWithProperties(ApiGatewayRestApi, {
      name: "orders-api-dev",
      put_rest_api_mode: "overwrite",
      endpoint_configuration: { types: ["REGIONAL"] },
    });
    expect(only(s, "aws_api_gateway_rest_api").body).toMatch(/^\$\{file\("\$\{path\.module\}\/assets\/.+\/orders\.openapi\.json"\)\}$/);
  });

  it("redeploys on a hash of the definition, creating the new deployment first", () => {
    const deployment = only(s, "aws_api_gateway_deployment");
    expect(deployment.triggers.redeployment).toMatch(/^\$\{sha1\(aws_api_gateway_rest_api\..+\.body\)\}$/);
    expect(deployment.lifecycle).toEqual({ create_before_destroy: true });
    expect(deployment.stage_name).toBeUndefined();
    expect(s.json).toHaveResource(ApiGatewayDeployment);
  });
});
