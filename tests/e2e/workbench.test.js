// End to end: the workbench a consultant lives in. Recent projects first,
// a project's overview, the obligation register edited at full width, the
// finished-interview state, and a whole interview (the system card) and a
// report export walked with the keyboard alone. axe-core checks each
// screen for serious and critical WCAG 2.1 AA problems.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { accessibilityProblems, repo, screenshots, useApp } from "./driver.js";

const assay = join(repo, "target/debug/assay");
const TAB = "\uE004";
const ENTER = "\uE007";
const ALT_RIGHT = "\uE00A\uE014\uE000";
// Shift+Home from the end of a one-line field selects what is in it.
const SELECT_FIELD = "\uE010\uE008\uE011\uE000";
let project;
let evidenceId;

function cli(args) {
  const env = { ...process.env, ASSAY_HOME: app.driver.home };
  return execFileSync(assay, args, { encoding: "utf8", env });
}

const app = useApp(async (driver) => {
  project = join(driver.home, "Łódź Logistics.assay");
  const env = { ...process.env, ASSAY_HOME: driver.home };
  execFileSync(assay, ["project", "new", project, "--template", "resume-screener", "--client", "Łódź Logistics", "--system", "CV ranker", "--assessor", "Ada"], { env });
  execFileSync(assay, ["project", "import-answers", project, join(repo, "assets/questionnaires/samples/eu-ai-act-cv-screener-deployer.json")], { env });
  // One file of evidence, not yet linked to anything; the register links it.
  const roster = join(driver.home, "vendor instructions.txt");
  writeFileSync(roster, "The vendor's instructions for use, version 3.");
  evidenceId = JSON.parse(execFileSync(assay, ["evidence", "add", project, roster, "--format", "json"], { env, encoding: "utf8" })).id;
});

async function checkAccessibility(screen) {
  const problems = await accessibilityProblems(app.session);
  assert.deepEqual(problems, [], `${screen}: serious or critical accessibility problems`);
  console.log(`axe-core on ${screen}: no serious or critical violations`);
}

/** Presses Tab until `selector` has the focus; only the keyboard moves it. */
async function tabTo(selector, limit = 80) {
  for (let i = 0; i < limit; i++) {
    const there = await app.session.execute(`return document.activeElement?.matches(arguments[0]) ?? false;`, [selector]);
    if (there) return;
    await app.session.keys(TAB);
  }
  throw new Error(`Tab never reached ${selector}`);
}

test("the start screen leads with recent projects and where each stands", async () => {
  const recent = await app.session.waitForText('[data-testid="recent-projects"]', /Łódź Logistics — CV ranker/);
  assert.match(recent, /High-risk AI system/);
  assert.match(recent, /\d+ of \d+ questions answered/);
  await checkAccessibility("start screen");
  await writeFile(join(screenshots, "start-recent.png"), await app.session.screenshot());
  await app.session.click('[data-testid="about"]');
  await app.session.waitForText('[data-testid="about-dialog"]', /Content hash/);
  await checkAccessibility("about dialog");
  await app.session.click('[data-testid="about-close"]');
});

test("a project opens on its overview: conclusion, deadlines, evidence, audit", async () => {
  await app.session.click('[data-testid="recent-projects"] button[data-name^="Łódź"]');
  const card = await app.session.waitForText('[data-questionnaire="eu-ai-act"] [data-testid="conclusion"]', /High-risk AI system/, { timeout: 30000 });
  assert.match(card, /final/);
  assert.match(await app.session.text('[data-testid="deadlines"]'), /2 December 2027: \d+ duties start to apply/);
  assert.match(await app.session.text('[data-testid="evidence-count"]'), /1 file, 1 not linked to any question or provision/);
  await app.session.click('[data-testid="overview-verify-button"]');
  await app.session.waitForText('[data-testid="overview-verify"]', /Verified/);
  await checkAccessibility("project overview");
  await writeFile(join(screenshots, "project-overview.png"), await app.session.screenshot());
});

test("the obligation register is edited at full width and saved to the file", async () => {
  await app.session.click('[data-testid="tab-register"]');
  await app.session.waitForText('[data-testid="register-table"]', /Art\. 26\(1\)/);
  const duties = JSON.parse(cli(["register", "list", project, "--format", "json"]));
  const duty = duties.find((d) => d.article === "Art. 26(1)");
  assert.ok(duty, "the CLI lists the same duty");
  const id = duty.entry.item_id;
  await app.session.click(`[data-testid="status-${id}"] option[value="in_progress"]`);
  await app.session.waitForText('[data-testid="save-state"]', /All changes saved ·/);
  await app.session.type(`[data-testid="owner-${id}"]`, "Maria Nowak");
  await app.session.keys(TAB);
  await app.session.waitForText('[data-testid="save-state"]', /All changes saved ·/);
  const saved = JSON.parse(cli(["register", "list", project, "--format", "json"])).find((d) => d.entry.item_id === id);
  assert.equal(saved.entry.status, "in_progress");
  assert.equal(saved.entry.owner, "Maria Nowak");
  // Link the evidence to this duty's provision from its line.
  await app.session.click(`[data-testid="link-evidence-${id}"] option[value="${evidenceId}"]`);
  await app.session.waitForText(`[data-testid="evidence-${id}"]`, /vendor instructions\.txt/);
  const linked = JSON.parse(cli(["register", "list", project, "--format", "json"])).find((d) => d.entry.item_id === id);
  assert.deepEqual(linked.evidence, [{ id: evidenceId, file_name: "vendor instructions.txt" }]);
  await checkAccessibility("obligation register");
  await writeFile(join(screenshots, "register-editing.png"), await app.session.screenshot());
});

test("a finished interview says what was concluded and what comes next", async () => {
  await app.session.click('[data-testid="tab-eu-ai-act"]');
  await app.session.find('[data-testid="question"]');
  // Through to the last question, then Finish.
  for (let i = 0; i < 80; i++) {
    const finish = await app.session.execute(`return !!document.querySelector('[data-testid="finish"]');`);
    if (finish) break;
    await app.session.click('[data-testid="next"]');
  }
  await app.session.click('[data-testid="finish"]');
  const done = await app.session.waitForText('[data-testid="interview-done"]', /End of the interview/);
  assert.match(done, /High-risk AI system — final/);
  assert.match(done, /\d+ questions? not answered/);
  assert.match(done, /Track the obligations/);
  await checkAccessibility("finished interview");
  await writeFile(join(screenshots, "interview-finished.png"), await app.session.screenshot());
});

test("a whole interview and a report export, by keyboard alone", async () => {
  await app.session.click('[data-testid="tab-overview"]');
  await app.session.find('[data-testid="add-card"]');
  await app.session.execute("document.activeElement?.blur();");
  await tabTo('[data-testid="add-card"]');
  await app.session.keys(ENTER);
  await app.session.waitForText('[data-testid="progress"]', /0 of 11 questions answered/, { timeout: 30000 });
  await tabTo('[data-testid="answer-text"]');

  // Text questions: type, then Alt+→; record lists: Tab to "None", Enter.
  const steps = [
    ["text", "Ranks applications for each vacancy so that recruiters read the most relevant first."],
    ["text", "Not for promotion, pay or dismissal decisions."],
    ["text", "Six recruiters in the HR team."],
    ["text", "Job applicants in Poland and Germany."],
    ["none"],
    ["none"],
    ["none"],
    ["none"],
    ["text", "Ranks CVs in Polish, German and English only."],
    ["text", "Invitation rates by gender are checked each quarter."],
    ["text", "A recruiter reviews every shortlist and can set the ranking aside."],
  ];
  for (const [i, [kind, text]] of steps.entries()) {
    if (kind === "text") {
      await app.session.keys(text);
      await app.session.keys(TAB);
    } else {
      await tabTo('[data-testid="record-none"]');
      await app.session.keys(ENTER);
      await app.session.find('[data-testid="record-list-none"]');
    }
    await app.session.waitForText('[data-testid="progress"]', new RegExp(`${i + 1} of 11 questions answered`));
    await app.session.keys(ALT_RIGHT);
  }
  const done = await app.session.waitForText('[data-testid="interview-done"]', /Interview complete/);
  assert.match(done, /All facts recorded/);

  const reportPath = join(app.driver.home, "keyboard report.pdf");
  await tabTo('[data-testid="done-export"]');
  await app.session.keys(ENTER);
  await app.session.waitForText('[data-testid="export-dialog"]', /Do not sign/);
  assert.equal(await app.session.execute(`return document.activeElement?.dataset.testid ?? "";`), "export-path");
  await app.session.keys(SELECT_FIELD);
  await app.session.keys(reportPath);
  assert.equal(await app.session.execute(`return document.activeElement.value;`), reportPath);
  await app.session.keys(ENTER);
  await app.session.waitForText('[data-testid="export-result"]', /keyboard report\.pdf.*unsigned/, { timeout: 30000 });
  const text = execFileSync("pdftotext", [reportPath, "-"], { encoding: "utf8" });
  assert.match(text, /System card/);
  assert.match(text, /Ranks CVs in Polish, German and English only\./);
  assert.match(text, /The system uses no machine-learning model of its own\./);
  await checkAccessibility("export dialog");
});
