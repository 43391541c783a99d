import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** What playwright-core's chromium.launch() is given. */
export interface ChromiumLaunch {
  executablePath: string;
  args: string[];
  env: NodeJS.ProcessEnv;
}

// The same flags for every browser, so a pass proves the same thing whichever one ran.
// @sparticuz/chromium's own `args` are left out: they are for Lambda and include
// --disable-web-security and --single-process, which would blunt the CSP and offline checks.
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

// @sparticuz/chromium is an ES module, which Jest's CommonJS runtime cannot load, so a plain
// Node child unpacks it. executablePath() writes the binary, its fonts and SwiftShader into
// os.tmpdir(); inflate() adds the NSS, NSPR and expat builds the binary links against (the
// package does that only on Amazon Linux), so it needs no more than glibc from the machine.
const UNPACK = `
const { default: chromium, inflate } = await import(process.argv[1]);
await chromium.executablePath();
await inflate(process.argv[2]);
`;

/**
 * The Chromium for the browser tests: CHROMIUM_PATH if set, else a system Chromium, else the
 * one @sparticuz/chromium ships. Says on stderr which one, with its version.
 */
export async function chromiumToLaunch(): Promise<ChromiumLaunch> {
  const [launch, from] = await pick();
  const { stdout } = await run(launch.executablePath, ['--version'], { env: launch.env });
  process.stderr.write(`browser tests use ${stdout.trim()} from ${from}: ${launch.executablePath}\n`);
  return launch;
}

async function pick(): Promise<[ChromiumLaunch, string]> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv !== undefined) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH is ${fromEnv}, which does not exist.`);
    return [{ executablePath: fromEnv, args: ARGS, env: process.env }, 'CHROMIUM_PATH'];
  }
  const system = SYSTEM_CHROMIUMS.find((path) => existsSync(path));
  if (system) return [{ executablePath: system, args: ARGS, env: process.env }, 'the system'];
  return unpackSparticuz();
}

async function unpackSparticuz(): Promise<[ChromiumLaunch, string]> {
  const entry = require.resolve('@sparticuz/chromium');
  const packageDir = join(dirname(entry), '..');
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };
  // One folder per version, filled elsewhere and renamed into place: the package trusts any
  // existing file at its output path, so a half-written binary from an interrupted or
  // concurrent run (another checkout's tests share /tmp) must never sit there.
  const dir = join(tmpdir(), `evmap-sparticuz-chromium-${version}`);
  if (!existsSync(dir)) {
    const partial = mkdtempSync(`${dir}.partial-`);
    try {
      await run(process.execPath, ['--input-type=module', '-e', UNPACK, pathToFileURL(entry).href, join(packageDir, 'bin', 'al2023.tar.br')], {
        env: { ...process.env, TMPDIR: partial },
      });
      renameSync(partial, dir);
    } catch (error) {
      rmSync(partial, { recursive: true, force: true });
      if (!existsSync(dir)) throw error;
    }
  }
  const libs = join(dir, 'al2023', 'lib');
  const inherited = process.env.LD_LIBRARY_PATH;
  const env = { ...process.env, LD_LIBRARY_PATH: inherited ? `${libs}${delimiter}${inherited}` : libs };
  return [{ executablePath: join(dir, 'chromium'), args: ARGS, env }, `@sparticuz/chromium ${version}`];
}
