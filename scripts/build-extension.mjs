// Writes dist/chrome and dist/firefox from extension/ and the core's build/pkg: one manifest each
// (a module service worker for Chrome; background scripts and browser_specific_settings.gecko for
// Firefox, toolchain.md "Loading the extension in real browsers"). Type declarations
// (messages.d.ts, the core's .d.ts) are for `tsc --checkJs` of the sources
// (tests/js/extension.tsconfig.json) and do not ship.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(`${root}extension/manifest.json`, 'utf8'));
const browsers = {
  // The confirm frame only under the session's dynamic id in Chrome (a page cannot know the URL to
  // frame it itself); Firefox's moz-extension:// id is already random per install.
  chrome: { ...manifest, background: { service_worker: 'background.js', type: 'module' }, web_accessible_resources: manifest.web_accessible_resources.map((w) => ({ ...w, use_dynamic_url: true })) },
  firefox: {
    ...manifest,
    background: { scripts: ['background.js'], type: 'module' },
    browser_specific_settings: { gecko: { id: 'sp-outreach@sp-outreach.dev', strict_min_version: '142.0', data_collection_permissions: { required: ['none'] } } },
  },
};
for (const [browser, m] of Object.entries(browsers)) {
  const out = `${root}dist/${browser}`;
  rmSync(out, { recursive: true, force: true });
  mkdirSync(`${out}/core`, { recursive: true });
  cpSync(`${root}extension`, out, { recursive: true, filter: (src) => !src.endsWith('manifest.json') && !src.endsWith('.d.ts') });
  for (const f of ['sp_outreach.js', 'sp_outreach_bg.wasm']) cpSync(`${root}build/pkg/${f}`, `${out}/core/${f}`);
  // The flows' driver (src/wasm/driver.js), which the glue imports from ./snippets/.
  cpSync(`${root}build/pkg/snippets`, `${out}/core/snippets`, { recursive: true });
  writeFileSync(`${out}/manifest.json`, `${JSON.stringify(m, null, 2)}\n`);
  console.log(`built dist/${browser}`);
}
