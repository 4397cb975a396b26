/**
 * Work several test files need, done once per run: the first file that asks makes it, in a folder of the
 * run's `shared/` (test/support/test-run.ts), and the others, in other Jest workers (processes), wait for its
 * result. `mkdir` is the lock: it fails for every caller but one. A failure is shared too, with its message.
 * What a maker leaves in its folder is the others' to read, never to change.
 */
import * as fs from "fs";
import * as path from "path";
import { runSharedDir, testRunDir } from "./test-run";

/** How often a waiting file looks for the result. */
const POLL_MS = 100;

type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** Results this process already has, by key. */
const known = new Map<string, Promise<unknown>>();

/**
 * The result of `make` (JSON-serializable) for this run: made once, in `<run>/shared/<key>/` (given to `make`),
 * and shared with every test file that asks for `key`.
 */
export function sharedOnce<T>(key: string, make: (dir: string) => Promise<T>, opts: { runDir?: string; timeoutMs?: number } = {}): Promise<T> {
  if (!/^[a-z0-9-]+$/.test(key)) throw new Error(`shared key ${JSON.stringify(key)} is not allowed. Allowed: lower-case letters, digits and -`);
  const runDir = opts.runDir ?? testRunDir();
  const memo = `${runDir}:${key}`;
  if (!known.has(memo)) known.set(memo, once(runSharedDir(runDir), key, make, opts.timeoutMs ?? 600_000));
  return known.get(memo) as Promise<T>;
}

async function once<T>(root: string, key: string, make: (dir: string) => Promise<T>, timeoutMs: number): Promise<T> {
  const dir = path.join(root, key);
  const resultFile = path.join(root, `${key}.json`);
  try {
    fs.mkdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return unwrap(key, await waitFor<T>(resultFile, key, timeoutMs));
  }
  let outcome: Outcome<T>;
  try {
    outcome = { ok: true, value: JSON.parse(JSON.stringify(await make(dir))) };
  } catch (error) {
    outcome = { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  // Written whole, then renamed: a waiting file never reads half of it.
  fs.writeFileSync(`${resultFile}.${process.pid}`, JSON.stringify(outcome));
  fs.renameSync(`${resultFile}.${process.pid}`, resultFile);
  return unwrap(key, outcome);
}

async function waitFor<T>(file: string, key: string, timeoutMs: number): Promise<Outcome<T>> {
  const deadline = Date.now() + timeoutMs;
  while (!fs.existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`shared ${key}: no result after ${timeoutMs} ms in ${file}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return JSON.parse(fs.readFileSync(file, "utf8")) as Outcome<T>;
}

function unwrap<T>(key: string, outcome: Outcome<T>): T {
  if (!outcome.ok) throw new Error(`shared ${key} failed: ${outcome.error}`);
  return outcome.value;
}
