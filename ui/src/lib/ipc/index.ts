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
  Verification,
  IdentityInfo,
  PdfVerification,
  ReportExport,
} from "./bindings";

export type * from "./bindings";

interface Commands {
  app_info: { args: Record<string, never>; result: AppInfo };
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
  project_interview: { args: { assessmentId: string }; result: InterviewState };
  project_answer: {
    args: { assessmentId: string; questionId: string; value: unknown; note: string; provenance: Provenance };
    result: SaveResult;
  };
  project_audit: { args: Record<string, never>; result: AuditEntry[] };
  project_verify: { args: Record<string, never>; result: Verification };
  project_reassess: { args: { assessmentId: string }; result: Reassessment };
  project_accept_verdict: { args: { assessmentId: string }; result: Reassessment };
  evidence_add: {
    args: { path: string; link: [string, string] | null; progress: Channel<number> };
    result: EvidenceInfo;
  };
  evidence_extract: { args: { id: string; folder: string }; result: string };
  report_export: { args: { path: string; sections: string[]; signing: SigningRequest }; result: ReportExport };
  verify_pdf: { args: { path: string }; result: PdfVerification };
  identity_show: { args: Record<string, never>; result: IdentityInfo };
  identity_new: { args: { name: string; organisation: string; email: string; passphrase: string }; result: IdentityInfo };
}

/** How an export is signed; mirrors `SigningRequest` in src-tauri. */
export type SigningRequest = { kind: "unsigned" } | { kind: "demo" } | { kind: "stored"; passphrase: string };

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
