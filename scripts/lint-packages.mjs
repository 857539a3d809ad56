// Checks every publishable package the way a consumer's resolver sees it:
// publint (package.json correctness) and arethetypeswrong (types resolve for ESM and CJS).
// The node16 profile: node10 resolution ignores `exports`, so subpaths cannot work there.
import { execFileSync } from 'node:child_process';

const packages = ['packages/core', 'packages/express', 'packages/react'];
let failed = false;
for (const dir of packages) {
  for (const [tool, args] of [
    ['publint', [dir, '--strict']],
    ['attw', ['--pack', dir, '--profile', 'node16', '--format', 'table-flipped']],
  ]) {
    try {
      execFileSync('npx', ['--no-install', tool, ...args], { stdio: 'inherit' });
    } catch {
      console.error(`${tool} failed for ${dir}`);
      failed = true;
    }
  }
}
process.exit(failed ? 1 : 0);
