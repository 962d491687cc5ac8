// The fault suite's clock: timers (the client's timeouts and backoff waits, the server's cut, the
// hang guard) run on vitest's fake timers, and the clock moves 1 ms per turn of the event loop. The
// client and the server share this loop, and bytes written to a loopback socket are readable at the
// next poll, so a healthy exchange takes a handful of turns however busy the machine is, while a
// stall waits its whole timeout. A timeout of a few thousand "ms" is then a margin that scheduling
// cannot cross: every call ends by the fault it was given, not by a race with the wall clock.
import { vi } from "vitest";

// Taken before the timers are faked: the real one turns the loop.
const nextTurn = globalThis.setImmediate;

/** Fakes setTimeout and clearTimeout and moves them 1 ms per loop turn until `stop` is called. */
export function startLoopClock(): { stop(): void } {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
  let running = true;
  const turn = () => {
    if (!running) return;
    vi.advanceTimersByTime(1);
    nextTurn(turn);
  };
  nextTurn(turn);
  return {
    stop() {
      running = false;
      vi.useRealTimers();
    },
  };
}
