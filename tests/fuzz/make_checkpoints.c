/* SPDX-License-Identifier: MIT */
/* make_checkpoints.c - the checkpoint fuzzer's seed corpus, written by this
 * build (a checkpoint is tied to circlesim's version): a few days of a tiny
 * run of each model. make_checkpoints DIR */
#include <stdio.h>
#include <string.h>

#include "engine/checkpoint.h"
#include "engine/run_struct.h"

static const char *const scenarios[] = {
    "model: bass\ndays: 20\npopulation: {size: 60}\nnetwork: {kind: complete}\n",
    "model: bass\ndays: 20\npopulation: {size: 80}\nnetwork: {kind: watts_strogatz, k: 4}\n",
    "model: cascade\ndays: 10\npopulation: {size: 80}\nnetwork: {kind: erdos_renyi, mean_degree: 3}\n"
    "cascade: {seeds: [1, 2], p: 0.4}\n",
    "model: platform\ndays: 12\nwarmup_days: 2\npopulation: {size: 60, tags: 20}\n"
    "market: {merchants: 6}\ncircles: {launch_day: 1}\ncommerce: {group_buy: true}\n"
    "brand: {koc_seeds: 3, dm_per_day: 3}\n"
    "interventions:\n  - {day: 5, set: {feed.ad_load: 0.2}}\n",
};

int main(int argc, char **argv)
{
    if (argc != 2) {
        fputs("usage: make_checkpoints DIR\n", stderr);
        return 2;
    }
    cs_diag d;
    cs_diag_init(&d, stderr);
    for (size_t i = 0; i < sizeof scenarios / sizeof scenarios[0]; i++) {
        cs_scenario sc;
        cs_run r;
        if (cs_scenario_init(&sc) ||
            cs_scenario_load_text(&sc, "seed.yaml", scenarios[i], strlen(scenarios[i]), ".", &d) ||
            cs_scenario_validate(&sc, &d) || cs_run_init(&r, &sc, 1, &d))
            return 1;
        for (int day = 0; day < 4; day++)
            if (cs_run_step(&r))
                return 1;
        char path[4096];
        snprintf(path, sizeof path, "%s/seed-%zu.ckpt", argv[1], i);
        cs_checkpoint_plan plan = {2, 0};
        if (cs_checkpoint_save(&r, path, &plan, &d))
            return 1;
        cs_run_free(&r);
        cs_scenario_free(&sc);
        /* Loaded back the way the fuzzer loads its inputs (through a
         * /proc/self/fd link): a loader that refused that path would leave
         * the fuzzer stopping at the door. */
        FILE *f = fopen(path, "rb");
        char via[64];
        snprintf(via, sizeof via, "/proc/self/fd/%d", f ? fileno(f) : -1);
        int bad = !f || cs_checkpoint_load(via, &sc, &r, 1, &plan, &d) != 0;
        cs_run_free(&r);
        cs_scenario_free(&sc);
        if (f)
            fclose(f);
        if (bad) {
            fprintf(stderr, "make_checkpoints: %s does not load back\n", path);
            return 1;
        }
    }
    return 0;
}
