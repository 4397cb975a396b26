/**
 * `npm run synth` runs the compiled app directly instead of through the cdktf CLI (5x faster), and formats
 * with its own formatter instead of `terraform fmt`. This proves the result is the same: `cdktf synth
 * --hcl`'s output, after the same repairs and `terraform fmt` itself, is byte for byte what `npm run synth`
 * writes.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { repairStacks, terraformFmt } from "../../scripts/lib/synth";
import { shippedSynth } from "../support/shared-stacks";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "cli-parity-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function files(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

it("npm run synth writes exactly what cdktf synth --hcl writes, formatted", async () => {
  const viaCli = path.join(work, "cli");
  const cli = spawnSync(path.join("node_modules", ".bin", "cdktf"), ["synth", "--hcl", "--app", "node dist/main.js", "--output", viaCli], {
    env: { ...process.env, CHECKPOINT_DISABLE: "1", CI: "true" },
    encoding: "utf8",
  });
  expect(cli.status).toBe(0);
  repairStacks(viaCli);
  await terraformFmt(viaCli);

  const direct = await shippedSynth(); // npm run synth's output, made once per test run

  expect(files(viaCli)).toEqual(files(direct));
  expect(files(direct)).toContain(path.join("stacks", "prod", "cdk.tf"));
  for (const file of files(direct)) {
    expect(`${file}:\n${fs.readFileSync(path.join(viaCli, file), "utf8")}`).toBe(`${file}:\n${fs.readFileSync(path.join(direct, file), "utf8")}`);
  }
}, 120_000);
