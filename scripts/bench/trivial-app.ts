/** The floor that cdktf itself costs: one stack with one resource, synthesized like the real app. */
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { App, TerraformStack } from "cdktf";
import { skipTokenCreationStacks } from "../../stacks/token-creation-stacks";

skipTokenCreationStacks(); // as main.ts does
const app = new App();
const stack = new TerraformStack(app, "trivial");
new AwsProvider(stack, "aws", { region: "eu-west-1" });
new CloudwatchLogGroup(stack, "log-group", { name: "trivial", retentionInDays: 7 });
app.synth();
