/** The scale benchmark's app: the real stacks for a generated configuration of `BENCH_STAGES` stages (default 100). */
import { App } from "cdktf";
import { loadEnvironments } from "../../environments";
import { buildStacks } from "../../stacks/app";
import { largeConfigOfStages } from "./large-config";
import { skipTokenCreationStacks } from "../../stacks/token-creation-stacks";

skipTokenCreationStacks(); // as main.ts does
const app = new App();
buildStacks(app, loadEnvironments(largeConfigOfStages(Number(process.env.BENCH_STAGES ?? 100))));
app.synth();
