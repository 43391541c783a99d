import { readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';

/**
 * Imported first by `npm start` and the CLI, before any dependency that an older Node could not
 * load: a Node outside package.json's engines range stops here with the range and the fix,
 * rather than with whatever a dependency trips over first.
 */
export function nodeProblem(version: string, range: string): string | undefined {
  if (semver.satisfies(version, range)) return undefined;
  return `evmap needs Node.js ${range} (package.json "engines"); this is Node.js ${version}. Install a current LTS release (24 or 22) and run it again.`;
}

function engines(): string {
  const root = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? '../..' : '..');
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { engines?: { node?: string } };
  return pkg.engines?.node ?? '*';
}

const problem = nodeProblem(process.versions.node, engines());
if (problem) {
  process.stderr.write(`[evmap] error: ${problem}\n`);
  process.exit(2);
}
