// Where an interview's answers live: in memory (practice mode) or in the
// open project file, saved after every answer.
import { call, type Answers, type InterviewState, type Sample } from "../lib/ipc";

export interface InterviewSource {
  readonly questionnaireId: string;
  readonly readOnly: boolean;
  load(): Promise<InterviewState>;
  /** Sets (or, with `undefined`, clears) one answer and returns the new state. */
  answer(questionId: string, value: unknown, note: string): Promise<InterviewState>;
  samples(): Promise<Sample[]>;
  loadSample?(sample: Sample): Promise<InterviewState>;
}

/** Answers held in the window only: for practice, nothing is saved. */
export function practiceSource(questionnaireId: string): InterviewSource {
  let answers: Answers = {};
  const evaluate = async (next: Answers) => {
    const state = await call("interview", { id: questionnaireId, answers: next });
    answers = state.answers as Answers;
    return state;
  };
  return {
    questionnaireId,
    readOnly: false,
    load: () => evaluate(answers),
    answer: (questionId, value) => {
      const next = { ...answers };
      if (value === undefined) delete next[questionId];
      else next[questionId] = value;
      return evaluate(next);
    },
    samples: () => call("samples", { id: questionnaireId }),
    loadSample: (sample) => evaluate(sample.answers as Answers),
  };
}

/** Answers in the open project: each one is a durable transaction. */
export function projectSource(
  questionnaireId: string,
  assessmentId: string,
  readOnly: boolean,
  onSaved: (at: string) => void,
): InterviewSource {
  return {
    questionnaireId,
    readOnly,
    load: () => call("project_interview", { assessmentId }),
    answer: async (questionId, value, note) => {
      const result = await call("project_answer", {
        assessmentId,
        questionId,
        value: value === undefined ? null : value,
        note,
        provenance: "client_asserted",
      });
      onSaved(result.saved_at);
      return result.state;
    },
    samples: async () => [],
  };
}
