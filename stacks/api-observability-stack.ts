/**
 * One stack per environment: the REST API, its deployment and stages, and everything that observes them.
 * It only wires modules together; the modules own the resources.
 */
import { Construct } from "constructs";
import type { Environment } from "../environments/types";
import { ApiStage } from "../modules/api-stage";
import { GuardedAwsProvider } from "../modules/guarded-aws-provider";
import { cloudWatchLogsGrant } from "../modules/kms-grants";
import { KmsKey } from "../modules/kms-key";
import { awsLocation, Naming, standardTags } from "../modules/naming";
import { OpenApiRestApi } from "../modules/openapi-rest-api";
import { configureStateBackend } from "../modules/state-backend";
import { ReadableStack } from "./readable-stack";

export class ApiObservabilityStack extends ReadableStack {
  public readonly api: OpenApiRestApi;
  public readonly stages: readonly ApiStage[];
  public readonly logsKey: KmsKey;

  constructor(scope: Construct, env: Environment) {
    super(scope, env.name);
    configureStateBackend(this, env.name);
    const naming = new Naming({ service: env.service, environment: env.name });
    const location = awsLocation(env.account.id, env.region);
    new GuardedAwsProvider(this, "provider", {
      region: env.region,
      accountId: env.account.id,
      tags: standardTags({ environment: env.name, service: env.service, owner: env.owner, extra: env.tags }),
    });

    this.logsKey = new KmsKey(this, "logs-key", {
      alias: naming.name("logs"),
      description: `Encrypts the CloudWatch log groups of ${naming.prefix}`,
      location,
      grants: [cloudWatchLogsGrant(location)],
      preventDestroy: env.deletionProtection,
    });

    this.api = new OpenApiRestApi(this, "api", { name: naming.prefix, definitionFile: env.api.definitionFile });

    this.stages = env.stages.map(
      (stage) =>
        new ApiStage(this, `stage-${stage.name}`, {
          api: this.api,
          stage,
          logs: { retentionInDays: env.logs.retentionDays, kmsKeyArn: this.logsKey.arn, preventDestroy: env.deletionProtection },
        }),
    );
  }
}
