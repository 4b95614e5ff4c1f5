// Starts tauri-driver for one test file and stops it afterwards.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { before, after } from "node:test";
import { Session } from "./webdriver.js";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";

export const repo = fileURLToPath(new URL("../../", import.meta.url));
export const application = join(repo, "target/debug/assay-desktop");
const tauriDriver = process.env.TAURI_DRIVER ?? join(repo, ".tools/bin/tauri-driver");

/**
 * Starts tauri-driver with a fresh ASSAY_HOME, so the app reads no state
 * from the machine it runs on, and waits until it accepts connections.
 */
export async function startDriver() {
  for (const needed of [application, tauriDriver]) {
    if (!existsSync(needed)) throw new Error(`${needed} is missing; run scripts/test.sh, which builds it`);
  }
  const home = await mkdtemp(join(tmpdir(), "assay-e2e-"));
  const child = spawn(tauriDriver, [], {
    env: { ...process.env, ASSAY_HOME: home },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const deadline = Date.now() + 20000;
  for (;;) {
    try {
      const response = await fetch("http://127.0.0.1:4444/status");
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error("tauri-driver did not start listening on 4444");
    }
    await sleep(100);
  }
  return {
    home,
    stop: async () => {
      // A driver that already exited would never emit "exit" again.
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill();
      await exited;
    },
  };
}

export const screenshots = join(repo, "target/e2e-screenshots");

/**
 * Registers before/after hooks that start tauri-driver and one app session
 * for the test file; `prepare(driver)` runs before the app starts. The
 * returned object's `session` and `driver` are set once the hooks ran.
 */
export function useApp(prepare = async () => {}) {
  const app = { driver: null, session: null };
  before(async () => {
    await mkdir(screenshots, { recursive: true });
    app.driver = await startDriver();
    await prepare(app.driver);
    app.session = await Session.start(application);
  });
  after(async () => {
    if (app.session) await writeFile(join(screenshots, "last.png"), await app.session.screenshot()).catch(() => {});
    await app.session?.end();
    await app.driver?.stop();
  });
  return app;
}

const axeSource = join(repo, "node_modules/axe-core/axe.min.js");

/**
 * Runs axe-core (WCAG 2.1 A and AA rules) on what the window shows now and
 * returns the serious and critical violations, each as "rule: where".
 */
export async function accessibilityProblems(session) {
  const { readFile } = await import("node:fs/promises");
  await session.execute(await readFile(axeSource, "utf8"));
  const result = await session.executeAsync(`
    const done = arguments[arguments.length - 1];
    axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } })
      .then((r) => done(JSON.stringify(r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(" ")) })))))
      .catch((e) => done(JSON.stringify([{ id: "axe-failed", impact: "critical", nodes: [String(e)] }])));
  `);
  return JSON.parse(result)
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.slice(0, 3).join(", ")}`);
}
