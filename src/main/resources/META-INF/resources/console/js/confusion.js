// The verdicts the model's scores would get under a pair of thresholds, against the verdicts the human MOS gets
// under the same pair: what moving a threshold does to a labelled set.

export const VERDICTS = ['reject', 'review', 'accept'];

export function verdictFor(mos, rejectBelow, acceptFrom) {
  if (mos < rejectBelow) return 'reject';
  return mos < acceptFrom ? 'review' : 'accept';
}

/** counts[human][model] over the rows ({mos, predicted}), and the share on the diagonal. */
export function confusion(rows, rejectBelow, acceptFrom) {
  const counts = Object.fromEntries(VERDICTS.map((h) => [h, Object.fromEntries(VERDICTS.map((m) => [m, 0]))]));
  let agree = 0;
  for (const row of rows) {
    const human = verdictFor(row.mos, rejectBelow, acceptFrom);
    const model = verdictFor(row.predicted, rejectBelow, acceptFrom);
    counts[human][model] += 1;
    if (human === model) agree += 1;
  }
  return {counts, agreement: rows.length ? agree / rows.length : null};
}
