import { describe, expect, it } from 'vitest';
import { series, store, valueAt, vectorAt } from '../support/promql-test-series';

const data = store(
  series({ __name__: 'depth', service: 'api', queue: 'a' }, [[0, 4]]),
  series({ __name__: 'depth', service: 'api', queue: 'b' }, [[0, 8]]),
  series({ __name__: 'depth', service: 'web', queue: 'a' }, [[0, 3]]),
  series({ __name__: 'depth', service: 'web', queue: 'c' }, [[0, NaN]]),
);

describe('aggregations', () => {
  it('sum, avg, max, min and count over everything', () => {
    expect(valueAt('sum(depth{queue!="c"})', data, 0)).toBe(15);
    expect(valueAt('avg(depth{queue!="c"})', data, 0)).toBe(5);
    expect(valueAt('max(depth)', data, 0)).toBe(8);
    expect(valueAt('min(depth)', data, 0)).toBe(3);
    expect(valueAt('count(depth)', data, 0)).toBe(4);
  });

  it('group by the listed labels', () => {
    expect(vectorAt('sum by (service) (depth{queue!="c"})', data, 0)).toEqual({
      '{service="api"}': 12,
      '{service="web"}': 3,
    });
    expect(vectorAt('max(depth) by (queue)', data, 0)).toEqual({
      '{queue="a"}': 4,
      '{queue="b"}': 8,
      '{queue="c"}': NaN,
    });
  });

  it('group by all labels but the listed ones and the name with without', () => {
    expect(vectorAt('count without (queue) (depth)', data, 0)).toEqual({
      '{service="api"}': 2,
      '{service="web"}': 2,
    });
  });

  it('propagate NaN in sum but let a number replace it in max and min', () => {
    expect(valueAt('sum(depth)', data, 0)).toBeNaN();
    expect(vectorAt('min by (service) (depth)', data, 0)).toEqual({
      '{service="api"}': 4,
      '{service="web"}': 3,
    });
  });

  it('topk and bottomk keep whole series per group', () => {
    expect(vectorAt('topk(2, depth{queue!="c"})', data, 0)).toEqual({
      'depth{queue="a", service="api"}': 4,
      'depth{queue="b", service="api"}': 8,
    });
    expect(vectorAt('bottomk by (service) (1, depth{queue!="c"})', data, 0)).toEqual({
      'depth{queue="a", service="api"}': 4,
      'depth{queue="a", service="web"}': 3,
    });
    expect(vectorAt('topk(0, depth)', data, 0)).toEqual({});
  });
});
