// The package's one typeface, Arimo (SIL OFL 1.1), from one source: the regular TTF of the dev
// dependency @expo-google-fonts/arimo, copied into dist/fonts/ with its licence. PNGs draw with
// that TTF (resvg reads TTF/OTF only); the HTML page embeds a WOFF2 derived from it here: its Latin
// subset (the range of Google Fonts' "latin" file) compressed, ~11 kB instead of 318 kB in every page.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import subsetFont from 'subset-font';

const require = createRequire(import.meta.url);
const ttf = require.resolve('@expo-google-fonts/arimo/400Regular/Arimo_400Regular.ttf');
const LATIN = [[0x0000, 0x00ff], [0x0131], [0x0152, 0x0153], [0x02bb, 0x02bc], [0x02c6], [0x02da], [0x02dc], [0x0304], [0x0308], [0x0329], [0x2000, 0x206f], [0x20ac], [0x2122], [0x2191], [0x2193], [0x2212], [0x2215], [0xfeff], [0xfffd]];
let text = '';
for (const [from, to = from] of LATIN) for (let c = from; c <= to; c++) text += String.fromCodePoint(c);

const out = 'dist/fonts';
mkdirSync(out, { recursive: true });
copyFileSync(ttf, join(out, 'Arimo-Regular.ttf'));
copyFileSync(join(dirname(ttf), '..', 'LICENSE_FONT'), join(out, 'OFL.txt'));
writeFileSync(join(out, 'arimo-latin-400.woff2'), await subsetFont(readFileSync(ttf), text, { targetFormat: 'woff2' }));
