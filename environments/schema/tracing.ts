/**
 * X-Ray sampling of the traced stages (`tracing`): one sampling rule per traced stage, with the rate,
 * reservoir and priority X-Ray accepts (CreateSamplingRule `FixedRate` 0..1, `ReservoirSize` >= 0,
 * `Priority` 1..9999). The rule names' length is checked in rules/tracing.ts.
 */
import { numberIn, section } from "./fields";

/** X-Ray's own default sampling (one request a second, then 5%). */
export const tracingSchema = section(
  {
    /** Share of requests traced beyond the reservoir, 0..1. @default 0.05 */
    samplingRate: numberIn(0, 1).default(0.05),
    /** Requests per second traced before the rate applies. @default 1 */
    reservoirSize: numberIn(0, 10_000, { integer: true }).default(1),
    /** Rule priority, 1..9999 (lower is evaluated first). @default 1000 */
    priority: numberIn(1, 9999, { integer: true }).default(1000),
  },
  "is not a tracing setting",
  "{ samplingRate?, reservoirSize?, priority? }",
).prefault({});
