import { readFileSync } from 'node:fs';
import path from 'node:path';

/** A browser file the playground serves from node_modules. */
export interface VendorAsset {
  /** The file name under /playground/assets/. */
  name: string;
  /** Absolute path of the file on disk. */
  file: string;
  /** The package version, added to the URL so a long browser cache never outlives an upgrade. */
  version: string;
}

/**
 * Resolved through each package's package.json because their `exports` maps hide the UMD
 * files from require.resolve; resolving (rather than a path from __dirname) works alike from
 * src/ under ts-jest and from dist/.
 */
function fromPackage(pkg: string, relative: string): VendorAsset {
  const manifest = require.resolve(`${pkg}/package.json`);
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  return { name: path.basename(relative), file: path.join(path.dirname(manifest), relative), version };
}

/** React 18 and GraphiQL 4 UMD bundles and stylesheet, in the order the page loads them. */
export function vendorAssets(): VendorAsset[] {
  return [
    fromPackage('react', 'umd/react.production.min.js'),
    fromPackage('react-dom', 'umd/react-dom.production.min.js'),
    fromPackage('graphiql', 'graphiql.min.js'),
    fromPackage('graphiql', 'graphiql.min.css'),
  ];
}
