/**
 * The order the deploy workflow takes a change of main through the environments: the environments of the
 * synthesized app (its manifest), every non-production one before any production one, and within a tier
 * the order of the registry (`ENVIRONMENTS` in environments/index.ts). So a new environment is deployed
 * without touching a workflow, and production comes last wherever its line is in the registry.
 */
import type { StackManifest } from "./manifest";

/** What the order needs to know of a registered environment. */
export type Registered = Readonly<Record<string, { readonly tier: string }>>;

export function deployOrder(manifest: StackManifest, registry: Registered): string[] {
  // Any other stack is one an environment depends on (its account stack). One that is neither would not be
  // deployed at all: say so rather than skip it (an output synthesized from another registry).
  const dependencies = new Set(Object.values(manifest.stacks).flatMap((s) => s.dependencies ?? []));
  const strays = Object.keys(manifest.stacks).filter((name) => !(name in registry) && !dependencies.has(name));
  if (strays.length > 0) {
    throw new Error(`Stack ${strays.map((n) => `"${n}"`).join(", ")} is not an environment of the registry (${Object.keys(registry).join(", ")}): synthesize again (npm run synth).`);
  }
  const synthesized = Object.keys(registry).filter((name) => name in manifest.stacks);
  const production = (name: string) => registry[name].tier === "production";
  return [...synthesized.filter((name) => !production(name)), ...synthesized.filter(production)];
}
