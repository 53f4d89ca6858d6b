/* memory.c - estimating a run's peak memory before it starts.
 *
 * A run's resident memory peaks either while its network is built or while
 * its model runs, so the estimate is the program's own footprint plus the
 * larger of the two. Each phase is counted from the arrays it holds at
 * once (8 bytes per pair and per CSR offset, 4 per adjacency entry, the
 * model's per-user arrays); where a generator's scratch is not worth
 * modelling array by array (homophily), its per-user and per-tie bytes were
 * measured. docs/ROBUSTNESS.md records the measurements.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* posix_memalign, madvise and MADV_HUGEPAGE under -std=c11 */
#endif
#include "circlesim/memory.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "circlesim/diag.h"
#include "platform.h"

/* The program before any user: code, libraries, the thread pool's stacks
 * and the scenario machinery (measured: 14.5 MiB for a 1000-user run). */
#define BASE_BYTES (14.5 * 1048576.0)

/* Bytes of network.file, 0 when there is none or it cannot be seen. */
static double edge_list_bytes(const cs_scenario *sc)
{
    struct stat st;
    return sc->network_file && stat(sc->network_file, &st) == 0 ? (double)st.st_size : 0;
}

/* Undirected ties a network of sc's kind is expected to hold. */
static double expected_ties(const cs_scenario *sc, double n)
{
    switch (sc->network_kind) {
    case CS_NET_COMPLETE:
        return 0; /* enumerated, never stored */
    case CS_NET_BARABASI_ALBERT:
        return n * (double)sc->network_m;
    case CS_NET_WATTS_STROGATZ:
        return n * (double)sc->network_k / 2.0;
    case CS_NET_SBM: {
        double within = 0, total = 0, sq = 0;
        for (size_t i = 0; i < sc->network_blocks.n; i++) {
            double b = (double)sc->network_blocks.v[i];
            within += b * (b - 1) / 2.0;
            total += b;
            sq += b * b;
        }
        return sc->network_p_in * within + sc->network_p_out * (total * total - sq) / 2.0;
    }
    case CS_NET_EDGELIST: {
        /* A pair per line of about two ids of n's digits, a blank and a
         * line end. */
        double digits = n > 1 ? floor(log10(n - 1)) + 1 : 1;
        return edge_list_bytes(sc) / (2 * digits + 2);
    }
    default:
        return n * sc->network_mean_degree / 2.0;
    }
}

/* Bytes per user of the model's own state, network excluded. */
static double model_bytes_per_user(const cs_scenario *sc)
{
    switch (sc->model) {
    case CS_MODEL_CASCADE:
        return 12; /* activation day, frontier, today's activations */
    case CS_MODEL_PLATFORM: {
        const pf_state *s = NULL;
        double users = sizeof *s->status + sizeof *s->role + sizeof *s->reach +
                       8 * sizeof *s->trust + sizeof *s->notif + sizeof *s->last_open +
                       PF_GROUPS * (sizeof *s->group + sizeof *s->group_since) +
                       PF_CIRCLES * (sizeof *s->circle + sizeof *s->circle_invited) +
                       PF_FOLLOWS * sizeof *s->follows + PF_SLOTS * sizeof *s->slot +
                       2 * sizeof *s->note + sizeof *s->member_card + sizeof *s->dm_day +
                       sizeof *s->seeded_koc + sizeof *s->own_msgs + sizeof *s->gb_product +
                       sizeof *s->gb_day + sizeof *s->gb_count + sizeof *s->marks;
        double population = 2 + 2.0 * (double)sc->population_interests + 4;
        /* The day's events, about half an event per user at the default
         * activity (measured), and the group chats' per-product buyer
         * counts. */
        double events = 0.5 * sizeof(pf_event);
        double groups = sc->groups_per_1000 / 1000.0 * 4.0 * (double)sc->market_merchants;
        return users + population + events + groups;
    }
    default:
        /* bought, neighbours who bought, today's buyers; a complete
         * network counts no neighbours. */
        return sc->network_kind == CS_NET_COMPLETE ? 5 : 9;
    }
}

static uint64_t estimate(const cs_scenario *sc, int network_only)
{
    const double n = (double)sc->population_size, ties = expected_ties(sc, n);
    /* The network as the model uses it: offsets and both directions. */
    const double csr = sc->network_kind == CS_NET_COMPLETE ? 0 : 8 * n + 8 * ties;
    double build;
    switch (sc->network_kind) {
    case CS_NET_COMPLETE:
        build = 0;
        break;
    case CS_NET_EDGELIST: {
        /* Reading holds the file's text and the pairs; building, the pairs
         * and the network. */
        double reading = edge_list_bytes(sc) + 8 * ties;
        build = reading > 8 * ties + csr ? reading : 8 * ties + csr;
        break;
    }
    case CS_NET_HOMOPHILY:
        /* Fitted to measurements at 2 x 10^5 and 10^6 users, mean degree
         * 6 to 100 (190 to 965 bytes a user, within 6%): the population
         * and per-user scratch, and the pairs and networks of the
         * generator's passes. */
        build = 141 * n + 16.5 * ties;
        break;
    default:
        build = 8 * ties + csr; /* the pairs, then the network beside them */
        break;
    }
    if (network_only) {
        double peak = BASE_BYTES + (build > csr ? build : csr);
        return peak < 1.8e19 ? (uint64_t)peak : UINT64_MAX;
    }
    double run = csr + model_bytes_per_user(sc) * n + (double)sc->days * sizeof(cs_day_row);
    if (sc->model == CS_MODEL_PLATFORM && sc->circles_enabled) {
        /* Circles come in batches, whatever the population: their
         * per-product buyer counts, with room to double. */
        double reviews = (double)(sc->days + sc->warmup_days) / (double)sc->circles_review_every;
        double circles = (double)sc->circles_first_batch + (double)sc->circles_batch * reviews;
        run += 2 * circles * 4.0 * (double)sc->market_merchants;
    }
    double peak = BASE_BYTES + (build > run ? build : run);
    return peak < 1.8e19 ? (uint64_t)peak : UINT64_MAX;
}

uint64_t cs_memory_estimate(const cs_scenario *sc) { return estimate(sc, 0); }

uint64_t cs_memory_estimate_network(const cs_scenario *sc) { return estimate(sc, 1); }

/* A cgroup's memory limit, from the file at prefix. The limit alone, not
 * less what the group uses: its use counts page cache the kernel gives
 * back on demand. */
static uint64_t cgroup_room(const char *prefix, const char *limit_file)
{
    char path[700];
    unsigned long long max = 0;
    snprintf(path, sizeof path, "%s/%s", prefix, limit_file);
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    int ok = fscanf(f, "%llu", &max) == 1; /* v2 writes "max" for none */
    fclose(f);
    return ok ? (uint64_t)max : 0;
}

/* The job's own memory limit (Slurm --mem, a container), under cgroup v2
 * or v1, of the process's own group (a limit set only on a parent group is
 * not seen); 0 when there is none or it cannot be read. */
static uint64_t cgroup_limit(void)
{
    FILE *f = fopen("/proc/self/cgroup", "r");
    if (!f)
        return 0;
    char line[512], prefix[600];
    uint64_t room = 0;
    while (!room && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        if (strncmp(line, "0::", 3) == 0) {
            snprintf(prefix, sizeof prefix, "/sys/fs/cgroup%s", line + 3);
            room = cgroup_room(prefix, "memory.max");
        } else if (strstr(line, ":memory:")) {
            snprintf(prefix, sizeof prefix, "/sys/fs/cgroup/memory%s", strstr(line, ":memory:") + 8);
            room = cgroup_room(prefix, "memory.limit_in_bytes");
        }
    }
    fclose(f);
    return room;
}

int cs_memory_check(const cs_scenario *sc, uint64_t limit, int flags, cs_diag *diag)
{
    const int given = flags & CS_LIMIT_GIVEN;
    uint64_t need = estimate(sc, flags & CS_LIMIT_NETWORK);
    if (limit == 0 || need <= limit)
        return 0;
    char a[64], b[64];
    cs_format_size(a, sizeof a, need);
    cs_format_size(b, sizeof b, limit);
    if (!strcmp(a, b)) { /* "1.00 GiB, more than the 1.00 GiB": the bytes tell them apart */
        snprintf(a + strlen(a), sizeof a - strlen(a), " (%llu bytes)", (unsigned long long)need);
        snprintf(b + strlen(b), sizeof b - strlen(b), " (%llu bytes)", (unsigned long long)limit);
    }
    cs_diag_error(diag,
                  "this %s would need about %s of memory at its peak (population.size %lld, "
                  "network.kind %s), more than the %s %s; use fewer users or a sparser "
                  "network%s",
                  flags & CS_LIMIT_NETWORK ? "network" : "run", a, (long long)sc->population_size, cs_network_kind_name(sc->network_kind), b,
                  given ? "that --max-memory allows" : "available now (--max-memory sets the limit)",
                  given ? ", or allow more with --max-memory" : "");
    return CS_ERR_INPUT;
}

uint64_t cs_memory_available(void)
{
    FILE *f = fopen("/proc/meminfo", "r");
    uint64_t avail = 0;
    if (f) {
        char line[256];
        unsigned long long kib = 0;
        while (fgets(line, sizeof line, f))
            if (sscanf(line, "MemAvailable: %llu kB", &kib) == 1)
                break;
        fclose(f);
        avail = (uint64_t)kib * 1024;
    }
    uint64_t job = cgroup_limit();
    if (job && (avail == 0 || job < avail))
        avail = job;
    /* The address space this process may map (ulimit -v): resident memory
     * cannot exceed it. */
    struct rlimit lim;
    if (getrlimit(RLIMIT_AS, &lim) == 0 && lim.rlim_cur != RLIM_INFINITY &&
        (avail == 0 || (uint64_t)lim.rlim_cur < avail))
        avail = (uint64_t)lim.rlim_cur;
    return avail;
}

void *cs_malloc_large(size_t bytes)
{
    const size_t huge = (size_t)2 << 20;
    if (bytes < 2 * huge)
        return malloc(bytes ? bytes : 1);
    void *p = NULL;
    if (posix_memalign(&p, huge, bytes) != 0)
        return NULL;
#ifdef MADV_HUGEPAGE
    madvise(p, bytes & ~(huge - 1), MADV_HUGEPAGE);
#endif
    return p;
}

int cs_parse_size(const char *s, uint64_t *out)
{
    char *end;
    if (!s || !isdigit((unsigned char)*s))
        return -1;
    /* Plain decimals only: strtod would also take 1e9, 0x10 and inf. */
    size_t digits = strspn(s, "0123456789.");
    const char *dot = memchr(s, '.', digits);
    if (dot && memchr(dot + 1, '.', digits - (size_t)(dot + 1 - s)))
        return -1;
    double v = strtod(s, &end);
    if (end != s + digits)
        return -1;
    double unit = 1;
    switch (tolower((unsigned char)*end)) {
    case 'k': unit = 1024.0; break;
    case 'm': unit = 1048576.0; break;
    case 'g': unit = 1073741824.0; break;
    case 't': unit = 1099511627776.0; break;
    case 'b':
    case '\0': break;
    default: return -1;
    }
    if (unit > 1) {
        end++;
        if (tolower((unsigned char)*end) == 'i')
            end++;
        if (tolower((unsigned char)*end) == 'b')
            end++;
    } else if (*end) {
        end++; /* "B" */
    }
    if (*end || !(v * unit >= 1) || v * unit > 1.8e19)
        return -1;
    *out = (uint64_t)(v * unit);
    return 0;
}

void cs_format_size(char *out, size_t cap, uint64_t bytes)
{
    static const char *const units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    double v = (double)bytes;
    int u = 0;
    while (v >= 1024 && u < 6) {
        v /= 1024;
        u++;
    }
    if (u == 0)
        snprintf(out, cap, "%llu B", (unsigned long long)bytes);
    else
        snprintf(out, cap, v < 10 ? "%.2f %s" : v < 100 ? "%.1f %s" : "%.0f %s", v, units[u]);
}
