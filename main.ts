/**
 * The cdktf app: loads and validates every environment, then instantiates their stacks. A config that
 * does not validate stops here, before anything is written, with one message listing every problem.
 */
import { App } from "cdktf";
import { ConfigValidationError, loadEnvironments, selectEnvironments } from "./environments";
import { buildStacks } from "./stacks/app";
import { skipTokenCreationStacks } from "./stacks/token-creation-stacks";

function main(): void {
  skipTokenCreationStacks();
  const environments = loadEnvironments(selectEnvironments(process.env.ENVIRONMENTS));
  const app = new App();
  buildStacks(app, environments);
  app.synth();
}

try {
  main();
} catch (error) {
  if (!(error instanceof ConfigValidationError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
