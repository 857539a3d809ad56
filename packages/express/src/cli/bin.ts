#!/usr/bin/env node
// The `verdict` executable (package.json "bin"): runs the command and exits with its code.
import { main } from './verdict';

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`verdict: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
