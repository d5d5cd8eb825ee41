// Builds the workbench into dist/ (committed; embedded by web.go): one JS and one CSS bundle,
// minified, no source maps, and index.html. Run with `npm run build` or `make web`.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, rmSync, statSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';

// sourceHash fingerprints the inputs of the build; web_test.go recomputes it to tell when
// dist/ is stale (run `make web`).
function sourceHash() {
  const files = ['build.mjs', 'package.json', 'package-lock.json',
    ...readdirSync('src').filter((n) => !n.startsWith('.')).map((n) => `src/${n}`)].sort();
  const h = createHash('sha256');
  for (const f of files) h.update(`${f}\0`).update(readFileSync(f)).update('\0');
  return h.digest('hex');
}

rmSync('dist', { recursive: true, force: true });
mkdirSync('dist/assets', { recursive: true });
await esbuild.build({
  entryPoints: { app: 'src/main.jsx' },
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2020'],
  outdir: 'dist/assets',
  jsx: 'automatic',
  loader: { '.graphql': 'text', '.woff2': 'file', '.woff': 'file', '.ttf': 'file', '.svg': 'file' },
  assetNames: '[name]-[hash]',
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'linked',
  logLevel: 'warning',
});
copyFileSync('src/index.html', 'dist/index.html');
writeFileSync('dist/SOURCE-SHA256', `${sourceHash()}\n`);
let raw = 0, gz = 0;
const walk = (d) => readdirSync(d, { withFileTypes: true }).forEach((e) => {
  const p = `${d}/${e.name}`;
  if (e.isDirectory()) return walk(p);
  const b = readFileSync(p);
  raw += b.length; gz += gzipSync(b).length;
  console.log(`${p.padEnd(40)} ${String(statSync(p).size).padStart(9)} bytes`);
});
walk('dist');
console.log(`dist total: ${raw} bytes, ${gz} bytes gzipped`);
