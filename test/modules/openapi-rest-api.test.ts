import { ApiGatewayDeployment } from "@cdktf/provider-aws/lib/api-gateway-deployment";
import { ApiGatewayRestApi } from "@cdktf/provider-aws/lib/api-gateway-rest-api";
import { resolveDefinitionFile } from "../../environments/openapi";
import { ORDERS_API } from "../../environments/sample-api";
import { OpenApiRestApi } from "../../modules/openapi-rest-api";
import { only, synth } from "../support/synth";

describe("OpenApiRestApi", () => {
  // GIVEN the sample API's definition file
  const s = synth((scope) => new OpenApiRestApi(scope, "api", { name: "orders-api-dev", definitionFile: resolveDefinitionFile(ORDERS_API.definitionFile) }));

  it("is a regional REST API whose body is the shipped definition file", () => {
    expect(s.json).toHaveResourceWithProperties(ApiGatewayRestApi, {
      name: "orders-api-dev",
      put_rest_api_mode: "overwrite",
      endpoint_configuration: { types: ["REGIONAL"] },
    });
    expect(only(s, "aws_api_gateway_rest_api").body).toMatch(/^\$\{file\("assets\/.+\/orders\.openapi\.json"\)\}$/);
  });

  it("redeploys on a hash of the definition, creating the new deployment first", () => {
    const deployment = only(s, "aws_api_gateway_deployment");
    expect(deployment.triggers.redeployment).toMatch(/^\$\{sha1\(aws_api_gateway_rest_api\..+\.body\)\}$/);
    expect(deployment.lifecycle).toEqual({ create_before_destroy: true });
    expect(deployment.stage_name).toBeUndefined();
    expect(s.json).toHaveResource(ApiGatewayDeployment);
  });
});
