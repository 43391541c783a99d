import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { projectRoot } from '../../config';

/** The explorer's browser code and stylesheet, as the page loads them. */
export interface ExplorerBundle {
  script: string;
  style: string;
}

const ENTRY = path.join(projectRoot, 'src', 'explorer', 'main.ts');
/** Where `npm run build` writes the bundle, beside the compiled server. */
export const BUILT_DIR = path.join(projectRoot, 'dist', 'explorer');

/**
 * Bundles src/explorer/ with esbuild in memory. esbuild is a dev dependency and is loaded only
 * here, so the compiled server (which reads the files `npm run build` wrote) runs without it.
 */
export async function bundleFromSource(): Promise<ExplorerBundle> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    minify: true,
    format: 'iife',
    target: ['chrome110', 'firefox110', 'safari16'],
    outdir: BUILT_DIR,
    logLevel: 'silent',
    tsconfig: path.join(projectRoot, 'src', 'explorer', 'tsconfig.json'),
  });
  const file = (ext: string) => {
    const out = result.outputFiles.find((f) => f.path.endsWith(ext));
    if (!out) throw new Error(`esbuild wrote no ${ext} file for the explorer`);
    return out.text;
  };
  return { script: file('.js'), style: file('.css') };
}

async function readBuilt(): Promise<ExplorerBundle> {
  try {
    const [script, style] = await Promise.all([readFile(path.join(BUILT_DIR, 'main.js'), 'utf8'), readFile(path.join(BUILT_DIR, 'main.css'), 'utf8')]);
    return { script, style };
  } catch (error) {
    throw new Error(`The explorer bundle is missing from ${BUILT_DIR}; run npm run build. (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
}

/**
 * Under ts-jest or tsx the sources are what runs, so the explorer is bundled from them (a stale
 * dist/ never reaches a test); the compiled server serves what `npm run build` bundled.
 */
export function loadBundle(): Promise<ExplorerBundle> {
  return __filename.endsWith('.ts') ? bundleFromSource() : readBuilt();
}
