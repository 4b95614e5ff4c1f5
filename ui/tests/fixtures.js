// Small, realistic IPC responses in the shapes of ui/src/lib/ipc/bindings.ts.
const framework = (id, short_title, counts) => ({
  id,
  title: `${short_title} (full title)`,
  short_title,
  version: "1.0",
  licence: "test licence",
  official_text_shipped: false,
  source_url: "https://example.invalid",
  counts: counts.map(([kind, count]) => ({ kind, count })),
  total_items: counts.reduce((s, [, c]) => s + c, 0),
});

export const frameworks = [
  framework("soc2", "SOC 2 TSC", [["criterion", 61], ["group", 20], ["category", 5]]),
  framework("nist-800-53r5", "NIST SP 800-53 Rev 5", [["control", 324], ["enhancement", 872], ["family", 20]]),
];

export const kbSummary = {
  version: "2026.11.0",
  content_hash: "ab".repeat(32),
  frameworks,
  crosswalks: [
    {
      id: "soc2--nist-800-53r5",
      title: "SOC 2 to NIST SP 800-53 Rev 5",
      from_framework: "soc2",
      to_framework: "nist-800-53r5",
      mappings: 238,
      authorship: "Assay's own mapping.",
    },
  ],
  imported_statements: 0,
};

export const appInfo = { app_version: "9.8.7", kb: kbSummary, recent_projects: [], warnings: [] };

const ref = (id, framework, kind, label, title) => ({ id, framework, kind, label, title });
const cc6 = ref("soc2:CC6", "soc2", "group", "CC6", "Logical and Physical Access Controls");
const cc61 = ref("soc2:CC6.1", "soc2", "criterion", "CC6.1", "Logical access security measures");
const ac2 = ref("nist-800-53r5:AC-2", "nist-800-53r5", "control", "AC-2", "Account Management");

export const soc2Tree = {
  framework: frameworks[0],
  roots: [{ item: ref("soc2:security", "soc2", "category", "Security", "Security"), withdrawn: false, children: [
    { item: cc6, withdrawn: false, children: [{ item: cc61, withdrawn: false, children: [] }] },
  ] }],
};

const detail = (item, extra) => ({
  item,
  framework_title: item.framework,
  summary: null,
  statement: null,
  ancestors: [],
  children: [],
  cites: [],
  cited_by: [],
  crosswalk: [],
  baselines: [],
  withdrawn: false,
  ...extra,
});

export const items = {
  "soc2:CC6.1": detail(cc61, {
    summary: "The entity restricts logical access to its information assets.",
    ancestors: [cc6],
    crosswalk: [{ crosswalk: "soc2--nist-800-53r5", relationship: "related", direction: "outgoing", rationale: "Accounts gate access.", item: ac2 }],
  }),
  "nist-800-53r5:AC-2": detail(ac2, { baselines: ["LOW", "MODERATE", "HIGH"] }),
  "soc2:CC6": detail(cc6, { children: [cc61] }),
  "soc2:security": detail(soc2Tree.roots[0].item, { children: [cc6] }),
};

export const searchHits = [
  { item: cc61, score: 1000 },
  { item: cc6, score: 120 },
];

export const templates = [
  { id: "resume-screener", title: "AI résumé screener: EU AI Act classification (Annex III)", questionnaires: ["eu-ai-act"] },
  { id: "blank", title: "Blank engagement", questionnaires: [] },
];
