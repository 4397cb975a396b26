/**
 * One stack per AWS account and region: the settings there can be only one of. It owns
 * `aws_api_gateway_account` and its CloudWatch role; every environment in that account and region
 * depends on it.
 */
import { Construct } from "constructs";
import type { AccountConfig } from "../environments/types";
import { ApiGatewayAccountSettings } from "../modules/api-gateway-account";
import { GuardedAwsProvider } from "../modules/guarded-aws-provider";
import { partitionOf, standardTags } from "../modules/naming";
import { configureStateBackend } from "../modules/state-backend";
import { ReadableStack } from "./readable-stack";

export interface AccountStackProps {
  readonly account: AccountConfig;
  readonly region: string;
  /** Owner tag of the account-level resources. */
  readonly owner: string;
}

/** `account-<account name>-<region>`: stable, readable, one per account and region. */
export function accountStackName(account: AccountConfig, region: string): string {
  return `account-${account.name}-${region}`;
}

export class AccountStack extends ReadableStack {
  public readonly apiGatewayAccount: ApiGatewayAccountSettings;

  constructor(scope: Construct, props: AccountStackProps) {
    const name = accountStackName(props.account, props.region);
    super(scope, name);
    configureStateBackend(this, name);
    new GuardedAwsProvider(this, "provider", {
      region: props.region,
      accountId: props.account.id,
      tags: standardTags({ environment: `account-${props.account.name}`, service: "api-gateway-account", owner: props.owner }),
    });
    this.apiGatewayAccount = new ApiGatewayAccountSettings(this, "api-gateway", {
      roleName: `api-gateway-cloudwatch-${props.region}`,
      partition: partitionOf(props.region),
    });
  }
}
