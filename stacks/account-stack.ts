/**
 * One stack per AWS account and region: the settings there can be only one of. It owns
 * `aws_api_gateway_account` and its CloudWatch role; every environment in that account and region
 * depends on it. In the account's home region it also holds the account's audit record: by default a
 * multi-region CloudTrail trail with its own bucket and log group (`cloudTrail.mode` "dedicated"), or, for an
 * account under an organization or landing-zone trail ("existing"), nothing but the alarm on that trail's log
 * group; either way an alarm on API Gateway control-plane changes in any region, outside the deploy pipeline,
 * to the account's security topic. The other regions' account stacks create no trail: one multi-region trail
 * records them all. AWS Config managed rules where the account's config turns them on.
 *
 * `aws_api_gateway_account` is one per account and region, and creating it overwrites whatever is set:
 * if a landing zone already set a CloudWatch role there, the first apply silently takes the setting over.
 * Before the first deploy in an account and region, check with
 * `aws apigateway get-account --region <region>`: a `cloudwatchRoleArn` in the output means the setting
 * exists; import it so that plan shows the change of role instead of hiding it, from the stack's folder
 * (`cdktf.out/stacks/account-<name>-<region>`): `terraform import aws_api_gateway_account.this
 * api-gateway-account` (the import id is the literal word `api-gateway-account`, per the provider's docs).
 * See docs/terraform-teams.md, "The account-wide API Gateway setting".
 */
import { Construct } from "constructs";
import { ApiGatewayAccountSettings } from "../modules/api-gateway-account";
import { awsLocation, partitionOf } from "../aws/arn";
import { AccountTrail, type AccountTrailProps, trailArn, trailArnComment } from "../modules/cloudtrail";
import { ConfigRules } from "../modules/config-rules";
import { ControlPlaneChangeAlarm } from "../modules/control-plane-alarm";
import { GuardedAwsProvider } from "../modules/guarded-aws-provider";
import { cloudTrailKeyGrants, cloudWatchAlarmsGrant, cloudWatchLogsGrant } from "../modules/kms-grants";
import { KmsKey } from "../modules/kms-key";
import { limitError, type LimitProblem } from "../aws/limits";
import { controlPlaneAlarmNames, trailBucketName, trailLogsRoleName, trailName } from "../aws/naming";
import { NotificationTopic, type NotificationSubscribers } from "../modules/notification-topic";
import { SlackChannel, type SlackChannelSettings } from "../modules/slack-channel";
import { ACCOUNT_SLACK_PURPOSE, chatbotNames } from "../aws/chatbot";
import { configureStateBackend, type StateBackendSettings } from "../modules/state-backend";
import { standardTags } from "../aws/tags";
import { commentInHcl } from "../modules/hcl-comments";
import { ReadableStack } from "./readable-stack";
import { accountOutputs } from "./stack-outputs";
import { type DeployerPrincipal, parseDeployerPrincipal } from "../aws/control-plane-pattern";

/**
 * Where the account's audit trail comes from: a trail this stack creates (`dedicated`), or an organization
 * or landing-zone trail that already delivers to a log group of the account (`existing`).
 */
export type AuditTrailSource =
  | {
      readonly mode: "dedicated";
      /** Region whose account stack creates the trail and the change alarm. @default the region of the first environment */
      readonly homeRegion?: string;
    }
  | {
      readonly mode: "existing";
      /** The existing trail's CloudWatch log group, by name. */
      readonly logGroupName: string;
      /** Region of that log group, whose account stack creates the change alarm. @default the region of the first environment */
      readonly homeRegion?: string;
    };

/** What the account stack reads of an account's config: the parsed account config is one. */
export interface AccountSettings {
  /** Short readable name, in the stack's name and the names of the audit resources. */
  readonly name: string;
  /** The 12-digit account id. */
  readonly id: string;
  /** Subscribers of the security alarm topic. */
  readonly notifications: NotificationSubscribers;
  /** The dedicated trail's archive and log group. */
  readonly trail: Pick<AccountTrailProps, "lifecycle" | "logRetentionDays">;
  /** Create the AWS Config managed rules (the account needs a configuration recorder). */
  readonly configRules: boolean;
  /** `prevent_destroy` on the trail's bucket, log group and key. */
  readonly deletionProtection: boolean;
  readonly stateBackend: StateBackendSettings;
  readonly cloudTrail: AuditTrailSource;
  /**
   * Roles whose API Gateway changes the control-plane alarm leaves out: a role ARN of this account (may end
   * in `*`) or a role name (`*` allowed at its start or end).
   */
  readonly deployerPrincipals: readonly string[];
  /** A Slack channel for the security topic, through AWS Chatbot (home region only); none when undefined. */
  readonly slack?: SlackChannelSettings;
}

export interface AccountStackProps {
  readonly account: AccountSettings;
  readonly region: string;
  /** Owner tag of the account-level resources. */
  readonly owner: string;
  /**
   * Whether this is the account's home region, whose stack holds the trail (or the alarm on the existing
   * trail's log group). `buildStacks` decides it once per account.
   * @default region equals `account.cloudTrail.homeRegion`, or no home region is configured
   */
  readonly auditHome?: boolean;
}

/** `account-<account name>-<region>`: stable, readable, one per account and region. */
export function accountStackName(account: Pick<AccountSettings, "name">, region: string): string {
  return `account-${account.name}-${region}`;
}

export class AccountStack extends ReadableStack {
  public readonly apiGatewayAccount: ApiGatewayAccountSettings;
  /** Encrypts the trail, its bucket and log group, and the security alarm topic. Home region only. */
  public readonly auditKey?: KmsKey;
  /** Home region only. */
  public readonly securityTopic?: NotificationTopic;
  /** Home region of an account with a dedicated trail only. */
  public readonly trail?: AccountTrail;
  /** The API Gateway control-plane change alarm. Home region only. */
  public readonly changeAlarm?: ControlPlaneChangeAlarm;
  /** Only when the account's config turns them on. */
  public readonly configRules?: ConfigRules;
  /** The security topic's Slack channel (`aws_chatbot_slack_channel_configuration.security_slack`). Home region, when configured. */
  public readonly securitySlackChannel?: SlackChannel;

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
    const { cloudTrail } = account;
    if (props.auditHome ?? (cloudTrail.homeRegion ?? region) === region) {
      const location = awsLocation(account.id, region);
      const trail = trailName(account.name);
      const dedicated = cloudTrail.mode === "dedicated";
      this.auditKey = new KmsKey(this, "audit", {
        alias: `${account.name}-audit`,
        description: dedicated ? `Encrypts the CloudTrail trail ${trail}, its bucket and log group, and the security alarm topic` : "Encrypts the security alarm topic",
        location,
        grants: [
          // cloudTrailKeyGrants: encrypt, decrypt through the bucket's S3 Bucket Key, describe.
          ...(dedicated ? [...cloudTrailKeyGrants(location, trailArn(location, trail)), cloudWatchLogsGrant(location)] : []),
          cloudWatchAlarmsGrant(),
        ],
        preventDestroy: account.deletionProtection,
      });
      if (dedicated) commentInHcl(this.auditKey.policy, ...trailArnComment("the trail is encrypted with this key (its kms_key_id)"));
      this.securityTopic = new NotificationTopic(this, "security", {
        name: `${account.name}-security-alarms`,
        location,
        kmsKeyArn: this.auditKey.arn,
        emails: account.notifications.emails,
        httpsEndpoints: account.notifications.httpsEndpoints,
      });
      if (account.slack) {
        const names = chatbotNames(account.name, ACCOUNT_SLACK_PURPOSE);
        this.securitySlackChannel = new SlackChannel(this, "security-slack", {
          settings: account.slack,
          configurationName: names.configuration,
          roleName: names.role,
          partition: location.partition,
          topicArns: [this.securityTopic.arn],
        });
      }
      let logGroupName: string;
      if (cloudTrail.mode === "dedicated") {
        this.trail = new AccountTrail(this, "trail", {
          location,
          trailName: trail,
          bucketName: trailBucketName(account.name, account.id, region),
          kmsKeyArn: this.auditKey.arn,
          lifecycle: account.trail.lifecycle,
          logRetentionDays: account.trail.logRetentionDays,
          logsRoleName: trailLogsRoleName(account.name, region),
          preventDestroy: account.deletionProtection,
        });
        logGroupName = this.trail.logGroup.name;
      } else {
        logGroupName = cloudTrail.logGroupName;
      }
      const names = controlPlaneAlarmNames(account.name);
      this.changeAlarm = new ControlPlaneChangeAlarm(this, "api-gateway-changes", {
        logGroupName,
        filterName: names.filter,
        alarmName: names.alarm,
        alarmTopicArn: this.securityTopic.arn,
        deployers: deployerPrincipals(`AccountStack ${name}`, account.deployerPrincipals),
      });
    }
    if (account.configRules) this.configRules = new ConfigRules(this, "config-rules", { namePrefix: account.name });
    accountOutputs(this, cloudTrail.mode === "existing" && this.changeAlarm !== undefined ? cloudTrail.logGroupName : undefined);
  }
}

/** Each entry as a role ARN or a role name pattern; an entry that is neither throws, naming it. */
function deployerPrincipals(owner: string, entries: readonly string[]): DeployerPrincipal[] {
  const problems: LimitProblem[] = [];
  const parsed = entries.flatMap((entry, i) => {
    const principal = parseDeployerPrincipal(entry);
    if (principal === undefined) {
      problems.push({ field: `account.deployerPrincipals[${i}]`, value: entry, problem: "is not a role ARN or role name", allowed: "arn:<partition>:iam::<account>:role/<name> (may end in *), or a role name with * at its start or end" });
    }
    return principal === undefined ? [] : [principal];
  });
  if (problems.length > 0) throw limitError(owner, problems);
  return parsed;
}
