/** `npm run test:cli`: the deploy path with the real cdktf CLI (test/cli/), which `npm test` leaves out. */
const base = require("./jest.config.js");

module.exports = { ...base, roots: ["<rootDir>/test/cli"], testPathIgnorePatterns: ["/node_modules/"] };
