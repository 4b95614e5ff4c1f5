// End to end: a real .assay file opened from the recent list, answered in
// the window with autosave, and read back by the CLI while the window still
// holds it open; a read-only file shows its banner.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { chmodSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { repo, screenshots, useApp } from "./driver.js";

const assay = join(repo, "target/debug/assay");
let project;
let readOnlyProject;

function cli(args) {
  const env = { ...process.env, ASSAY_HOME: app.driver.home, ASSAY_PASSPHRASE: "e2e passphrase 123" };
  return execFileSync(assay, args, { encoding: "utf8", env });
}

const app = useApp(async (driver) => {
  project = join(driver.home, "Łódź Logistics.assay");
  readOnlyProject = join(driver.home, "archived.assay");
  cli(["project", "new", project, "--template", "resume-screener", "--client", "Łódź Logistics", "--system", "CV ranker", "--assessor", "Ada"]);
  cli(["project", "new", readOnlyProject, "--template", "resume-screener", "--client", "Archive", "--system", "Old ranker"]);
  chmodSync(readOnlyProject, 0o444);
  cli(["identity", "new", "--name", "Ada Assessor", "--organisation", "Zürich Audit AG", "--email", "ada@example.com"]);
  // `project new` put both on the recent list the window shows.
});

test("answers given in the window are saved to the file as they are given", async () => {
  const recent = await app.session.waitForText('[data-testid="recent-projects"]', /Łódź Logistics — CV ranker/);
  assert.match(recent, /Archive — Old ranker/);
  await app.session.click('[data-testid="recent-projects"] button[data-name^="Łódź"]');
  await app.session.waitForText('[data-testid="project-path"]', /Łódź Logistics\.assay/);
  // A project opens on its overview; the interview is one tab of it.
  await app.session.waitForText('[data-testid="overview"]', /EU AI Act classification/);
  await app.session.click('[data-testid="tab-eu-ai-act"]');
  await app.session.click('[data-testid="next"]');
  await app.session.find('[data-question="ai_system"]');
  await app.session.click('[data-testid="answer-yes"]');
  await app.session.waitForText('[data-testid="save-state"]', /All changes saved ·/);
  await app.session.click('[data-testid="next"]');
  await app.session.find('[data-question="gpai_model"]');
  await app.session.click('[data-testid="answer-no"]');
  await app.session.waitForText('[data-testid="save-state"]', /All changes saved ·/);
  await app.session.click('[data-testid="next"]');
  await app.session.find('[data-question="eu_nexus"]');
  await app.session.click('[data-testid="answer-deployer_in_eu"]');
  await app.session.waitForText('[data-testid="progress"]', /3 of \d+ questions answered/);
  await app.session.waitForText('[data-testid="save-state"]', /All changes saved ·/);

  // The window still holds the file; the CLI reads it read-only.
  const exported = JSON.parse(cli(["project", "export-json", project]));
  const answers = Object.fromEntries(exported.assessments[0].answers.map((a) => [a.question_id, a.value]));
  assert.equal(answers.ai_system, "yes");
  assert.equal(answers.gpai_model, "no");
  assert.deepEqual(answers.eu_nexus, ["deployer_in_eu"]);
  const locked = (() => {
    try {
      cli(["project", "answer", project, "ai_system", "no"]);
      return "";
    } catch (e) {
      return String(e.stderr);
    }
  })();
  assert.match(locked, /already open in another Assay window or process \(Assay .*process \d+/);

  await app.session.click('[data-testid="tab-audit"]');
  const verification = await app.session.waitForText('[data-testid="verification"]', /Integrity check: ok/);
  assert.match(verification, /intact/);
  assert.match(await app.session.text('[data-testid="audit-table"]'), /Answer saved/);
  await writeFile(join(screenshots, "project-audit.png"), await app.session.screenshot());

  // A signed report exported from the window verifies as the stored
  // identity's and is recorded in the project.
  const reportPath = join(app.driver.home, "window report.pdf");
  await app.session.click('[data-testid="export"]');
  const dialog = await app.session.waitForText('[data-testid="export-dialog"]', /Sign as Ada Assessor \(Zürich Audit AG\)/);
  assert.match(dialog, /Obligation register, plan and worksheets/);
  await app.session.command("POST", `/element/${await app.session.find('[data-testid="export-path"]')}/clear`, {});
  await app.session.type('[data-testid="export-path"]', reportPath);
  await app.session.type('[data-testid="passphrase"]', "e2e passphrase 123");
  await writeFile(join(screenshots, "export-dialog.png"), await app.session.screenshot());
  await app.session.click('[data-testid="export-submit"]');
  const result = await app.session.waitForText('[data-testid="export-result"]', /signed \(certificate/, { timeout: 30000 });
  assert.match(result, /window report\.pdf/);
  const identity = JSON.parse(cli(["identity", "show", "--format", "json"]));
  const check = JSON.parse(cli(["verify", reportPath, "--expect-signer", identity.fingerprint, "--format", "json"]));
  assert.equal(check.outcome, "valid");
  assert.equal(check.pdf.signatures[0].fingerprint, identity.fingerprint);
  const recorded = JSON.parse(cli(["project", "export-json", project]));
  assert.equal(recorded.reports.length, 1);
  assert.equal(recorded.reports[0].file_name, "window report.pdf");
  assert.equal(recorded.reports[0].signer_fingerprint, identity.fingerprint);
  await app.session.click('[data-testid="export-dialog"] button.primary');
  await app.session.click('[data-testid="close-project"]');
});

test("a read-only file opens with a banner and refuses changes", async () => {
  await app.session.waitForText('[data-testid="recent-projects"]', /Archive — Old ranker/);
  await app.session.click('[data-testid="recent-projects"] button[data-name^="Archive"]');
  const banner = await app.session.waitForText('[data-testid="read-only-banner"]', /Opened read-only: the file is read-only/);
  assert.match(banner, /Save as/);
  assert.match(await app.session.text('[data-testid="save-state"]'), /Read-only/);
  // An attempt to answer changes nothing, on screen or in the file.
  await app.session.click('[data-testid="tab-eu-ai-act"]');
  await app.session.click('[data-testid="next"]');
  await app.session.find('[data-question="ai_system"]');
  await app.session.click('[data-testid="answer-yes"]');
  assert.match(await app.session.text('[data-testid="save-state"]'), /Read-only/);
  const stored = JSON.parse(cli(["project", "export-json", readOnlyProject]));
  assert.equal(stored.assessments[0].answers.length, 0);
  await writeFile(join(screenshots, "project-read-only.png"), await app.session.screenshot());
});
