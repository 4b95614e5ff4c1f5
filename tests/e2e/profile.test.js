// End to end: the predictive-maintenance sample project opens in the window
// with its NIST AI RMF risk profile beside the interview: the EU AI Act
// answer, the heat map and the risks that need treatment, the same as the
// CLI computes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { repo, screenshots, useApp } from "./driver.js";

const assay = join(repo, "target/debug/assay");
let project;

function cli(args) {
  return execFileSync(assay, args, { encoding: "utf8", env: { ...process.env, ASSAY_HOME: app.driver.home } });
}

const app = useApp(async (driver) => {
  project = join(driver.home, "plant.assay");
  const answers = join(repo, "assets/questionnaires/samples/ai-rmf-predictive-maintenance.json");
  const env = { ...process.env, ASSAY_HOME: driver.home };
  execFileSync(assay, ["project", "new", project, "--template", "predictive-maintenance", "--client", "Stamping plant", "--system", "Press health model"], { env });
  execFileSync(assay, ["project", "import-answers", project, answers], { env });
});

test("the risk profile shows beside the interview, as the CLI computes it", async () => {
  await app.session.waitForText('[data-testid="recent-projects"]', /Stamping plant — Press health model/);
  await app.session.click('[data-testid="recent-projects"] button[data-name^="Stamping"]');
  await app.session.click('[data-testid="continue"]');
  const panel = await app.session.waitForText('[data-testid="profile-panel"]', /risks need treatment/, { timeout: 30000 });
  const computed = JSON.parse(cli(["assess", "ai-rmf", "--answers", join(repo, "assets/questionnaires/samples/ai-rmf-predictive-maintenance.json"), "--format", "json"]));
  const above = computed.risks.filter((r) => r.above_appetite).length;
  assert.match(panel, new RegExp(`${above} of ${computed.risks.length} risks need treatment`));
  assert.match(panel, /EU AI Act: Not high-risk/);
  // The map's cells add up to every scored risk.
  const caption = await app.session.text('[data-testid="heat-map-caption"]');
  assert.match(caption, new RegExp(`^${computed.risks.length} risks, with the controls in place`));
  assert.match(await app.session.text('[data-testid="profile-gaps"]'), /MAP 2\.3/);
  await writeFile(join(screenshots, "risk-profile.png"), await app.session.screenshot());
});
