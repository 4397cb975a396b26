/**
 * The test harness's check of several stacks with ONE terraform process: every stack is a module of one
 * wrapper configuration, which is initialized once, validated or planned once, and shown once. What the
 * stacks are checked for is what `checkStack` checks them for, one by one (test/scripts/check-together.test.ts
 * compares the two); each check costs about a third of the provider starts.
 *
 * Why it is the same check: a module is validated and planned with the same provider schema and the same
 * rules as a root configuration. Each stack keeps its own `provider "aws"` block (merged with the offline
 * override, as `checkStack` merges it) and so its region and default tags; its required secret variables get
 * the same mock values, passed as module arguments. Its backend block is the one difference: a module's
 * backend is ignored (the offline check swaps it for a local one anyway). Terraform warns about that, and
 * about the provider block, in two warnings it gives only about modules (`MODULE_ONLY_WARNINGS`): those two
 * are dropped, and nothing else. Configuration only a root module may hold (`import` and `removed` blocks) is
 * refused before anything runs: such a stack is checked alone.
 *
 * The stacks may come from several synthesized apps (`checkGroupsTogether`): each app's stacks are modules named
 * `<group>_<stack>`, so that two apps' stacks of the same name stay apart, and come back under their own names.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { type CheckOptions, type Diagnostic, errorsOf, parseJson, type PlannedResource, type StackCheck, toDiagnostic, uniqueDiagnostics, valuesWanted } from "./check-stack";
import { selectStacks, synthesizedStacks } from "./manifest";
import { byAddress } from "./plan-changes";
import { copyStackForOffline, dropLockChecksums, OFFLINE_OVERRIDE_FILE, OFFLINE_VARIABLES_FILE, offlineProviderHcl, offlineVariableValues } from "./offline";
import { withRegistryHint } from "./registry-hint";
import { runTerraform } from "./run-terraform";
import { prepareRunEnv } from "./terraform-env";

/** The offline override of a stack that is a module: `offline.ts`'s provider settings, without the backend (a module has none). */
export const MODULE_OFFLINE_OVERRIDE_HCL = "# Written by the test harness into a COPY of the stack, checked as a module: offline, no credentials.\n" + offlineProviderHcl();

/**
 * Warnings Terraform gives only about a module, never about a root configuration: its backend block is
 * ignored, and its provider block (merged with the override file) is taken for a "proxy" block, a check of
 * non-root modules only (terraform internal/configs/provider_validation.go).
 */
const MODULE_ONLY_WARNINGS: ReadonlySet<string> = new Set(["Backend configuration ignored", "Redundant empty provider block"]);

/** Blocks only a root module may hold (Terraform: "import"/"removed" blocks are only allowed in the root module). */
const ROOT_ONLY_BLOCK = /^(import|removed) \{/m;

export interface CheckTogetherOptions extends Pick<CheckOptions, "plan"> {
  /** @default every stack of the manifest, in name order */
  readonly stacks?: readonly string[];
  /** Where the wrapper, CLI config and plugin cache go; kept afterwards. @default a temporary directory, removed afterwards */
  readonly workRoot?: string;
  /** The stacks whose planned values are read (`StackCheck.plan`): all, none, or those named. @default true */
  readonly values?: boolean | readonly string[];
}

/** The stacks of one synthesized app, checked beside other apps' stacks (`checkGroupsTogether`). */
export interface StackGroup extends Pick<CheckTogetherOptions, "stacks" | "values"> {
  /** Lower-case letters and digits: the prefix of its stacks' module names, `<group>_<stack>` (a stack name has no `_`). */
  readonly group: string;
  /** The synthesized app: its `manifest.json` lists the stacks. */
  readonly outdir: string;
}

/** The wrapper's module block of one stack: its folder, and a mock value for each required secret variable. */
export function moduleBlock(stack: string, values: Readonly<Record<string, string>>): string {
  const args = Object.entries(values).map(([name, value]) => `  ${name} = ${JSON.stringify(value)}\n`);
  return `module "${stack}" {\n  source = "./stacks/${stack}"\n${args.join("")}}\n`;
}

/** Checks the stacks of the synthesized app in `outdir` as modules of one configuration (see the file's comment). */
export async function checkStacksTogether(outdir: string, opts: CheckTogetherOptions = {}): Promise<StackCheck[]> {
  return (await checkModules([{ key: (stack) => stack, outdir, stacks: opts.stacks, values: opts.values }], opts))[0];
}

/**
 * Checks the stacks of several synthesized apps as modules of ONE configuration: one `init`, one `plan` and one
 * `show` for all of them. Each group's checks come back in its own list, with the stacks' own names.
 */
export async function checkGroupsTogether(groups: readonly StackGroup[], opts: Pick<CheckTogetherOptions, "workRoot" | "plan"> = {}): Promise<StackCheck[][]> {
  for (const { group } of groups) {
    if (!/^[a-z][a-z0-9]*$/.test(group)) throw new Error(`checkGroupsTogether: group ${JSON.stringify(group)} is not allowed. Allowed: lower-case letters and digits, starting with a letter`);
  }
  const names = groups.map((g) => g.group);
  const repeated = names.filter((name, i) => names.indexOf(name) !== i);
  if (repeated.length > 0) throw new Error(`checkGroupsTogether: group ${repeated[0]} is given twice. Allowed: each group once`);
  return checkModules(groups.map((g) => ({ ...g, key: (stack: string) => `${g.group}_${stack}` })), opts);
}

/** A group of stacks and how each of its stacks is named as a module of the wrapper. */
interface ModuleGroup extends Pick<StackGroup, "outdir" | "stacks" | "values"> {
  readonly key: (stack: string) => string;
}

async function checkModules(groups: readonly ModuleGroup[], opts: Pick<CheckTogetherOptions, "workRoot" | "plan">): Promise<StackCheck[][]> {
  const modules = groups.flatMap((g, index) => {
    const all = synthesizedStacks(g.outdir);
    if (all.length === 0) throw new Error(`No stacks in ${path.join(g.outdir, "manifest.json")}: synthesize first (npm run synth).`);
    const wantsValues = valuesWanted(g.values);
    return selectStacks(all.map((s) => s.name).sort(), g.stacks ?? []).map((name) => ({ group: index, name, key: g.key(name), dir: all.find((s) => s.name === name)!.dir, values: wantsValues(name) }));
  });
  const workRoot = opts.workRoot ?? fs.mkdtempSync(path.join(os.tmpdir(), "tf-together-"));
  try {
    const checks = await checkWrapped(modules, workRoot, opts.plan);
    return groups.map((_, index) => checks.filter((_c, i) => modules[i].group === index));
  } finally {
    if (!opts.workRoot) fs.rmSync(workRoot, { recursive: true, force: true });
  }
}

/** One stack of the wrapper: which group it came from, its name there, its module name, its folder, and whether its planned values are read. */
interface StackModule {
  readonly group: number;
  readonly name: string;
  readonly key: string;
  readonly dir: string;
  readonly values: boolean;
}

async function checkWrapped(modules: readonly StackModule[], workRoot: string, plan: boolean | undefined): Promise<StackCheck[]> {
  const env = prepareRunEnv(workRoot);
  const root = path.join(workRoot, "together");
  fs.rmSync(root, { recursive: true, force: true });
  const blocks = modules.map((m) => {
    const dir = path.join(root, "stacks", m.key);
    copyStackForOffline(m.dir, dir);
    const hcl = fs.readFileSync(path.join(dir, "cdk.tf"), "utf8");
    if (ROOT_ONLY_BLOCK.test(hcl)) throw new Error(`checkStacksTogether: stack ${m.name} has an import or removed block, which only a root module may hold. Allowed: check it alone (checkStacks)`);
    // The root's override and variable values become the module's: a module reads no backend and no tfvars.
    fs.writeFileSync(path.join(dir, OFFLINE_OVERRIDE_FILE), MODULE_OFFLINE_OVERRIDE_HCL);
    fs.rmSync(path.join(dir, OFFLINE_VARIABLES_FILE), { force: true });
    return moduleBlock(m.key, offlineVariableValues(dir));
  });
  fs.writeFileSync(path.join(root, "main.tf"), blocks.join("\n"));

  const fmts = await Promise.all(modules.map((m) => runTerraform(["fmt", "-check", "-diff", "-recursive", "-no-color"], m.dir, env)));
  const checked = modules.map((m, i) => ({ stack: m.name, fmtDiff: fmts[i].stdout + fmts[i].stderr, fmtOk: fmts[i].code === 0 }));

  const init = await runTerraform(["init", "-input=false", "-no-color"], root, env);
  if (init.code !== 0) return checked.map((c) => ({ ...c, initOk: false, diagnostics: [], planOk: false, failure: withRegistryHint(init.stdout + init.stderr) }));
  dropLockChecksums(root);

  if (plan === false) {
    const validate = await runTerraform(["validate", "-json", "-no-color"], root, env);
    const diagnostics: Diagnostic[] = parseJson(validate, "validate").diagnostics.map(toDiagnostic);
    return checked.map((c, i) => {
      const own = ownDiagnostics(diagnostics, modules[i].key);
      return { ...c, initOk: true, diagnostics: own, planOk: false, ...(validate.code === 0 ? {} : { failure: errorsOf(own, validate) }) };
    });
  }

  const planned = await runTerraform(["plan", "-json", "-input=false", "-lock=false", "-refresh=false", "-out=tfplan"], root, env);
  const events: any[] = planned.stdout.split("\n").filter(Boolean).map((line) => parseJson({ ...planned, stdout: line }, "plan"));
  const diagnostics = events.filter((e) => e.type === "diagnostic").map((e) => toDiagnostic(e.diagnostic));
  if (planned.code !== 0) {
    return checked.map((c, i) => {
      const own = ownDiagnostics(diagnostics, modules[i].key);
      return { ...c, initOk: true, diagnostics: own, planOk: false, failure: errorsOf(own, planned) };
    });
  }
  // In address order: Terraform reports the changes of several modules in whatever order its walk reaches them.
  const changes: PlannedResource[] = events
    .filter((e) => e.type === "planned_change")
    .map((e) => ({ address: e.change.resource.addr, type: e.change.resource.resource_type, action: e.change.action }))
    .sort(byAddress);
  const shown = modules.some((m) => m.values) ? parseJson(await runTerraform(["show", "-json", "tfplan"], root, env), "show") : undefined;
  return checked.map((c, i) => {
    const { key } = modules[i];
    const resources = changes.flatMap((r) => {
      const address = ownAddress(r.address, key);
      return address === undefined ? [] : [{ ...r, address }];
    });
    // Its own resource changes only: the rest of the wrapper's plan (configuration, planned values) is every stack's.
    const ownPlan = shown && modules[i].values ? { format_version: shown.format_version, terraform_version: shown.terraform_version, resource_changes: ownResourceChanges(shown.resource_changes ?? [], key) } : undefined;
    return { ...c, initOk: true, diagnostics: ownDiagnostics(diagnostics, key), planOk: true, summary: summaryOf(resources), resources, ...(ownPlan ? { plan: ownPlan } : {}) };
  });
}

/** `module.<stack>.<address>` as the stack's own address; undefined for another stack's. */
export function ownAddress(address: string, stack: string): string | undefined {
  const prefix = `module.${stack}.`;
  return address.startsWith(prefix) ? address.slice(prefix.length) : undefined;
}

/** A stack's diagnostics, as `checkStack` would report them: its own addresses and file names, the backend warning dropped. */
export function ownDiagnostics(all: readonly Diagnostic[], stack: string): Diagnostic[] {
  const folder = `stacks/${stack}/`;
  const own = all.flatMap((d): Diagnostic[] => {
    const inFile = d.range?.startsWith(folder);
    const address = d.address ? ownAddress(d.address, stack) : undefined;
    // A diagnostic that names neither a file nor an address of any stack concerns all of them.
    const anyStack = !d.range?.startsWith("stacks/") && !d.address?.startsWith("module.");
    if (!inFile && address === undefined && !anyStack) return [];
    if (d.severity === "warning" && MODULE_ONLY_WARNINGS.has(d.summary) && inFile) return [];
    return [{ ...d, ...(inFile ? { range: d.range!.slice(folder.length) } : {}), ...(address !== undefined ? { address } : {}) }];
  });
  return uniqueDiagnostics(own);
}

/** `terraform show -json`'s resource changes of one stack, with the addresses the stack has as a root. */
export function ownResourceChanges(changes: readonly any[], stack: string): any[] {
  return changes.flatMap((c) => {
    const address = ownAddress(c.address, stack);
    if (address === undefined) return [];
    const { module_address: _module, ...rest } = c;
    return [{ ...rest, address }];
  });
}

/** The plan's counts, as Terraform's change summary counts them: a replacement adds one and destroys one. */
export function summaryOf(resources: readonly PlannedResource[]): { add: number; change: number; destroy: number } {
  const count = (...actions: string[]) => resources.filter((r) => actions.includes(r.action)).length;
  return { add: count("create", "replace"), change: count("update"), destroy: count("delete", "replace") };
}
