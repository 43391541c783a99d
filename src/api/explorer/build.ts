import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BUILT_DIR, bundleFromSource } from './bundle';

/** `npm run build`'s last step: the explorer bundle the compiled server serves. */
async function main(): Promise<void> {
  const bundle = await bundleFromSource();
  await mkdir(BUILT_DIR, { recursive: true });
  await Promise.all([writeFile(path.join(BUILT_DIR, 'main.js'), bundle.script), writeFile(path.join(BUILT_DIR, 'main.css'), bundle.style)]);
}

main().catch((error: unknown) => {
  process.stderr.write(`explorer bundle failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
