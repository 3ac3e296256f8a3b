// Parses and lints a Dockerfile with the Docker language server's own libraries and prints JSON:
//   {"stages": [{"from", "name", "instructions": [{"keyword", "args"}]}],
//    "problems": [{"line", "message"}]}
// Instructions before the first FROM (global ARGs) are left out. Flags (--from=, --chown=) lead the
// args, continuation lines are joined and runs of white space folded, so tests match plain text.
"use strict";
const fs = require("fs");
const { DockerfileParser } = require("dockerfile-ast");
const { validate, ValidationSeverity } = require("dockerfile-utils");

const text = fs.readFileSync(process.argv[2], "utf8");
const stages = [];
for (const instruction of DockerfileParser.parse(text).getInstructions()) {
  const keyword = instruction.getKeyword().toUpperCase();
  if (keyword === "FROM") {
    const stage = instruction.getBuildStage();
    stages.push({ from: instruction.getImage(), name: stage || null, instructions: [] });
    continue;
  }
  if (stages.length === 0) {
    continue;
  }
  const flags = typeof instruction.getFlags === "function" ? instruction.getFlags() : [];
  const args = flags
    .map((f) => `--${f.getName()}${f.getValue() === null ? "" : "=" + f.getValue()}`)
    .concat([instruction.getArgumentsContent() || ""])
    .join(" ")
    .replace(/\s+/g, " ")
    .trim();
  stages[stages.length - 1].instructions.push({ keyword, args });
}
// Every rule on: the ones off by default (more than one CMD, ENTRYPOINT or HEALTHCHECK in a stage, a
// relative WORKDIR, JSON in single quotes, ...) are what a runtime image must not have.
const everyRule = Object.fromEntries(
  [
    "deprecatedMaintainer",
    "directiveCasing",
    "emptyContinuationLine",
    "instructionCasing",
    "instructionCmdMultiple",
    "instructionEntrypointMultiple",
    "instructionHealthcheckMultiple",
    "instructionJSONInSingleQuotes",
    "instructionWorkdirRelative",
  ].map((rule) => [rule, ValidationSeverity.WARNING])
);
const problems = validate(text, everyRule).map((d) => ({
  line: d.range.start.line + 1,
  message: d.message,
}));
process.stdout.write(JSON.stringify({ stages, problems }));
