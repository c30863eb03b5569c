/**
 * The wait estimate shown on the kiosk and the ticket: people ahead × the learned average service
 * time, shared by the open counters that serve the service.
 */
export interface WaitEstimateInput {
  peopleAhead: number;
  avgServiceSec: number;
  /** Open (not paused, not closed) counters serving the service. */
  openCounters: number;
}

/** Estimated minutes until the ticket is called; null when no counter serves the service now. */
export function estimateWaitMinutes(input: WaitEstimateInput): number | null {
  if (input.openCounters <= 0) return null;
  const seconds = (input.peopleAhead * input.avgServiceSec) / input.openCounters;
  return Math.ceil(seconds / 60);
}

/** The moving average that learns a service's average service time from each finished ticket. */
export function learnServiceTime(previousAvgSec: number, sampleSec: number): number {
  // Ignore absurd samples: a ticket left open over lunch must not teach "90 minutes".
  const sample = Math.min(Math.max(sampleSec, 15), 60 * 60);
  const next = previousAvgSec * 0.85 + sample * 0.15;
  return Math.round(next * 10) / 10;
}
