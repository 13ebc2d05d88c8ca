import type { Lesson } from './model';

// What the lessons menu and a lesson address need before any lesson is opened: number, title,
// one-line summary and how many steps each has. The lessons themselves (scenarios, narration,
// checks: ~70 KB) load on demand (./load.ts); a test keeps this list equal to them.

export interface LessonEntry {
  readonly number: number;
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  /** Steps a student can be shown: the narrated ones plus the challenge. */
  readonly stepCount: number;
}

export const LESSON_CATALOG: readonly LessonEntry[] = [
  { number: 1, id: 'problem-and-roles', title: "The problem and the roles", stepCount: 9,
    summary: "Why agreeing on one value is hard, and what proposers, acceptors and learners do." },
  { number: 2, id: 'phase-1', title: "Phase 1: prepare, promises and ballot numbers", stepCount: 9,
    summary: "How a proposer reserves a ballot, and what an acceptor's promise forbids." },
  { number: 3, id: 'phase-2', title: "Phase 2: accept, accepted, and what \"chosen\" means", stepCount: 8,
    summary: "A value is chosen the moment a majority accepts it — even before anyone knows." },
  { number: 4, id: 'learning-and-reading', title: "Learning and reading", stepCount: 9,
    summary: "Chosen, learned and read are different: a majority read returns only a chosen value, and can fail." },
  { number: 5, id: 'competing-proposers', title: "Competing proposers", stepCount: 8,
    summary: "Why a proposer must adopt the highest-ballot value its majority reports, even over its own client's value." },
  { number: 6, id: 'failures', title: "Lost messages, crashes and durable state", stepCount: 8,
    summary: "Lost messages only cost time; a crashed acceptor keeps its promise and its vote on disk, and that keeps a chosen value chosen." },
  { number: 7, id: 'liveness', title: "Duelling proposers and liveness", stepCount: 8,
    summary: "Two proposers can preempt each other forever: Paxos stays safe but may never finish, and a leader with random back-off fixes that in practice." },
  { number: 8, id: 'multi-paxos', title: "Multi-Paxos: a leader and a log", stepCount: 9,
    summary: "A leader runs phase 1 once for many slots, pipelines accepts, and a new leader fills gaps with no-ops." },
];

/** The catalogue entry of a loaded lesson (what the test compares). */
export const entryOf = (l: Lesson): LessonEntry => ({
  number: l.number, id: l.id, title: l.title, summary: l.summary, stepCount: l.steps.length + 1,
});
