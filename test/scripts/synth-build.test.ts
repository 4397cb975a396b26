/**
 * `npm run synth` when the TypeScript does not compile: the previous output is removed, as when a config fails
 * validation, so a stale cdktf.out is never planned or deployed as this code's. Runs package.json's own synth
 * script with npm, in a small project whose build is the real tsc on a file with a type error.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const root = path.join(__dirname, "..", "..");
const synthScript: string = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).scripts.synth;

let dir: string;
const write = (file: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), text);
};
const npmRunSynth = (env: Record<string, string> = {}) =>
  spawnSync("npm", ["run", "synth"], {
    cwd: dir,
    env: { ...process.env, PATH: `${path.join(root, "node_modules", ".bin")}${path.delimiter}${process.env.PATH}`, ...env },
    encoding: "utf8",
  });

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "synth-build-"));
  write("package.json", JSON.stringify({ name: "synth-build", private: true, scripts: { build: "tsc -p tsconfig.json", synth: synthScript } }));
  // Only the ES5 library, unchecked: loading and checking the default libraries (DOM included) was most of each tsc's CPU.
  write("tsconfig.json", JSON.stringify({ compilerOptions: { strict: true, outDir: "dist", rootDir: ".", types: [], lib: ["es5"], skipLibCheck: true }, include: ["environments/**/*.ts"] }));
  fs.mkdirSync(path.join(dir, "scripts"));
  fs.copyFileSync(path.join(root, "scripts", "synth-build-failed.js"), path.join(dir, "scripts", "synth-build-failed.js"));
  // The synth the script runs after a good build: it records that it ran.
  write("dist/scripts/synth.js", 'require("fs").writeFileSync("synth-ran", process.env.CDKTF_OUTDIR || "cdktf.out");');
  write("cdktf.out/stacks/dev/cdk.tf", 'resource "aws_sns_topic" "stale" {}\n');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("npm run synth, when the TypeScript does not compile", () => {
  it("GIVEN a type error in environments/dev.ts THEN it fails, runs no synth, removes the stale output and says why", () => {
    write("environments/dev.ts", 'export const retentionDays: number = "fourteen";\n');
    const run = npmRunSynth();
    expect(run.status).not.toBe(0);
    expect(run.stdout).toContain("environments/dev.ts(1,14): error TS2322");
    expect(run.stderr).toContain("The TypeScript did not compile (tsc's errors above); nothing was synthesized, and the previous output cdktf.out was removed");
    expect(fs.existsSync(path.join(dir, "cdktf.out"))).toBe(false);
    expect(fs.existsSync(path.join(dir, "synth-ran"))).toBe(false);
  }, 60_000);

  it("GIVEN CDKTF_OUTDIR THEN that is the output it removes", () => {
    write("environments/dev.ts", 'export const retentionDays: number = "fourteen";\n');
    write("elsewhere/stacks/dev/cdk.tf", "");
    expect(npmRunSynth({ CDKTF_OUTDIR: "elsewhere" }).status).not.toBe(0);
    expect(fs.existsSync(path.join(dir, "elsewhere"))).toBe(false);
  }, 60_000);

  it("GIVEN code that compiles THEN the synth runs (and replaces the output itself)", () => {
    write("environments/dev.ts", "export const retentionDays: number = 14;\n");
    const run = npmRunSynth();
    expect(run.stderr).not.toContain("did not compile");
    expect(run.status).toBe(0);
    expect(fs.readFileSync(path.join(dir, "synth-ran"), "utf8")).toBe("cdktf.out");
    expect(fs.existsSync(path.join(dir, "cdktf.out", "stacks", "dev", "cdk.tf"))).toBe(true); // left to the synth
  }, 60_000);
});
