/**
 * The AWS provider with its guard rails: pinned to the environment's region and account
 * (`allowed_account_ids`, so credentials for another account fail before any change) and the standard
 * tags on every resource (`default_tags`).
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Construct } from "constructs";

export interface GuardedAwsProviderProps {
  readonly region: string;
  /** The only account this provider may act in. */
  readonly accountId: string;
  /** Applied to every resource as `default_tags`. */
  readonly tags: Readonly<Record<string, string>>;
}

export class GuardedAwsProvider extends Construct {
  public readonly provider: AwsProvider;

  constructor(scope: Construct, id: string, props: GuardedAwsProviderProps) {
    super(scope, id);
    this.provider = new AwsProvider(this, "aws", {
      region: props.region,
      allowedAccountIds: [props.accountId],
      defaultTags: [{ tags: { ...props.tags } }],
    });
  }
}
