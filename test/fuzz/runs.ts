/**
 * Long runs of numbered parts (`k0,k1,…`, `Filter.1.Name=…&Filter.2.Name=…`), the bodies
 * of the cases that send tens of thousands of them. Each run is built once, at the largest
 * count a case may draw, and a case takes its first n parts: the same text as joining n
 * parts anew, without building (and collecting) hundreds of kilobytes per case.
 */
export function numberedRun(
  part: (i: number) => string,
  separator: string,
  max: number,
): (n: number) => string {
  let text: string | undefined;
  // ends[n]: where the first n parts end in text.
  let ends: Int32Array | undefined;
  return (n) => {
    if (!Number.isInteger(n) || n < 0 || n > max) throw new RangeError(`${n} parts of ${max}`);
    if (text === undefined || ends === undefined) {
      const parts = Array.from({ length: max }, (_, i) => part(i));
      ends = new Int32Array(max + 1);
      let at = 0;
      parts.forEach((p, i) => {
        at += (i === 0 ? 0 : separator.length) + p.length;
        ends![i + 1] = at;
      });
      text = parts.join(separator);
    }
    return text.slice(0, ends[n]);
  };
}
