/**
 * Jest's transform of the TypeScript: the JavaScript `tsc` already wrote into dist/ (`npm test` builds first),
 * when it is newer than the source, else ts-jest's transpile (a test run right after an edit, without a build).
 * Same output either way (tsconfig's `isolatedModules`: each file's JavaScript depends on that file alone),
 * but ts-jest loads the TypeScript compiler into every Jest worker and transpiles every file again on a machine
 * without Jest's cache, such as CI's: about 30 CPU-seconds of `npm test`.
 */
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const dist = path.join(root, "dist");
let tsJest;

/** The compiled file of `source` in dist/ and its source map, when tsc wrote them after the source's last change. */
function compiled(source) {
  const relative = path.relative(root, source);
  if (relative.startsWith("..") || !relative.endsWith(".ts")) return undefined;
  const js = path.join(dist, relative.replace(/\.ts$/, ".js"));
  try {
    if (fs.statSync(js).mtimeMs < fs.statSync(source).mtimeMs) return undefined;
    const map = JSON.parse(fs.readFileSync(`${js}.map`, "utf8"));
    return { code: fs.readFileSync(js, "utf8"), map: { ...map, sources: [source] } };
  } catch {
    return undefined;
  }
}

module.exports = {
  process(sourceText, sourcePath, options) {
    const fromDist = compiled(sourcePath);
    if (fromDist) return fromDist;
    tsJest ??= require("ts-jest").default.createTransformer();
    return tsJest.process(sourceText, sourcePath, options);
  },
};
