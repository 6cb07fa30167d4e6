import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Where the graphs' font (src/report/pictures/font.ts) is on disk: dist/fonts/, made by scripts/fonts.mjs.

/**
 * A file of dist/fonts/, found upwards from this module (dist/src/io/ or the bundle's dist/bin/;
 * from the sources, the repository's build).
 */
export function fontAsset(name: string): string {
  return distAsset('fonts', name, 'font');
}

/** A file of dist/FOLDER/ (fonts/, page/: the page's engine bundle), found the same way. */
export function distAsset(folder: string, name: string, what = 'file'): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++, dir = dirname(dir)) {
    for (const f of [join(dir, folder, name), join(dir, 'dist', folder, name)]) if (existsSync(f)) return f;
  }
  throw new Error(`gen-report ${what} ${name} not found in dist/${folder}/ (npm run build makes it)`);
}

let path: string | undefined;
export function fontFile(): string {
  if (path !== undefined) return path;
  try {
    path = fontAsset('Arimo-Regular.ttf');
  } catch (e) {
    // A checkout not built yet: the dev dependency the build copies it from.
    try {
      path = createRequire(import.meta.url).resolve('@expo-google-fonts/arimo/400Regular/Arimo_400Regular.ttf');
    } catch {
      throw e;
    }
  }
  return path;
}

