/**
 * The app's wiring, for any registry: which stacks exist, what each depends on, who owns the account-wide
 * API Gateway setting, and that each environment's alarms, dashboard and encryption are its own.
 */
import { accountStackOf, expectedStacks, type Registry, synthesizeRegistry } from "../registry";

const values = (s: any, type: string): any[] => Object.values(s.resource?.[type] ?? {});
const alarmNames = (s: any): string[] => values(s, "aws_cloudwatch_metric_alarm").map((a) => a.alarm_name).sort();

export function describeStackWiring(registry: Registry): void {
  describe("GIVEN the registry's environments, WHEN their stacks are built", () => {
    const app = synthesizeRegistry(registry);
    const names = (list: readonly { node: { id: string } }[]) => list.map((s) => s.node.id);

    it("THEN there is one account stack per distinct account and region, and one stack per environment", () => {
      const expected = expectedStacks(registry);
      expect(names(app.stacks.accounts)).toEqual(expected.accounts);
      expect(names(app.stacks.environments)).toEqual(expected.environments);
    });

    it("THEN each environment stack depends on its own account stack only", () => {
      const deps = Object.fromEntries(app.stacks.environments.map((s) => [s.node.id, s.dependencies.map((d) => d.node.id)]));
      expect(deps).toEqual(Object.fromEntries(Object.values(registry).map((e) => [e.name, [accountStackOf(e)]])));
    });

    it("THEN exactly one stack owns aws_api_gateway_account per account and region: its account stack", () => {
      const owners = app.all.filter((s) => app.json(s.node.id).resource?.aws_api_gateway_account);
      expect(names(owners)).toEqual(names(app.stacks.accounts));
      for (const s of app.stacks.accounts) expect(Object.keys(app.json(s.node.id).resource.aws_api_gateway_account)).toHaveLength(1);
    });

    it("THEN every alarm notifies the environment's own topic on ALARM and OK", () => {
      for (const env of app.envs) {
        for (const alarm of values(app.json(env.name), "aws_cloudwatch_metric_alarm")) {
          expect(alarm.alarm_actions).toEqual(["${aws_sns_topic.alarms.arn}"]);
          expect(alarm.ok_actions).toEqual(["${aws_sns_topic.alarms.arn}"]);
        }
      }
    });

    it("THEN each environment has one dashboard naming its stages, whose alarm widgets list the stack's alarms", () => {
      for (const env of app.envs) {
        const s = app.json(env.name);
        const [dashboard, ...more] = values(s, "aws_cloudwatch_dashboard");
        expect({ env: env.name, dashboards: 1 + more.length }).toEqual({ env: env.name, dashboards: 1 });
        const body = JSON.parse(dashboard.dashboard_body);
        const text = JSON.stringify(body);
        for (const stage of env.stages) expect(text).toContain(`"Stage","${stage.name}"`);
        // A large environment's alarms span several alarm widgets (at most 100 alarms each).
        const listed = body.widgets.filter((w: any) => w.type === "alarm").flatMap((w: any) => w.properties.alarms);
        expect(listed.map((a: string) => a.split(":alarm:")[1]).sort()).toEqual(alarmNames(s));
      }
    });

    it("THEN every log group and the alarm topic of an environment are encrypted with its own key", () => {
      for (const env of app.envs) {
        const s = app.json(env.name);
        for (const group of values(s, "aws_cloudwatch_log_group")) expect([group.name, group.kms_key_id]).toEqual([group.name, "${aws_kms_key.observability.arn}"]);
        expect(values(s, "aws_sns_topic")).toEqual([expect.objectContaining({ name: `${env.service}-${env.name}-alarms`, kms_master_key_id: "${aws_kms_key.observability.arn}" })]);
      }
    });
  });
}
