// Runs the built UI in Debian's Chromium with Tauri's IPC replaced by a mock,
// so the UI can be tested fast and without WebKit. The mock is Tauri's own
// `@tauri-apps/api/mocks` module, loaded into the page before the app starts.
import { readFile, mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { preview } from "vite";
import { chromium } from "playwright-core";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

async function mockSource() {
  const path = fileURLToPath(import.meta.resolve("@tauri-apps/api/mocks"));
  const source = await readFile(path, "utf8");
  // The module ends with an ESM export list; an init script is a classic
  // script, so drop the export and keep the functions in scope.
  return source.replace(/^export \{[^}]*\};?\s*$/m, "");
}

/**
 * Starts a preview server and a browser page whose IPC answers from
 * `responses`: an object mapping command name to a value (resolved) or to
 * `{ reject: value }` (rejected). Every call is recorded in `calls`.
 */
export async function openApp(given) {
  // What the real app answers at start when no project is open and nothing
  // was handed to it on the command line; a test may say otherwise.
  const responses = {
    project_summary: { reject: { code: "no_project_open", message: "no project is open" } },
    startup_notice: null,
    "plugin:event|listen": 1,
    "plugin:event|unlisten": null,
    ...given,
  };
  const server = await preview({
    configFile: `${repo}ui/vite.config.ts`,
    preview: { port: 0, host: "127.0.0.1" },
    logLevel: "warn",
  });
  const url = server.resolvedUrls.local[0];
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e));
  const init = `${await mockSource()}
    window.__assayCalls = [];
    const responses = ${JSON.stringify(responses)};
    mockIPC((cmd, args) => {
      window.__assayCalls.push({ cmd, args });
      const found = typeof responses[cmd] === "function" ? undefined : responses[cmd];
      // A code no real command returns, so a test that expects a real
      // error cannot pass because a command was left unmocked.
      if (found === undefined) return Promise.reject({ code: "test_unmocked_command", message: "unmocked command " + cmd });
      if (found && typeof found === "object" && "reject" in found) return Promise.reject(found.reject);
      if (cmd === "kb_item" && found && found.byId) {
        const item = found.byId[args.id];
        return item ? Promise.resolve(item) : Promise.reject({ code: "unknown_id", message: "no item has the ID " + args.id });
      }
      return Promise.resolve(found);
    });`;
  await page.addInitScript({ content: init });
  await page.goto(url);
  return {
    page,
    errors,
    calls: () => page.evaluate(() => window.__assayCalls),
    async screenshot(name) {
      const dir = `${repo}target/ui-screenshots`;
      await mkdir(dir, { recursive: true });
      await page.screenshot({ path: `${dir}/${name}.png` });
    },
    async close() {
      await browser.close();
      await new Promise((resolve) => server.httpServer.close(resolve));
    },
  };
}
