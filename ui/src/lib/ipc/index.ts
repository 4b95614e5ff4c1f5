// The one way the UI talks to Rust. Every command is listed with its argument
// and result types (the result types are generated from Rust into
// bindings.ts), and every failure arrives as an IpcError whose `code` the UI
// can switch on.
import { Channel, invoke } from "@tauri-apps/api/core";
import type {
  AppInfo,
  CrosswalkLink,
  ErrorCode,
  FrameworkTree,
  InterviewState,
  ItemDetail,
  KbSummary,
  QuestionnaireDto,
  QuestionnaireSummary,
  Sample,
  SearchHitDto,
  AuditEntry,
  EvidenceInfo,
  NewProject,
  ProjectSummary,
  Provenance,
  Reassessment,
  SaveResult,
  Template,
  ProjectCheck,
  IdentityInfo,
  PdfVerification,
  ReportExport,
  ExportRequest,
  InteropRequest,
  InteropExport,
  EvidenceLink,
  ReportCheck,
  Seal,
  Signing,
  TrustedSigner,
  Risk,
  RiskInput,
  RegisterEntry,
  RegisterLine,
  Engagement,
  ScenarioSummary,
  ScenarioPrompt,
  GradedAttempt,
  Attempt,
} from "./bindings";

export type * from "./bindings";

interface Commands {
  app_info: { args: Record<string, never>; result: AppInfo };
  startup_notice: { args: Record<string, never>; result: string | null };
  kb_summary: { args: Record<string, never>; result: KbSummary };
  kb_tree: { args: { framework: string }; result: FrameworkTree };
  kb_item: { args: { id: string }; result: ItemDetail };
  kb_search: { args: { query: string; limit: number }; result: SearchHitDto[] };
  kb_map: { args: { id: string }; result: CrosswalkLink[] };
  questionnaires: { args: Record<string, never>; result: QuestionnaireSummary[] };
  questionnaire: { args: { id: string }; result: QuestionnaireDto };
  interview: { args: { id: string; answers: Answers }; result: InterviewState };
  samples: { args: { id: string }; result: Sample[] };
  templates: { args: Record<string, never>; result: Template[] };
  project_new: { args: { request: NewProject }; result: ProjectSummary };
  project_open: { args: { path: string; readOnly: boolean }; result: ProjectSummary };
  project_close: { args: Record<string, never>; result: null };
  project_save_as: { args: { path: string }; result: ProjectSummary };
  project_summary: { args: Record<string, never>; result: ProjectSummary };
  project_update_engagement: { args: { engagement: Engagement }; result: ProjectSummary };
  project_interview: { args: { assessmentId: string }; result: InterviewState };
  project_answer: {
    args: { assessmentId: string; questionId: string; value: unknown; note: string; provenance: Provenance };
    result: SaveResult;
  };
  project_audit: { args: Record<string, never>; result: AuditEntry[] };
  project_verify: { args: Record<string, never>; result: ProjectCheck };
  project_seal: { args: { signing: Signing }; result: Seal };
  project_reassess: { args: { assessmentId: string }; result: Reassessment };
  project_accept_verdict: { args: { assessmentId: string }; result: Reassessment };
  evidence_add: {
    args: { path: string; links: EvidenceLink[]; kind: string; collectedOn: string | null; progress: Channel<number> };
    result: EvidenceInfo;
  };
  evidence_extract: { args: { id: string; folder: string; force: boolean }; result: string };
  evidence_link: { args: { id: string; links: EvidenceLink[] }; result: EvidenceInfo };
  risks: { args: Record<string, never>; result: Risk[] };
  risk_add: { args: { input: RiskInput }; result: Risk };
  risk_update: { args: { id: string; input: RiskInput }; result: Risk };
  risk_remove: { args: { id: string }; result: null };
  register: { args: { assessmentId: string }; result: RegisterLine[] };
  register_set: { args: { entry: RegisterEntry }; result: RegisterEntry };
  report_export: { args: { request: ExportRequest }; result: ReportExport };
  interop_export: { args: { request: InteropRequest }; result: InteropExport };
  project_add_assessment: { args: { questionnaire: string }; result: ProjectSummary };
  verify_pdf: { args: { path: string }; result: PdfVerification };
  verify_report: { args: { path: string; expect: string | null; reassess: boolean }; result: ReportCheck };
  identity_show: { args: Record<string, never>; result: IdentityInfo };
  identity_new: { args: { name: string; organisation: string; email: string; passphrase: string }; result: IdentityInfo };
  identity_unlock: { args: { passphrase: string }; result: IdentityInfo };
  identity_lock: { args: Record<string, never>; result: null };
  identity_unlocked: { args: Record<string, never>; result: boolean };
  practice_list: { args: Record<string, never>; result: ScenarioSummary[] };
  practice_scenario: { args: { id: string }; result: ScenarioPrompt };
  practice_grade: { args: { id: string; answer: string; seconds: number }; result: GradedAttempt };
  practice_history: { args: Record<string, never>; result: Attempt[] };
  trust_list: { args: Record<string, never>; result: TrustedSigner[] };
  trust_add: { args: { signer: string; name: string }; result: TrustedSigner };
  trust_remove: { args: { fingerprint: string }; result: null };
}

export { Channel };

/** Question ID to answer: "yes", ["a", "b"], "free text", 3. */
export type Answers = Record<string, unknown>;

export type Command = keyof Commands;

/** A failed command, with the machine-readable code from Rust. */
export class IpcError extends Error {
  readonly code: ErrorCode | "ipc";

  constructor(code: ErrorCode | "ipc", message: string) {
    super(message);
    this.name = "IpcError";
    this.code = code;
  }
}

function toIpcError(raw: unknown): IpcError {
  if (typeof raw === "object" && raw !== null && "code" in raw && "message" in raw) {
    const { code, message } = raw as { code: ErrorCode; message: string };
    return new IpcError(code, message);
  }
  // Tauri itself rejects with a string when a command is missing or denied.
  return new IpcError("ipc", String(raw));
}

export async function call<C extends Command>(
  command: C,
  args: Commands[C]["args"],
): Promise<Commands[C]["result"]> {
  try {
    return await invoke<Commands[C]["result"]>(command, args);
  } catch (raw) {
    throw toIpcError(raw);
  }
}
