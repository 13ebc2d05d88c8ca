import type { MessageType, MultiEvent, MultiWorld, NodeId, SimEvent, World } from '../core';

// Guided lessons (issue 6): the data a lesson is made of. A lesson is a narrated walk through one
// scenario on the live simulation: each step names how many of the scenario's steps have happened
// (`at`), so showing a step is a seek in that run (Back is time travel), and the student can still
// press Step, Play, drop or crash anything at any moment. Every lesson ends with a challenge the
// app checks against the run on screen.

/** A scenario as plain data (the scenario format of docs/scenario-format.md); validated when opened. */
export type ScenarioData = Readonly<Record<string, unknown>>;

/** What a lesson step draws attention to: rings around these nodes, these messages emphasised. */
export interface Focus {
  readonly nodes?: readonly NodeId[];
  /** In-flight messages of these types (a Multi-Paxos lesson uses its own type names). */
  readonly messages?: readonly (MessageType | string)[];
}

export interface LessonStep {
  /** A short heading ("A majority promises"). */
  readonly title: string;
  /** The narration: one string per paragraph, plain text (never HTML). */
  readonly text: readonly string[];
  /**
   * How many of the lesson scenario's steps have been carried out when this step is shown: 0 is
   * the starting world, `scenario.steps.length` its end. Never decreases from one step to the next.
   */
  readonly at: number;
  readonly focus?: Focus;
}

/** What a challenge's check sees: the run on screen (the world in view and the events up to it). */
export interface ChallengeView {
  /** The basic-Paxos world in view (null in a Multi-Paxos run). */
  readonly world: World | null;
  /** The Multi-Paxos world in view (null in a basic run). */
  readonly multi: MultiWorld | null;
  /** Events up to the view, oldest first (basic runs). */
  readonly events: readonly SimEvent[];
  /** Events up to the view, oldest first (Multi-Paxos runs). */
  readonly multiEvents: readonly MultiEvent[];
}

/** The verdict of a check: done, or not yet with a sentence saying what is still missing. */
export type CheckResult = { readonly done: true } | { readonly done: false; readonly missing: string };

export interface Challenge {
  /** The task in one imperative sentence ("Make a read fail."). */
  readonly task: string;
  /** How to go about it: which controls to use. Plain text paragraphs. */
  readonly text: readonly string[];
  /** Shown after the first failed check. */
  readonly hint: string;
  /** The run the challenge starts from (opened at its end). */
  readonly setup: ScenarioData;
  /** Pure: is the task done in this run? */
  check(view: ChallengeView): CheckResult;
  /** Shown once it is done: why it worked, what it teaches. */
  readonly success: string;
  /**
   * Scenario steps that, appended to `setup.steps`, solve the challenge: proves it can be solved
   * (a test checks `check` is not done at the setup and done after these), and backs "Show me".
   */
  readonly solution: readonly Readonly<Record<string, unknown>>[];
}

export interface Lesson {
  /** 1…8, the order the lessons are taken in; also the URL's `lesson=` value. */
  readonly number: number;
  /** A stable slug ("phase-1"). */
  readonly id: string;
  readonly title: string;
  /** One line for the lesson menu. */
  readonly summary: string;
  /** The scenario the steps walk through (manual network mode, so nothing moves by itself). */
  readonly scenario: ScenarioData;
  readonly steps: readonly LessonStep[];
  readonly challenge: Challenge;
}
