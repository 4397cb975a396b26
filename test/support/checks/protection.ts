/**
 * Nothing destroyed by accident and no role broader than it needs, for every stack of any registry: no
 * force-destroyed bucket, lifecycle rules with filters, deletion protection exactly where the config asks
 * for it, and no wildcard action.
 */
import { type Registry, synthesizeRegistry } from "../registry";

const values = (s: any, type: string): any[] => Object.values(s.resource?.[type] ?? {});
const PROTECTED_TYPES = ["aws_s3_bucket", "aws_cloudwatch_log_group", "aws_kms_key"];

export function describeProtection(registry: Registry): void {
  describe("GIVEN the registry's stacks, THEN what they create", () => {
    const app = synthesizeRegistry(registry);
    const everything = app.all.map((s) => ({ name: s.node.id, json: app.json(s.node.id) }));

    it("never force-destroys a bucket, and every lifecycle rule has a filter", () => {
      for (const { json } of everything) {
        for (const bucket of values(json, "aws_s3_bucket")) expect(bucket.force_destroy).toBe(false);
        for (const lifecycle of values(json, "aws_s3_bucket_lifecycle_configuration")) for (const rule of lifecycle.rule) expect(rule.filter).toBeDefined();
      }
    });

    it("protects buckets, log groups and keys from destroy exactly where the environment's or account's config does", () => {
      const isProtected = (r: any) => r.lifecycle?.prevent_destroy === true;
      const protection = (name: string) => (app.envs.some((e) => e.name === name) ? app.env(name).deletionProtection : app.envsOfAccountStack(name)[0].account.deletionProtection);
      for (const { name, json } of everything) {
        const wanted = protection(name);
        for (const type of PROTECTED_TYPES) {
          const resources = values(json, type);
          expect({ stack: name, type, protectedCount: resources.filter(isProtected).length }).toEqual({ stack: name, type, protectedCount: wanted ? resources.length : 0 });
        }
      }
    });

    it("grants no wildcard action to any role it creates", () => {
      for (const { json } of everything) {
        const policies = values(json, "aws_iam_role_policy").map((p) => p.policy.match(/aws_iam_policy_document\.([\w-]+)\.json/)[1]);
        for (const name of policies) {
          for (const statement of json.data.aws_iam_policy_document[name].statement) {
            expect(statement.actions.filter((a: string) => a.includes("*"))).toEqual([]);
          }
        }
      }
    });
  });
}
