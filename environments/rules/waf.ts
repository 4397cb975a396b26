/**
 * The web ACL's rules across sections: what production asks of its WAF log, and the archive's role policies,
 * which name the WAF log's stream besides every stage's. (Priorities, rule groups and capacity are checked
 * in the `waf` section itself, schema/waf.ts.)
 */
import { MAX_ROLE_INLINE_POLICIES_LENGTH } from "../../aws/limits";
import { archiveStreamName, Naming } from "../../aws/naming";
import { wafArchiveStreamName } from "../../aws/waf";
import type { Environment, EnvironmentRule } from "../schema/environment-fields";
import { rule } from "../schema/fields";
import { issue } from "../schema/issues";
import { archivePolicyLengthsOfStreams } from "./archive";

const wafOn = (env: Pick<Environment, "waf">): boolean => env.waf.enabled;

/**
 * Production logs every request the web ACL sees: an attack is traced through the requests it let through as
 * much as through those it blocked. The filter that keeps only blocked and counted ones is for
 * non-production, where it saves cost.
 */
export const productionLogsEveryWafRequest: EnvironmentRule = rule(["tier", "waf.enabled", "waf.logging.onlyBlockedAndCounted"], (env) =>
  env.tier === "production" && wafOn(env) && env.waf.logging.onlyBlockedAndCounted
    ? [
        issue(
          "waf.logging.onlyBlockedAndCounted",
          true,
          "drops the allowed requests from production's WAF log, so an incident could not be traced through them",
          "false in production (the filter is for non-production environments)",
        ),
      ]
    : [],
);

/**
 * The WAF log is archived like the access logs, through a stream of its own that both archive roles name:
 * with many stages it can be the entry that takes a role's inline policies past IAM's 10,240 characters
 * ("IAM and AWS STS quotas"), refused at apply. Reported only when the stages alone fit (otherwise the
 * archive's own rule has said so).
 */
export const wafArchiveFitsRolePolicies: EnvironmentRule = rule(["service", "name", "account.id", "region", "stages", "tier", "waf.enabled"], (env) => {
  if (!wafOn(env)) return [];
  const prefix = new Naming({ service: env.service, environment: env.name }).prefix;
  const stageStreams = env.stages.map((stage) => archiveStreamName(prefix, stage.name));
  const site = { service: env.service, name: env.name, accountId: env.account.id, region: env.region };
  const fits = (lengths: { length: number }[]) => lengths.every((p) => p.length <= MAX_ROLE_INLINE_POLICIES_LENGTH);
  if (!fits(archivePolicyLengthsOfStreams(site, stageStreams))) return [];
  return archivePolicyLengthsOfStreams(site, [...stageStreams, wafArchiveStreamName(prefix)])
    .filter((p) => p.length > MAX_ROLE_INLINE_POLICIES_LENGTH)
    .map((p) =>
      issue(
        "waf.enabled",
        true,
        `adds the WAF log's archive stream to the archive's ${p.role} policy, making it ${p.length} characters long (${env.stages.length} stages), over IAM's ${MAX_ROLE_INLINE_POLICIES_LENGTH}`,
        "fewer or shorter stage names (split the environment), or waf.enabled: false",
      ),
    );
});

/** The WAF rules across sections, in the order their issues are listed. */
export const WAF_RULES: readonly EnvironmentRule[] = [productionLogsEveryWafRequest, wafArchiveFitsRolePolicies];
