/**
 * Quantiles read from fixed-width histograms (the reports' wait and service times). Pure; shared
 * by the centre's reports and the province hub's, so that both read the same p90 from the same
 * histogram.
 */

/**
 * The q-quantile (nearest rank) read from a histogram, interpolated inside its bucket; in ms.
 * The overflow bucket answers its lower edge (the report says "3 h or more").
 */
export function quantileMs(h: Uint32Array, q: number, width: number): number | null {
  let total = 0;
  for (const c of h) total += c;
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (let i = 0; i < h.length; i++) {
    const c = h[i]!;
    if (c === 0) continue;
    if (seen + c >= rank) {
      if (i === h.length - 1) return i * width;
      // The rank-th value lies in this bucket; place it as if the bucket's values were spread evenly.
      return (i + (rank - seen - 0.5) / c) * width;
    }
    seen += c;
  }
  return (h.length - 1) * width;
}


/**
 * When every value lies in one bucket, their exact mean (sum / count) lies there too: spread the
 * values evenly around it rather than around the bucket's middle, so one ticket's p90 is its own
 * time and a p90 never reads below an average drawn from the same bucket.
 */
export function quantileAroundMeanMs(h: Uint32Array, q: number, width: number, n: number, sumMs: number): number | null {
  let only = -1;
  for (let i = 0; i < h.length; i++) {
    if (h[i] === 0) continue;
    if (only !== -1) return quantileMs(h, q, width);
    only = i;
  }
  if (only === -1 || n === 0 || only === h.length - 1) return quantileMs(h, q, width);
  const c = h[only]!;
  const rank = Math.max(1, Math.ceil(q * c));
  const estimate = sumMs / n + ((rank - (c + 1) / 2) / c) * width;
  return Math.min(Math.max(estimate, only * width), (only + 1) * width);
}
