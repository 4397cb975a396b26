/**
 * Saved Logs Insights queries of an environment (`aws_cloudwatch_query_definition`), in the console
 * folder `<api name>`: errors by route and status, slowest requests, top callers by IP over the access
 * logs, and every line of one request across the access and execution logs.
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
}

export class SavedQueries extends Construct {
  public readonly queries: Readonly<Record<LogQueryKey, CloudwatchQueryDefinition>>;

  constructor(scope: Construct, id: string, props: SavedQueriesProps) {
    super(scope, id);
    if (props.accessLogGroupNames.length === 0) {
      throw new Error(`SavedQueries ${props.apiName}: no access log groups. Allowed: at least one log group`);
    }
    const entries = LOG_QUERIES.map((query) => {
      const groups = query.includesExecutionLogs ? [...props.accessLogGroupNames, ...props.executionLogGroupNames] : props.accessLogGroupNames;
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
    this.queries = Object.fromEntries(entries) as Record<LogQueryKey, CloudwatchQueryDefinition>;
  }
}
