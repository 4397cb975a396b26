/**
 * Runs first in every test file (Jest's `setupFiles`), before cdktf loads: cdktf creates tokens while its own
 * modules load, and under Jest each of their creation stacks was mapped through cdktf's inline source maps,
 * about 15 ms per test file. The app does the same before it synthesizes (main.ts).
 */
import { skipTokenCreationStacks } from "../stacks/token-creation-stacks";

skipTokenCreationStacks();
