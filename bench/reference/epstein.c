/*
 * Epstein (2002) civil violence Model I, rule set `epstein2002` (see EPSTEIN.md), written from
 * the specification as the speed reference for powderkeg's TypeScript model. It is meant to be
 * a fair opponent: flat arrays, a byte per cell for what stands on it, precomputed vision
 * offsets sorted by distance, wrap tables instead of modulo, and no vision scan for citizens
 * whose grievance can never exceed the threshold.
 *
 * Usage: epstein W H STEPS SEED
 * Prints one JSON line: speed (agent-updates per second of wall and of CPU time, one update =
 * one agent's turn, jailed citizens included), the counts and the paper's outburst statistics,
 * so a run can be checked against the TypeScript one.
 */
/* clock_gettime is POSIX, not C99. */
#define _POSIX_C_SOURCE 199309L
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Run 2 of the paper. */
#define CITIZEN_DENSITY 0.7
#define COP_DENSITY 0.04
#define VISION 7.0
#define LEGITIMACY 0.82
#define THRESHOLD 0.1
#define JAIL_MAX 30
/* Released prisoners are placed within this distance (strictly less) of their arrest cell. */
#define RELEASE_RADIUS 16

enum { EMPTY = 0, QUIET = 1, ACTIVE = 2, COP = 3 };
enum { FREE_QUIET = 0, FREE_ACTIVE = 1, JAILED = 2 };

/* ---- xoshiro128** (Blackman & Vigna), seeded through a splitmix32-style mixer ---- */
typedef struct { uint32_t a, b, c, d; } Rng;

static uint32_t mix32(uint32_t x) {
  x += 0x9e3779b9u;
  x = (x ^ (x >> 16)) * 0x85ebca6bu;
  x = (x ^ (x >> 13)) * 0xc2b2ae35u;
  return x ^ (x >> 16);
}

static inline uint32_t rotl(uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }

static void rng_seed(Rng *r, uint32_t seed) {
  uint32_t s = mix32(seed);
  r->a = s = mix32(s);
  r->b = s = mix32(s);
  r->c = s = mix32(s);
  r->d = mix32(s) | 1u;
}

static inline uint32_t rng_next(Rng *r) {
  uint32_t result = rotl(r->b * 5u, 7) * 9u;
  uint32_t t = r->b << 9;
  r->c ^= r->a;
  r->d ^= r->b;
  r->b ^= r->c;
  r->a ^= r->d;
  r->c ^= t;
  r->d = rotl(r->d, 11);
  return result;
}

/* Unbiased integer in [0, n): Lemire's multiply-and-reject, cheaper than a modulo. */
static inline uint32_t rng_below(Rng *r, uint32_t n) {
  uint64_t m = (uint64_t)rng_next(r) * n;
  uint32_t low = (uint32_t)m;
  if (low < n) {
    uint32_t floor = (uint32_t)(-n) % n;
    while (low < floor) {
      m = (uint64_t)rng_next(r) * n;
      low = (uint32_t)m;
    }
  }
  return (uint32_t)(m >> 32);
}

static double rng_unit(Rng *r) {
  uint32_t hi = rng_next(r) >> 5, lo = rng_next(r) >> 6;
  return (hi * 67108864.0 + lo) / 9007199254740992.0;
}

static void shuffle(Rng *r, int32_t *v, int n) {
  for (int i = n - 1; i > 0; i--) {
    int j = (int)rng_below(r, (uint32_t)i + 1u);
    int32_t t = v[i];
    v[i] = v[j];
    v[j] = t;
  }
}

/* Bytes of simulation state, so memory per agent can be set beside the TypeScript model's. */
static size_t allocated;

static void *xcalloc(size_t n, size_t size) {
  void *p = calloc(n, size);
  allocated += n * size;
  if (!p) {
    fprintf(stderr, "epstein: out of memory\n");
    exit(1);
  }
  return p;
}

/* ---- offsets within a radius, sorted by distance, grouped in rings of equal distance ---- */
typedef struct {
  int n;          /* number of offsets */
  int *dx, *dy;
  int *lin;       /* dy * W + dx, valid away from the borders */
  int rings;      /* number of distinct distances */
  int *ring_end;  /* offsets [ring_end[r-1], ring_end[r]) share one distance */
  int reach;      /* max |dx| or |dy| */
} Offsets;

typedef struct { int dx, dy, d2; } Off;

static int cmp_off(const void *pa, const void *pb) {
  const Off *a = pa, *b = pb;
  if (a->d2 != b->d2) return a->d2 - b->d2;
  if (a->dy != b->dy) return a->dy - b->dy;
  return a->dx - b->dx;
}

/* Offsets with d^2 <= max_d2 (include_self: the own cell too). */
static Offsets make_offsets(int max_d2, int include_self, int width) {
  int reach = (int)floor(sqrt((double)max_d2));
  int cap = (2 * reach + 1) * (2 * reach + 1);
  Off *tmp = xcalloc((size_t)cap, sizeof(Off));
  int n = 0;
  for (int dy = -reach; dy <= reach; dy++)
    for (int dx = -reach; dx <= reach; dx++) {
      int d2 = dx * dx + dy * dy;
      if (d2 > max_d2 || (d2 == 0 && !include_self)) continue;
      tmp[n++] = (Off){dx, dy, d2};
    }
  qsort(tmp, (size_t)n, sizeof(Off), cmp_off);
  Offsets o = {n, xcalloc((size_t)n, sizeof(int)), xcalloc((size_t)n, sizeof(int)),
               xcalloc((size_t)n, sizeof(int)), 0, xcalloc((size_t)n, sizeof(int)), reach};
  for (int i = 0; i < n; i++) {
    o.dx[i] = tmp[i].dx;
    o.dy[i] = tmp[i].dy;
    o.lin[i] = tmp[i].dy * width + tmp[i].dx;
    if (i + 1 == n || tmp[i + 1].d2 != tmp[i].d2) o.ring_end[o.rings++] = i + 1;
  }
  free(tmp);
  allocated -= sizeof(Off) * (size_t)cap;
  return o;
}

/* ---- the simulation state ---- */
typedef struct {
  int w, h, cells, pad;   /* pad: widest reach of any offset table */
  int n_cit, n_cop;
  uint8_t *kind;          /* per cell: EMPTY, QUIET, ACTIVE or COP */
  int32_t *occ;           /* per cell: agent on it (citizens 0.., cops n_cit..), -1 if none */
  uint16_t *cx, *cy;      /* per cell: its coordinates, so no division in the hot loop */
  int32_t *col_wrap;      /* x + pad -> x mod W, for x in [-pad, W + pad) */
  int32_t *row_base;      /* y + pad -> (y mod H) * W */
  double *grievance, *risk;
  int32_t *pos;           /* citizen's cell; while jailed, the cell of its arrest */
  int32_t *term;
  uint8_t *state;
  int32_t *cop_pos;
  int32_t *order_cit, *order_cop;
  double p_arrest[256];   /* P(arrest) by floor(C / (A + 1)) */
  Offsets vision, release;
  int32_t *ring_buf;
  int active, jailed;
  Rng rng;
} Sim;

static inline int wrap_cell(const Sim *s, int c, int dx, int dy) {
  return s->row_base[s->cy[c] + dy + s->pad] + s->col_wrap[s->cx[c] + dx + s->pad];
}

static inline int interior(const Sim *s, int c, int reach) {
  int x = s->cx[c], y = s->cy[c];
  return x >= reach && x < s->w - reach && y >= reach && y < s->h - reach;
}

static void sim_init(Sim *s, int w, int h, uint32_t seed) {
  memset(s, 0, sizeof *s);
  s->w = w;
  s->h = h;
  s->cells = w * h;
  rng_seed(&s->rng, seed);
  s->vision = make_offsets((int)floor(VISION * VISION), 0, w);
  /* Distance < R over integer offsets is d^2 <= R^2 - 1; the own cell comes first. */
  s->release = make_offsets(RELEASE_RADIUS * RELEASE_RADIUS - 1, 1, w);
  s->pad = s->release.reach > s->vision.reach ? s->release.reach : s->vision.reach;
  s->ring_buf = xcalloc((size_t)s->release.n, sizeof(int32_t));

  s->kind = xcalloc((size_t)s->cells, 1);
  s->occ = xcalloc((size_t)s->cells, sizeof(int32_t));
  s->cx = xcalloc((size_t)s->cells, sizeof(uint16_t));
  s->cy = xcalloc((size_t)s->cells, sizeof(uint16_t));
  for (int c = 0; c < s->cells; c++) {
    s->occ[c] = -1;
    s->cx[c] = (uint16_t)(c % w);
    s->cy[c] = (uint16_t)(c / w);
  }
  s->col_wrap = xcalloc((size_t)(w + 2 * s->pad), sizeof(int32_t));
  s->row_base = xcalloc((size_t)(h + 2 * s->pad), sizeof(int32_t));
  for (int i = 0; i < w + 2 * s->pad; i++) s->col_wrap[i] = (((i - s->pad) % w) + w) % w;
  for (int i = 0; i < h + 2 * s->pad; i++) s->row_base[i] = ((((i - s->pad) % h) + h) % h) * w;

  double k = -log(0.1);
  for (int q = 0; q < 256; q++) s->p_arrest[q] = 1.0 - exp(-k * q);

  s->n_cit = (int)floor(CITIZEN_DENSITY * s->cells);
  s->n_cop = (int)floor(COP_DENSITY * s->cells);
  s->grievance = xcalloc((size_t)s->n_cit, sizeof(double));
  s->risk = xcalloc((size_t)s->n_cit, sizeof(double));
  s->pos = xcalloc((size_t)s->n_cit, sizeof(int32_t));
  s->term = xcalloc((size_t)s->n_cit, sizeof(int32_t));
  s->state = xcalloc((size_t)s->n_cit, 1);
  s->cop_pos = xcalloc((size_t)s->n_cop + 1, sizeof(int32_t));
  s->order_cit = xcalloc((size_t)s->n_cit, sizeof(int32_t));
  s->order_cop = xcalloc((size_t)s->n_cop + 1, sizeof(int32_t));

  /* Random distinct cells: a shuffled list of all cells, citizens first, then cops. */
  int32_t *cells = xcalloc((size_t)s->cells, sizeof(int32_t));
  for (int c = 0; c < s->cells; c++) cells[c] = c;
  shuffle(&s->rng, cells, s->cells);
  for (int i = 0; i < s->n_cit; i++) {
    double hardship = rng_unit(&s->rng);
    s->risk[i] = rng_unit(&s->rng);
    s->grievance[i] = hardship * (1.0 - LEGITIMACY) * (1.0 - THRESHOLD);
    s->pos[i] = cells[i];
    s->kind[cells[i]] = QUIET;
    s->occ[cells[i]] = i;
    s->order_cit[i] = i;
  }
  for (int j = 0; j < s->n_cop; j++) {
    int c = cells[s->n_cit + j];
    s->cop_pos[j] = c;
    s->kind[c] = COP;
    s->occ[c] = s->n_cit + j;
    s->order_cop[j] = j;
  }
  free(cells);
  allocated -= sizeof(int32_t) * (size_t)s->cells;
}

/* Moves whatever stands on `from` to a random Moore neighbour, if that one is empty. */
static inline int random_step(Sim *s, int from) {
  static const int mdx[8] = {-1, 0, 1, -1, 1, -1, 0, 1};
  static const int mdy[8] = {-1, -1, -1, 0, 0, 1, 1, 1};
  int d = (int)rng_below(&s->rng, 8);
  int to = wrap_cell(s, from, mdx[d], mdy[d]);
  if (s->kind[to] != EMPTY) return from;
  s->kind[to] = s->kind[from];
  s->occ[to] = s->occ[from];
  s->kind[from] = EMPTY;
  s->occ[from] = -1;
  return to;
}

/* Cops and actives within vision, packed as cops << 16 | actives. */
static inline uint32_t count_vision(const Sim *s, int c) {
  static const uint32_t weight[4] = {0, 0, 1, 1u << 16};
  const Offsets *v = &s->vision;
  uint32_t sum = 0;
  if (interior(s, c, v->reach)) {
    const uint8_t *base = s->kind + c;
    for (int k = 0; k < v->n; k++) sum += weight[base[v->lin[k]]];
  } else {
    for (int k = 0; k < v->n; k++) sum += weight[s->kind[wrap_cell(s, c, v->dx[k], v->dy[k])]];
  }
  return sum;
}

static int nearest_free(Sim *s, int c) {
  const Offsets *o = &s->release;
  int start = 0;
  for (int r = 0; r < o->rings; r++) {
    int found = 0;
    for (int k = start; k < o->ring_end[r]; k++) {
      int cell = wrap_cell(s, c, o->dx[k], o->dy[k]);
      if (s->kind[cell] == EMPTY) s->ring_buf[found++] = cell;
    }
    if (found) return s->ring_buf[found == 1 ? 0 : rng_below(&s->rng, (uint32_t)found)];
    start = o->ring_end[r];
  }
  int empty = 0;
  for (int cell = 0; cell < s->cells; cell++) empty += s->kind[cell] == EMPTY;
  int pick = (int)rng_below(&s->rng, (uint32_t)empty);
  for (int cell = 0; cell < s->cells; cell++)
    if (s->kind[cell] == EMPTY && pick-- == 0) return cell;
  return -1; /* unreachable: there are fewer agents than cells */
}

static inline void citizen_turn(Sim *s, int i) {
  if (s->state[i] == JAILED) {
    if (--s->term[i] > 0) return;
    int cell = nearest_free(s, s->pos[i]);
    s->state[i] = FREE_QUIET;
    s->pos[i] = cell;
    s->kind[cell] = QUIET;
    s->occ[cell] = i;
    s->jailed--;
  } else {
    s->pos[i] = random_step(s, s->pos[i]);
  }
  int c = s->pos[i];
  double g = s->grievance[i];
  int act = 0;
  /* With N >= 0, G - N > T needs G > T: most citizens can skip the vision scan. */
  if (g > THRESHOLD) {
    uint32_t seen = count_vision(s, c);
    /* The own cell is not in the vision table, so A already excludes the citizen itself. */
    int cops = (int)(seen >> 16), actives = (int)(seen & 0xffff);
    act = g - s->risk[i] * s->p_arrest[cops / (actives + 1)] > THRESHOLD;
  }
  if (act != (s->state[i] == FREE_ACTIVE)) {
    s->state[i] = act ? FREE_ACTIVE : FREE_QUIET;
    s->kind[c] = act ? ACTIVE : QUIET;
    s->active += act ? 1 : -1;
  }
}

static inline void cop_turn(Sim *s, int j) {
  int c = s->cop_pos[j];
  const Offsets *v = &s->vision;
  int fast = interior(s, c, v->reach);
  int start = 0, target = -1;
  for (int r = 0; r < v->rings && target < 0; r++) {
    int found = 0;
    for (int k = start; k < v->ring_end[r]; k++) {
      int cell = fast ? c + v->lin[k] : wrap_cell(s, c, v->dx[k], v->dy[k]);
      if (s->kind[cell] == ACTIVE) s->ring_buf[found++] = cell;
    }
    if (found) target = s->ring_buf[found == 1 ? 0 : rng_below(&s->rng, (uint32_t)found)];
    start = v->ring_end[r];
  }
  if (target >= 0) {
    int i = s->occ[target];
    s->state[i] = JAILED;
    s->term[i] = (int32_t)rng_below(&s->rng, JAIL_MAX + 1);
    s->pos[i] = target;
    s->active--;
    s->jailed++;
    s->kind[target] = COP;
    s->occ[target] = s->n_cit + j;
    s->kind[c] = EMPTY;
    s->occ[c] = -1;
    c = target;
  }
  s->cop_pos[j] = random_step(s, c);
}

static void sim_step(Sim *s) {
  shuffle(&s->rng, s->order_cit, s->n_cit);
  for (int n = 0; n < s->n_cit; n++) citizen_turn(s, s->order_cit[n]);
  shuffle(&s->rng, s->order_cop, s->n_cop);
  for (int n = 0; n < s->n_cop; n++) cop_turn(s, s->order_cop[n]);
}

/*
 * The paper's outburst statistics (EPSTEIN.md): an outburst is a maximal run of iterations
 * with more than 50 actives, its activation the sum of their active counts, the wait the gap
 * between one outburst's end and the next one's start. An outburst still going at the end is
 * left out, so the figures are comparable with the paper's.
 */
#define OUTBURST_LEVEL 50
typedef struct {
  int count, waits, in_burst, last_end;
  double current, sum_activation, sum_wait;
} Outbursts;

static void outbursts_add(Outbursts *o, int t, int active) {
  if (active > OUTBURST_LEVEL) {
    if (!o->in_burst) {
      o->in_burst = 1;
      o->current = 0;
      if (o->last_end >= 0) {
        o->sum_wait += t - o->last_end;
        o->waits++;
      }
    }
    o->current += active;
  } else if (o->in_burst) {
    o->in_burst = 0;
    o->count++;
    o->sum_activation += o->current;
    o->last_end = t;
  }
}

static double clock_seconds(clockid_t clock) {
  struct timespec t;
  clock_gettime(clock, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
  if (argc != 5) {
    fprintf(stderr, "usage: epstein W H STEPS SEED\n");
    return 2;
  }
  int w = atoi(argv[1]), h = atoi(argv[2]), steps = atoi(argv[3]);
  uint32_t seed = (uint32_t)strtoul(argv[4], NULL, 10);
  /* Smaller tori would make one cell appear twice within the release radius. */
  int min_side = 2 * RELEASE_RADIUS;
  if (w < min_side || h < min_side || w > 65535 || h > 65535 || steps < 0) {
    fprintf(stderr, "epstein: W and H must be in [%d, 65535], STEPS >= 0\n", min_side);
    return 2;
  }
  Sim s;
  sim_init(&s, w, h, seed);
  /* CPU time as well as wall time: on a busy machine only the former compares fairly. */
  double sum_active = 0, sum_jailed = 0, seconds = 0, cpu_seconds = 0;
  Outbursts ob = {0};
  ob.last_end = -1;
  for (int t = 0; t < steps; t++) {
    double t0 = clock_seconds(CLOCK_MONOTONIC), c0 = clock_seconds(CLOCK_PROCESS_CPUTIME_ID);
    sim_step(&s);
    cpu_seconds += clock_seconds(CLOCK_PROCESS_CPUTIME_ID) - c0;
    seconds += clock_seconds(CLOCK_MONOTONIC) - t0;
    sum_active += s.active;
    sum_jailed += s.jailed;
    outbursts_add(&ob, t, s.active);
  }
  long agents = (long)s.n_cit + s.n_cop;
  double updates = (double)agents * steps;
  printf("{\"width\":%d,\"height\":%d,\"steps\":%d,\"seed\":%u,\"citizens\":%d,\"cops\":%d,"
         "\"agents\":%ld,\"stateBytes\":%zu,\"seconds\":%.6f,\"cpuSeconds\":%.6f,"
         "\"updatesPerSecond\":%.1f,\"updatesPerCpuSecond\":%.1f,"
         "\"final\":{\"quiet\":%d,\"active\":%d,\"jailed\":%d},"
         "\"mean\":{\"active\":%.3f,\"jailed\":%.3f},"
         "\"outbursts\":{\"count\":%d,\"meanWait\":%.3f,\"meanActivation\":%.3f}}\n",
         w, h, steps, seed, s.n_cit, s.n_cop, agents, allocated, seconds, cpu_seconds,
         seconds > 0 ? updates / seconds : 0.0, cpu_seconds > 0 ? updates / cpu_seconds : 0.0,
         s.n_cit - s.active - s.jailed, s.active, s.jailed, steps ? sum_active / steps : 0.0,
         steps ? sum_jailed / steps : 0.0, ob.count, ob.waits ? ob.sum_wait / ob.waits : 0.0,
         ob.count ? ob.sum_activation / ob.count : 0.0);
  return 0;
}
