/** The scale benchmark's app: the real stacks for a generated large configuration. */
import { App } from "cdktf";
import { loadEnvironments } from "../../environments";
import { buildStacks } from "../../stacks/app";
import { largeConfig } from "./large-config";
import { skipTokenCreationStacks } from "../../stacks/token-creation-stacks";

const environments = Number(process.env.BENCH_ENVIRONMENTS ?? 25);
const stages = Number(process.env.BENCH_STAGES ?? 4);
skipTokenCreationStacks(); // as main.ts does
const app = new App();
buildStacks(app, loadEnvironments(largeConfig(environments, stages)));
app.synth();
