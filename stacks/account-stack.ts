/**
 * One stack per AWS account and region: the settings there can be only one of. It owns
 * `aws_api_gateway_account` and its CloudWatch role; every environment in that account and region
 * depends on it. It also holds the account's audit record: a multi-region CloudTrail trail with its own
 * bucket and log group, an alarm on API Gateway control-plane changes to the account's security topic,
 * and (when the account's config turns them on) AWS Config managed rules.
 */
import { Construct } from "constructs";
import type { Account, AccountConfig } from "../environments/types";
import { ApiGatewayAccountSettings } from "../modules/api-gateway-account";
import { AccountTrail, trailArn } from "../modules/cloudtrail";
import { ConfigRules } from "../modules/config-rules";
import { GuardedAwsProvider } from "../modules/guarded-aws-provider";
import { cloudTrailDescribeKeyGrant, cloudTrailEncryptGrant, cloudWatchAlarmsGrant, cloudWatchLogsGrant } from "../modules/kms-grants";
import { KmsKey } from "../modules/kms-key";
import { awsLocation, partitionOf, standardTags, trailBucketName, trailLogsRoleName, trailName } from "../modules/naming";
import { NotificationTopic } from "../modules/notification-topic";
import { configureStateBackend } from "../modules/state-backend";
import { ReadableStack } from "./readable-stack";

export interface AccountStackProps {
  readonly account: Account;
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
  /** Encrypts the trail, its bucket and log group, and the security alarm topic. */
  public readonly auditKey: KmsKey;
  public readonly securityTopic: NotificationTopic;
  public readonly trail: AccountTrail;
  /** Only when the account's config turns them on. */
  public readonly configRules?: ConfigRules;

  constructor(scope: Construct, props: AccountStackProps) {
    const name = accountStackName(props.account, props.region);
    super(scope, name);
    configureStateBackend(this, name, props.account.stateBackend);
    new GuardedAwsProvider(this, "provider", {
      region: props.region,
      accountId: props.account.id,
      tags: standardTags({ environment: `account-${props.account.name}`, service: "api-gateway-account", owner: props.owner }),
    });
    this.apiGatewayAccount = new ApiGatewayAccountSettings(this, "api-gateway", {
      roleName: `api-gateway-cloudwatch-${props.region}`,
      partition: partitionOf(props.region),
    });

    const { account, region } = props;
    const location = awsLocation(account.id, region);
    const trail = trailName(account.name);
    this.auditKey = new KmsKey(this, "audit-key", {
      alias: `${account.name}-audit`,
      description: `Encrypts the CloudTrail trail ${trail}, its bucket and log group, and the security alarm topic`,
      location,
      grants: [
        cloudTrailEncryptGrant(location, trailArn(location, trail)),
        cloudTrailDescribeKeyGrant(trailArn(location, trail)),
        cloudWatchLogsGrant(location),
        cloudWatchAlarmsGrant(),
      ],
      preventDestroy: account.deletionProtection,
    });
    this.securityTopic = new NotificationTopic(this, "security-topic", {
      name: `${account.name}-security-alarms`,
      location,
      kmsKeyArn: this.auditKey.arn,
      emails: account.notifications.emails,
      httpsEndpoints: account.notifications.httpsEndpoints,
    });
    this.trail = new AccountTrail(this, "trail", {
      location,
      trailName: trail,
      bucketName: trailBucketName(account.name, account.id, region),
      kmsKeyArn: this.auditKey.arn,
      lifecycle: account.trail.lifecycle,
      logRetentionDays: account.trail.logRetentionDays,
      logsRoleName: trailLogsRoleName(account.name, region),
      alarmTopicArn: this.securityTopic.arn,
      preventDestroy: account.deletionProtection,
    });
    if (account.configRules) this.configRules = new ConfigRules(this, "config-rules", { namePrefix: account.name });
  }
}
