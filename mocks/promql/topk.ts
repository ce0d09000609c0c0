/**
 * `topk` and `bottomk`, ported from Prometheus 2.42's `aggregation()`: per group, Go's binary
 * heap (container/heap) with 2.42's ordering, so ties and NaNs select the same elements as
 * Prometheus. Evaluated step by step, since the selected series change from step to step.
 */

import { executionError } from './errors';
import { formatGoFloatV } from './format';
import { groupOf, type Grouping } from './aggregations';
import type { Sample } from './steps';

type Less = (a: number, b: number) => boolean;

// vectorByValueHeap / vectorByReverseValueHeap: NaN sorts first so it is evicted first.
const lessForTopk: Less = (a, b) => Number.isNaN(a) || a < b;
const lessForBottomk: Less = (a, b) => Number.isNaN(a) || a > b;

function swap(heap: Sample[], i: number, j: number): void {
  const a = heap[i] as Sample;
  heap[i] = heap[j] as Sample;
  heap[j] = a;
}

function lessAt(heap: readonly Sample[], less: Less, i: number, j: number): boolean {
  return less((heap[i] as Sample).value, (heap[j] as Sample).value);
}

/** Go's container/heap `up`, `down`, `Push` and `Pop`. */
function heapUp(heap: Sample[], less: Less, start: number): void {
  let j = start;
  for (;;) {
    const i = Math.trunc((j - 1) / 2);
    if (i === j || !lessAt(heap, less, j, i)) break;
    swap(heap, i, j);
    j = i;
  }
}

function heapDown(heap: Sample[], less: Less, start: number, n: number): void {
  let i = start;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= n) break;
    let j = left;
    if (left + 1 < n && lessAt(heap, less, left + 1, left)) j = left + 1;
    if (!lessAt(heap, less, j, i)) break;
    swap(heap, i, j);
    i = j;
  }
}

function heapPush(heap: Sample[], less: Less, sample: Sample): void {
  heap.push(sample);
  heapUp(heap, less, heap.length - 1);
}

function heapPop(heap: Sample[], less: Less): void {
  const n = heap.length - 1;
  swap(heap, 0, n);
  heapDown(heap, less, 0, n);
  heap.pop();
}

function offer(heap: Sample[], sample: Sample, k: number, less: Less): void {
  const top = heap[0];
  if (top === undefined) return;
  if (heap.length < k || less(top.value, sample.value) || Number.isNaN(top.value)) {
    if (heap.length === k) {
      if (k === 1) {
        heap[0] = sample;
        return;
      }
      heapPop(heap, less);
    }
    heapPush(heap, less, sample);
  }
}

/** Go's `convertibleToInt64` then truncation, for the `k` parameter. */
function countParameter(param: number): number {
  if (!(param <= 9.223372036854776e18 && param >= -9.223372036854776e18)) {
    throw executionError(`Scalar value ${formatGoFloatV(param)} overflows int64`);
  }
  return Math.trunc(param);
}

/** Ascending by value, NaN first; only the order of an instant query's output depends on it. */
function byValue(a: Sample, b: Sample): number {
  if (Number.isNaN(a.value)) return Number.isNaN(b.value) ? 0 : -1;
  if (Number.isNaN(b.value)) return 1;
  return a.value - b.value;
}

/** `topk(k, …)` or `bottomk(k, …)` at one step; the selected elements keep all their labels. */
export function selectK(
  op: 'topk' | 'bottomk',
  samples: readonly Sample[],
  grouping: Grouping,
  param: number,
): Sample[] {
  const k = countParameter(param);
  if (k < 1) return [];
  const less = op === 'topk' ? lessForTopk : lessForBottomk;
  const heaps = new Map<string, Sample[]>();
  for (const sample of samples) {
    const { key } = groupOf(grouping, sample.labels);
    const heap = heaps.get(key);
    if (heap === undefined) heaps.set(key, [sample]);
    else offer(heap, sample, k, less);
  }
  const out: Sample[] = [];
  for (const heap of heaps.values()) {
    const sorted = [...heap].sort(byValue);
    out.push(...(op === 'topk' ? sorted.reverse() : sorted));
  }
  return out;
}
