/**
 * A small evaluator of the CloudWatch Logs JSON filter patterns this project writes, to run sample CloudTrail
 * events through them. It follows "Filter pattern syntax for metric filters, subscription filters, filter log
 * events, and Live Tail" (CloudWatch Logs User Guide): `{ ... }`, `$.a.b` selectors, `=`/`!=` on quoted
 * strings, `*` matching any text at the start or end of a term (inside it, `*` is literal), `NOT EXISTS`,
 * `&&` binding tighter than `||`, parentheses.
 *
 * Where the guide is silent it takes the pessimistic reading: a comparison on a missing field is false for
 * `!=` as well as `=`, so a pattern that relies on `!=` matching a missing field fails here.
 */
type Json = Record<string, unknown>;

function select(event: Json, selector: string): unknown {
  return selector
    .replace(/^\$\./, "")
    .split(".")
    .reduce<unknown>((node, key) => (node !== null && typeof node === "object" ? (node as Json)[key] : undefined), event);
}

function termMatches(value: string, term: string): boolean {
  const starts = term.startsWith("*");
  const ends = term.endsWith("*") && term.length > 1;
  const core = term.slice(starts ? 1 : 0, ends ? -1 : undefined);
  if (starts && ends) return value.includes(core);
  if (starts) return value.endsWith(core);
  if (ends) return value.startsWith(core);
  return value === term;
}

const TOKEN = /\s*(\(|\)|&&|\|\||\$[\w.[\]-]+\s+NOT EXISTS|\$[\w.[\]-]+\s*(?:!=|=)\s*"[^"]*")/y;

function tokenize(pattern: string): string[] {
  const body = pattern.trim().replace(/^\{/, "").replace(/\}$/, "").trim();
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < body.length) {
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(body);
    if (!match) throw new Error(`cannot read the filter pattern at ${at}: ${body.slice(at, at + 40)}`);
    tokens.push(match[1]);
  }
  return tokens;
}

/** Whether a JSON filter pattern matches an event. Throws on syntax it does not know. */
export function filterMatches(pattern: string, event: Json): boolean {
  const tokens = tokenize(pattern);
  let i = 0;
  const condition = (token: string): boolean => {
    const notExists = /^(\$[\w.[\]-]+)\s+NOT EXISTS$/.exec(token);
    if (notExists) return select(event, notExists[1]) === undefined;
    const [, selector, op, term] = /^(\$[\w.[\]-]+)\s*(!=|=)\s*"([^"]*)"$/.exec(token) as RegExpExecArray;
    const value = select(event, selector);
    if (typeof value !== "string") return false;
    return op === "=" ? termMatches(value, term) : !termMatches(value, term);
  };
  const primary = (): boolean => {
    const token = tokens[i++];
    if (token !== "(") return condition(token);
    const value = or();
    if (tokens[i++] !== ")") throw new Error("unbalanced parentheses in the filter pattern");
    return value;
  };
  const and = (): boolean => {
    let value = primary();
    while (tokens[i] === "&&") {
      i++;
      value = primary() && value;
    }
    return value;
  };
  const or = (): boolean => {
    let value = and();
    while (tokens[i] === "||") {
      i++;
      value = and() || value;
    }
    return value;
  };
  const result = or();
  if (i !== tokens.length) throw new Error(`unexpected ${tokens[i]} in the filter pattern`);
  return result;
}

/** A CloudTrail record of an API Gateway call (only the fields the filters read). */
export function apiGatewayEvent(eventName: string, userIdentity: Json): Json {
  return { eventSource: "apigateway.amazonaws.com", eventName, awsRegion: "eu-west-1", userIdentity };
}

/** `userIdentity` of a role session ("CloudTrail userIdentity element", AssumedRole example). */
export function roleSession(accountId: string, roleName: string, path = "/"): Json {
  return {
    type: "AssumedRole",
    arn: `arn:aws:sts::${accountId}:assumed-role/${roleName}/session`,
    accountId,
    sessionContext: { sessionIssuer: { type: "Role", arn: `arn:aws:iam::${accountId}:role${path}${roleName}`, accountId, userName: roleName } },
  };
}

/** `userIdentity` of an IAM user: no session, no issuer. */
export function iamUser(accountId: string, userName: string): Json {
  return { type: "IAMUser", arn: `arn:aws:iam::${accountId}:user/${userName}`, accountId, userName };
}
