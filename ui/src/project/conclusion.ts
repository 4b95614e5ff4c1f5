// What an interview concluded, in one line a consultant reads at a glance,
// for the project overview and the finished-interview panel.
import type { InterviewState } from "../lib/ipc";
import { CLASS_LABEL } from "../interview/labels";

/** A short name for each interview. */
export const INTERVIEW_NAME: Record<string, string> = {
  "eu-ai-act": "EU AI Act classification",
  "ai-rmf": "Risk-management profile (NIST AI RMF)",
  soc2: "SOC 2 Type II readiness",
  "system-card": "System card",
};

export function interviewName(questionnaire: string, fallback: string): string {
  return INTERVIEW_NAME[questionnaire] ?? fallback;
}

export interface Conclusion {
  /** The headline: a class, a readiness figure, a count of risks. */
  headline: string;
  /** Final, provisional, or nothing to conclude yet. */
  status: "final" | "provisional" | "none";
  /** What is still open, in words. */
  open: string[];
}

export function conclusion(state: InterviewState): Conclusion {
  const unanswered = state.progress.asked.length - state.progress.answered;
  const open = unanswered > 0 ? [`${unanswered} question${unanswered === 1 ? "" : "s"} not answered`] : [];
  if (state.verdict) {
    const v = state.verdict;
    return {
      headline: CLASS_LABEL[v.risk_class],
      status: v.status === "final" ? "final" : "provisional",
      open: v.open_questions.length
        ? [`${v.open_questions.length} open question${v.open_questions.length === 1 ? "" : "s"} could change the verdict`]
        : open,
    };
  }
  if (state.profile) {
    const above = state.profile.risks.filter((r) => r.above_appetite).length;
    return {
      headline: `${state.profile.risks.length} risks scored, ${above} above appetite`,
      status: unanswered ? "provisional" : "final",
      open,
    };
  }
  if (state.readiness) {
    return {
      headline: `Type II readiness ${Math.round(state.readiness.overall.type2_percent)} %, ${state.readiness.gaps.length} gaps`,
      status: unanswered ? "provisional" : "final",
      open,
    };
  }
  return {
    headline: unanswered ? `${state.progress.answered} of ${state.progress.asked.length} facts recorded` : "All facts recorded",
    status: "none",
    open,
  };
}
