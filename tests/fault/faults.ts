// The faults the server draws, and what a call that last got one must end with. A draw is a pure
// function of (seed, call id, attempt number at the server): a run reproduces whatever the
// interleaving, and so does the workload's choice of calls.

export const FAULT_RATE = 0.3;

export const FAULTS = [
  "503",
  "429 Retry-After: 0",
  "429 retry-after-ms",
  "reset",
  "stall",
  "body cut",
  "body stall",
] as const;
export type Fault = (typeof FAULTS)[number];

const WEIGHTS: Record<Fault, number> = {
  "503": 0.2,
  "429 Retry-After: 0": 0.12,
  "429 retry-after-ms": 0.12,
  reset: 0.2,
  stall: 0.12,
  "body cut": 0.12,
  "body stall": 0.12,
};

/** What the server did with one attempt: a fault, the operation's 2xx, or 409 for a key it answered 2xx before. */
export type Answer = Fault | "2xx" | "409 replay";

/** The result a call ends with when `answer` was its last: success, or the typed error of the runtime. */
export const outcomeOf: Record<Answer, string> = {
  "2xx": "success",
  "409 replay": "ConflictError",
  "503": "InternalServerError",
  "429 Retry-After: 0": "RateLimitError",
  "429 retry-after-ms": "RateLimitError",
  reset: "APIConnectionError",
  "body cut": "APIConnectionError",
  stall: "APITimeoutError",
  "body stall": "APITimeoutError",
};

/** Every fault is one the runtime retries (a request that is safe to send again). */
export const isFault = (answer: Answer): answer is Fault => answer in WEIGHTS;

export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The fault (or none) for attempt `attempt` of call `id`. */
export function faultFor(seed: number, id: string, attempt: number): Fault | undefined {
  const draw = mulberry32(fnv1a(`${seed}:${id}:${attempt}`));
  if (draw() >= FAULT_RATE) return undefined;
  let pick = draw();
  for (const fault of FAULTS) if ((pick -= WEIGHTS[fault]) < 0) return fault;
  return "body stall";
}
