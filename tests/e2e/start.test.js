// End to end: the real debug app under Xvfb, driven over WebDriver. Every
// number asserted here comes from the Rust knowledge base through real IPC.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Session } from "./webdriver.js";
import { application, repo, startDriver } from "./driver.js";

const screenshots = join(repo, "target/e2e-screenshots");
let driver;
let session;

before(async () => {
  await mkdir(screenshots, { recursive: true });
  driver = await startDriver();
  session = await Session.start(application);
});

after(async () => {
  await session?.end();
  await driver?.stop();
});

/** What the CLI, the other face of the same core, reports. */
function cliStats() {
  const out = execFileSync(join(repo, "target/debug/assay"), ["kb", "stats", "--format", "json"], { encoding: "utf8" });
  return JSON.parse(out);
}

test("the start screen shows versions and counts that came from Rust", async () => {
  const stats = cliStats();
  await session.waitForText('[data-testid="kb-version"]', new RegExp(stats.kb_version.replaceAll(".", "\\.")));
  const version = await session.text('[data-testid="app-version"]');
  assert.match(version, /^\d+\.\d+\.\d+$/);

  await session.waitForText('[data-testid="framework-table"]', /SP 800-53/);
  for (const framework of stats.frameworks) {
    const total = Object.values(framework.counts).reduce((a, b) => a + b, 0);
    const cell = `tr[data-framework="${framework.id}"] [data-testid="framework-total"]`;
    assert.equal(await session.text(cell), String(total), `${framework.id} total`);
  }
  assert.match(await session.text('tr[data-framework="nist-ai-rmf"]'), /72 subcategory/);
  assert.match(await session.text('tr[data-framework="nist-800-53r5"]'), /324 control, 872 enhancement/);
  assert.match(await session.text('[data-testid="no-recent"]'), /No projects opened yet/);

  await writeFile(join(screenshots, "start-screen.png"), await session.screenshot());
});

test("the knowledge-base browser searches the real index", async () => {
  await session.click('[data-testid="nav-kb"]');
  await session.type('[data-testid="kb-search"]', "ac-02(01)");
  const results = await session.waitForText('[data-testid="kb-results"]', /AC-2\(1\)/);
  assert.match(results, /Automated System Account Management/);
  await session.click('[data-testid="kb-results"] li button');
  await session.waitForText('[data-testid="detail-id"]', /nist-800-53r5:AC-2\(1\)/);

  await session.type('[data-testid="kb-search"]', "cc6.1");
  await session.waitForText('[data-testid="kb-results"]', /CC6\.1/);
  await session.click('[data-testid="kb-results"] li button');
  const crosswalk = await session.waitForText('[data-testid="detail-crosswalk"]', /AC-/);
  assert.match(crosswalk, /related|subset|superset|equal/);
  await writeFile(join(screenshots, "kb-browser.png"), await session.screenshot());
});
