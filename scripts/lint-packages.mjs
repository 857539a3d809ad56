// Checks every publishable package the way a consumer's resolver sees it:
// publint (package.json correctness) and arethetypeswrong (types resolve for ESM and CJS).
// The node16 profile: node10 resolution ignores `exports`, so subpaths cannot work there.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const packages = ['packages/core', 'packages/express', 'packages/react'];
let failed = false;
for (const dir of packages) {
  // Stylesheets have no types to resolve; attw would report them as unresolvable entry points.
  const { exports } = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8'));
  const stylesheets = Object.keys(exports).filter((entry) => entry.endsWith('.css'));
  const exclude = stylesheets.length > 0 ? ['--exclude-entrypoints', ...stylesheets] : [];
  for (const [tool, args] of [
    ['publint', [dir, '--strict']],
    ['attw', ['--pack', dir, '--profile', 'node16', '--format', 'table-flipped', ...exclude]],
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
