/** Preloaded (`node -r`) into a benchmarked process: writes its peak memory (KiB) to BENCH_RSS_FILE on exit. */
import * as fs from "fs";

process.on("exit", () => {
  const file = process.env.BENCH_RSS_FILE;
  if (file) fs.writeFileSync(file, String(process.resourceUsage().maxRSS));
});
