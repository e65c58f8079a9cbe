// A minimal W3C WebDriver client for geckodriver (Firefox ESR): sessions, navigation, elements
// (including into shadow roots), clicks and typing, and geckodriver's temporary add-on install
// (toolchain.md: npm's geckodriver cannot download here; the cargo-installed binary is used).
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
const SHADOW = 'shadow-6066-11e4-a52e-4f735466cecf';

async function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Firefox prefs that send every http and https request through sp-sandbox --proxy on `port`
 * (CONNECT for https, so Firefox reaches the real Amazon host names on any port, with no DNS
 * override and no port 443); loopback itself is not proxied. */
export function proxyPrefs(port) {
  return {
    'network.proxy.type': 1,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': port,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': port,
    'network.proxy.share_proxy_settings': false,
  };
}

export async function startFirefox({ prefs = {}, geckodriver = process.env.GECKODRIVER ?? `${process.env.HOME}/.cargo/bin/geckodriver` } = {}) {
  const port = await freePort();
  const driver = spawn(geckodriver, ['--port', String(port), '--host', '127.0.0.1', '--allow-system-access'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  const call = async (method, path, body) => {
    const res = await fetch(`${base}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = await res.json();
    if (json.value?.error) throw new Error(`${method} ${path}: ${json.value.error}: ${json.value.message}`);
    return json.value;
  };
  for (let i = 0; ; i++) {
    try {
      await call('GET', '/status');
      break;
    } catch (e) {
      if (i > 100) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const session = await call('POST', '/session', {
    // A confirm() (the bulk bar's) is accepted by the next command, as a seller would click OK.
    capabilities: { alwaysMatch: { browserName: 'firefox', acceptInsecureCerts: true, unhandledPromptBehavior: 'accept', 'moz:firefoxOptions': { binary: process.env.FIREFOX ?? '/usr/bin/firefox-esr', args: ['-headless'], prefs } } },
  });
  const s = `/session/${session.sessionId}`;
  const el = (value) => value[ELEMENT];
  const ff = {
    installAddon: (path) => call('POST', `${s}/moz/addon/install`, { path, temporary: true }),
    goto: (url) => call('POST', `${s}/url`, { url }),
    /** Opens a privileged URL (moz-extension://) that content navigation may not reach, as a tab of
     * its own made from the browser's chrome, and switches to it. */
    async openPrivileged(url) {
      await call('POST', `${s}/moz/context`, { context: 'chrome' });
      await call('POST', `${s}/execute/sync`, {
        script: 'const w = Services.wm.getMostRecentWindow("navigator:browser"); w.gBrowser.selectedTab = w.gBrowser.addTab(arguments[0], { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });',
        args: [url],
      });
      await call('POST', `${s}/moz/context`, { context: 'content' });
      const handles = await call('GET', `${s}/window/handles`);
      await call('POST', `${s}/window`, { handle: handles[handles.length - 1] });
    },
    /** Runs an async script in the browser's chrome (privileged) context: it ends by calling its
     * last argument with the result. Back in the content context after. */
    async chrome(script, ...args) {
      await call('POST', `${s}/moz/context`, { context: 'chrome' });
      try {
        return await call('POST', `${s}/execute/async`, { script, args });
      } finally {
        await call('POST', `${s}/moz/context`, { context: 'content' });
      }
    },
    url: () => call('GET', `${s}/url`),
    run: (script, ...args) => call('POST', `${s}/execute/sync`, { script, args }),
    /** A script that ends by calling its last argument with the result. */
    runAsync: (script, ...args) => call('POST', `${s}/execute/async`, { script, args }),
    /** An element id as a script argument. */
    arg: (element) => ({ [ELEMENT]: element }),
    find: async (css, root) => el(await call('POST', root ? `${s}/element/${root}/element` : `${s}/element`, { using: 'css selector', value: css })),
    shadow: async (element) => (await call('GET', `${s}/element/${element}/shadow`))[SHADOW],
    findInShadow: async (shadowId, css) => el(await call('POST', `${s}/shadow/${shadowId}/element`, { using: 'css selector', value: css })),
    click: (element) => call('POST', `${s}/element/${element}/click`, {}),
    type: async (element, text) => {
      await call('POST', `${s}/element/${element}/clear`, {});
      return call('POST', `${s}/element/${element}/value`, { text });
    },
    text: (element) => call('GET', `${s}/element/${element}/text`),
    /** Polls `fn` until it returns a truthy value (or throws the last error after `ms`). */
    async until(fn, ms = 20000) {
      const end = Date.now() + ms;
      for (;;) {
        try {
          const v = await fn();
          if (v) return v;
        } catch (e) {
          if (Date.now() > end) throw e;
        }
        if (Date.now() > end) throw new Error(`timed out: ${fn}`);
        await new Promise((r) => setTimeout(r, 150));
      }
    },
    async quit() {
      await call('DELETE', s).catch(() => {});
      driver.kill();
    },
  };
  /** Clicks Send (a real WebDriver click) in the extension's confirm frame inside the shadow root
   * `shadowId`, then comes back to the page. */
  ff.confirmIn = async (shadowId) => {
    const frame = await ff.until(() => ff.findInShadow(shadowId, 'iframe[data-sp-outreach="confirm"]'));
    await call('POST', `${s}/frame`, { id: { [ELEMENT]: frame } });
    try {
      const send = await ff.until(async () => {
        const b = await ff.find('#send');
        return (await call('GET', `${s}/element/${b}/enabled`)) && b;
      });
      await ff.click(send);
    } finally {
      await call('POST', `${s}/frame/parent`, {});
    }
  };
  /** Switches into `frame` (an element id) for `fn`, then back to its parent. */
  ff.inFrame = async (frame, fn) => {
    await call('POST', `${s}/frame`, { id: { [ELEMENT]: frame } });
    try {
      return await fn();
    } finally {
      await call('POST', `${s}/frame/parent`, {});
    }
  };
  return ff;
}
