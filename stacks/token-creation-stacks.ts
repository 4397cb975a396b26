/**
 * cdktf records a full stack trace (at unlimited depth) for every token it creates (`Intrinsic`, `Lazy`,
 * `ComplexObject`, ...), only to print it if that token later fails to resolve. With the thousands of
 * tokens of a large configuration that is a third of the synth time. This skips the capture into the
 * plain objects cdktf captures into; real `Error`s keep their stack traces, and the output is identical
 * (a test compares it with the CLI's).
 *
 * Set `CDKTF_CREATION_STACKS=1` to keep the creation stacks while debugging a resolution error.
 */
export function skipTokenCreationStacks(env: NodeJS.ProcessEnv = process.env): void {
  if (env.CDKTF_CREATION_STACKS === "1" || (Error.captureStackTrace as { errorsOnly?: boolean }).errorsOnly) return;
  const capture = Error.captureStackTrace;
  const errorsOnly = (target: object, below?: Function): void => {
    if (target instanceof Error) capture.call(Error, target, below);
  };
  Error.captureStackTrace = Object.assign(errorsOnly, { errorsOnly: true, original: capture });
}
