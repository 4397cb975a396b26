/**
 * The AWS account an environment deploys into (`account`): its name, id and production flag, and the
 * settings of the account stack, which is built once for every environment in the account: the security
 * topic's subscribers, the audit trail, Config rules, and where the account stack keeps its state.
 */
import { z } from "zod";
import { LOG_GROUP_NAME } from "../../aws/limits";
import { flag, list, section, text } from "./fields";
import { explain } from "./issues";
import { notificationsSchema } from "./notifications";
import { regionQuotasSchema } from "./quotas";
import { slackChannelSchema } from "./slack";
import { stateBackendSchema } from "./state-backend";
import { tagged } from "./tagged";
import { trailSchema } from "./trail";

const ACCOUNT_ID = /^\d{12}$/;
const ACCOUNT_NAME = /^[a-z][a-z0-9-]{0,29}$/;

const CLOUD_TRAIL_SHAPE = '{ mode: "dedicated", homeRegion? } or { mode: "existing", logGroupName, homeRegion? }';
const NOT_A_CLOUD_TRAIL = ["is not a CloudTrail setting", CLOUD_TRAIL_SHAPE] as const;

/**
 * Region whose account stack creates the trail (or, for an existing trail, the change alarm). Whether the
 * account has an environment there is checked across environments.
 * @default the account's only region; required when its environments use several
 */
const homeRegion = z.string({ error: explain("is not a region", "the region of one of the account's environments") }).optional();

const LOG_GROUP_ALLOWED = "the log group's name (not its ARN): 1 to 512 letters, digits and . - _ / #, e.g. aws-controltower/CloudTrailLogs";

/** A CloudWatch Logs log group, by name (CreateLogGroup `logGroupName`: 1..512 of `[.-_/#A-Za-z0-9]`). */
const logGroupName = z
  .string({ error: explain("is not a CloudWatch Logs log group name", LOG_GROUP_ALLOWED) })
  .refine((name) => !name.startsWith("arn:"), { error: explain("is an ARN", LOG_GROUP_ALLOWED), abort: true })
  .regex(LOG_GROUP_NAME, { error: explain("is not a CloudWatch Logs log group name", LOG_GROUP_ALLOWED) });

/** This project creates one multi-region trail (bucket, log group, delivery role) in the home region. */
const dedicatedTrail = section(
  {
    mode: z.literal("dedicated"),
    homeRegion,
    /** Not read: a dedicated trail has its own log group. */
    logGroupName: z.never({ error: explain('is only read with mode "existing" (a dedicated trail has its own log group)', 'mode "existing", or no logGroupName') }).optional(),
  },
  ...NOT_A_CLOUD_TRAIL,
);

/** An organization or landing-zone trail already delivers to a CloudWatch log group of this account. */
const existingTrail = section(
  {
    mode: z.literal("existing"),
    /** The existing trail's CloudWatch log group, by name (not ARN). */
    logGroupName,
    homeRegion,
  },
  ...NOT_A_CLOUD_TRAIL,
);

/**
 * The account's audit trail, where the API Gateway change alarm reads. `dedicated`: this project creates one
 * multi-region trail in the home region; it records every region, so the account stacks of the other regions
 * create none. `existing`: the alarm reads the log group of a trail the account already has, and no trail is
 * created (the `trail` settings are then unused). @default { mode: "dedicated" }
 */
export const cloudTrailSchema = tagged("mode", [dedicatedTrail, existingTrail], {
  notAnObject: NOT_A_CLOUD_TRAIL,
  unknownTag: "is not a CloudTrail mode",
  unknownKey: NOT_A_CLOUD_TRAIL,
}).prefault({ mode: "dedicated" });
export type CloudTrail = z.output<typeof cloudTrailSchema>;

/**
 * What a deployer principal may be. The type checks of the list see neither the account id nor the
 * partition, so they name them; the rule below, which sees both, writes them out.
 */
export const deployersAllowed = (partition: string, accountId: string): string =>
  `role ARNs of this account ("arn:${partition}:iam::${accountId}:role/github-deploy", may end in *) or role names ("github-deploy", * only at the start or end)`;
const ANY_DEPLOYERS_ALLOWED = deployersAllowed("<partition>", "<account id>");

export const accountSchema = section(
  {
    /** Short readable name, used in the account stack's name (`account-<name>-<region>`) and the trail's. */
    name: text(ACCOUNT_NAME, "1 to 30 lower-case letters, digits or '-', starting with a letter"),
    /** The 12-digit AWS account id. */
    id: text(ACCOUNT_ID, 'exactly 12 digits, e.g. "123456789012"'),
    /** Only production accounts may host production-tier environments. */
    production: flag(),
    /** Subscribers of the account's security alarm topic (API Gateway control-plane changes). @default no subscribers */
    notifications: notificationsSchema,
    /** The account's CloudTrail trail: its S3 archive and its CloudWatch log group. @default see `trailSchema` */
    trail: trailSchema,
    /**
     * AWS Config managed rules (API Gateway execution logging and X-Ray, CloudTrail). They need a
     * configuration recorder, which this project does not create: turn on only where one exists. @default false
     */
    configRules: flag().default(false),
    /** `prevent_destroy` on the trail's bucket, log group and key. Required in production accounts. @default true */
    deletionProtection: flag().default(true),
    /**
     * Where the account stack keeps its state. Every environment in the account names the same account, so
     * they agree on it. Required to be S3 in production accounts. @default { type: "local" }
     */
    stateBackend: stateBackendSchema,
    /** Where the account's audit trail comes from. @default { mode: "dedicated" } */
    cloudTrail: cloudTrailSchema,
    /**
     * Roles whose API Gateway changes the control-plane alarm leaves out: the deploy pipeline changes APIs on
     * every deploy. A role ARN of this account (`arn:aws:iam::111111111111:role/github-deploy`, may end in `*`)
     * or a role name (`github-deploy`, `*` allowed at its start or end). Only role sessions are left out: IAM
     * users and root always alarm. @default []
     */
    deployerPrincipals: list(z.string({ error: explain("is not a string", ANY_DEPLOYERS_ALLOWED) }), "is not a list", `a list of ${ANY_DEPLOYERS_ALLOWED}`).default([]),
    /** Per-region service quotas the account's environments count against, where they differ from AWS's defaults. @default AWS's defaults */
    quotas: regionQuotasSchema,
    /** A Slack channel for the security topic, through AWS Chatbot (home region only, like the topic). @default off */
    slack: slackChannelSchema,
  },
  "is not an account",
  "an AccountConfig { name, id, production }",
);
/** What an environment file writes for its account. */
export type AccountInput = z.input<typeof accountSchema>;
/** An account with every default applied. */
export type Account = z.output<typeof accountSchema>;
