// Bundles the tab (src/main.js + ECharts + teams-js + the text catalogues) into Bot/wwwroot/tab with esbuild.
// Run by `npm run build` here (scripts/build-dashboard.sh); the output is committed, so the .NET build and
// `dotnet publish` carry it without node. Nothing is fetched at run time: no CDN.
import { build } from 'esbuild';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(here, '../../wwwroot/tab');
await build({
  entryPoints: { dashboard: resolve(here, 'src/main.js'), config: resolve(here, 'src/config.js') },
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  outdir: out,
  legalComments: 'linked',
  logLevel: 'warning',
});
await build({ entryPoints: { dashboard: resolve(here, 'src/style.css') }, bundle: true, minify: true, outdir: out, logLevel: 'warning' });
console.log(`dashboard bundle written to ${out}`);
