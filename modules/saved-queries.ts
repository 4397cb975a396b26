/**
 * Saved Logs Insights queries of an environment (`aws_cloudwatch_query_definition`), in the console
 * folder `<api name>`: errors by route and status, slowest requests, top callers by IP over the access
 * logs, every line of one request across the access and execution logs, and, where stages have a canary, the
 * canary against its stage (requests, 5xx, latency), and, where usage plans cover stages, the top API clients
 * with their 429s.
 */
import { CloudwatchQueryDefinition } from "@cdktf/provider-aws/lib/cloudwatch-query-definition";
import { Construct } from "constructs";
import { assertWithinLimits, queryDefinitionProblems } from "../aws/limits";
import { LOG_QUERIES, type LogQueryKey, queryString, savedQueryName } from "./log-queries";

export interface SavedQueriesProps {
  readonly apiName: string;
  /** Access log group names of every stage (references, so the queries follow the groups). */
  readonly accessLogGroupNames: readonly string[];
  /** Execution log group names of every stage. */
  readonly executionLogGroupNames: readonly string[];
  /** Access log group names of the stages with a canary (their canary-vs-base query reads them). @default none: no canary query */
  readonly canaryAccessLogGroupNames?: readonly string[];
  /** Access log group names of the stages usage plans cover (the top-clients query reads them). @default none: no top-clients query */
  readonly keyedAccessLogGroupNames?: readonly string[];
}

export class SavedQueries extends Construct {
  /** The saved queries by key (`canary-vs-base` only where a stage has a canary). */
  public readonly queries: Readonly<Partial<Record<LogQueryKey, CloudwatchQueryDefinition>>>;

  constructor(scope: Construct, id: string, props: SavedQueriesProps) {
    super(scope, id);
    if (props.accessLogGroupNames.length === 0) {
      throw new Error(`SavedQueries ${props.apiName}: no access log groups. Allowed: at least one log group`);
    }
    const canaryGroups = props.canaryAccessLogGroupNames ?? [];
    const keyedGroups = props.keyedAccessLogGroupNames ?? [];
    const entries = LOG_QUERIES.filter((query) => (!query.canaryOnly || canaryGroups.length > 0) && (!query.keyedOnly || keyedGroups.length > 0)).map((query) => {
      const groups = query.canaryOnly
        ? canaryGroups
        : query.keyedOnly
          ? keyedGroups
          : query.includesExecutionLogs
            ? [...props.accessLogGroupNames, ...props.executionLogGroupNames]
            : props.accessLogGroupNames;
      const name = savedQueryName(props.apiName, query.key);
      // PutQueryDefinition: name up to 255, query up to 10,000 characters, valid log group names.
      assertWithinLimits(`SavedQueries ${name}`, queryDefinitionProblems(name, queryString(query), groups));
      const definition = new CloudwatchQueryDefinition(this, query.key, {
        name,
        logGroupNames: [...groups],
        queryString: queryString(query),
      });
      return [query.key, definition] as const;
    });
    this.queries = Object.fromEntries(entries) as Partial<Record<LogQueryKey, CloudwatchQueryDefinition>>;
  }
}
