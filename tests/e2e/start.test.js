// End to end: the real debug app under Xvfb, driven over WebDriver. Every
// number asserted here comes from the Rust knowledge base through real IPC.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { repo, screenshots, useApp } from "./driver.js";

const app = useApp();

/** What the CLI, the other face of the same core, reports. */
function cliStats() {
  const out = execFileSync(join(repo, "target/debug/assay"), ["kb", "stats", "--format", "json"], { encoding: "utf8" });
  return JSON.parse(out);
}

test("the About dialog shows versions and counts that came from Rust", async () => {
  const stats = cliStats();
  assert.match(await app.session.text('[data-testid="no-recent"]'), /No projects opened yet/);
  await writeFile(join(screenshots, "start-screen.png"), await app.session.screenshot());
  await app.session.click('[data-testid="about"]');
  await app.session.waitForText('[data-testid="kb-version"]', new RegExp(stats.kb_version.replaceAll(".", "\\.")));
  const version = await app.session.text('[data-testid="app-version"]');
  assert.match(version, /^\d+\.\d+\.\d+$/);

  await app.session.waitForText('[data-testid="framework-table"]', /SP 800-53/);
  for (const framework of stats.frameworks) {
    const total = Object.values(framework.counts).reduce((a, b) => a + b, 0);
    const cell = `tr[data-framework="${framework.id}"] [data-testid="framework-total"]`;
    assert.equal(await app.session.text(cell), String(total), `${framework.id} total`);
  }
  assert.match(await app.session.text('tr[data-framework="nist-ai-rmf"]'), /72 subcategory/);
  assert.match(await app.session.text('tr[data-framework="nist-800-53r5"]'), /324 control, 872 enhancement/);
  await writeFile(join(screenshots, "about.png"), await app.session.screenshot());
  await app.session.click('[data-testid="about-close"]');
});

test("the knowledge-base browser searches the real index", async () => {
  await app.session.click('[data-testid="nav-kb"]');
  await app.session.type('[data-testid="kb-search"]', "ac-02(01)");
  const results = await app.session.waitForText('[data-testid="kb-results"]', /AC-2\(1\)/);
  assert.match(results, /Automated System Account Management/);
  await app.session.click('[data-testid="kb-results"] li button');
  await app.session.waitForText('[data-testid="detail-id"]', /nist-800-53r5:AC-2\(1\)/);

  await app.session.type('[data-testid="kb-search"]', "cc6.1");
  await app.session.waitForText('[data-testid="kb-results"]', /CC6\.1/);
  await app.session.click('[data-testid="kb-results"] li button');
  const crosswalk = await app.session.waitForText('[data-testid="detail-crosswalk"]', /AC-/);
  assert.match(crosswalk, /related|subset|superset|equal/);
  await writeFile(join(screenshots, "kb-browser.png"), await app.session.screenshot());
});
