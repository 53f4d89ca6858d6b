/* SPDX-License-Identifier: MIT */
/* optimize.c - `circlesim optimize`: the command, what both of its questions
 * share (the scenario read once, the objective, the runs' farm, the output
 * folder), and the dispatch to them: whom to seed (--choose, choose.c) and
 * how to split a budget (--budget, allocate.c). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "cli/optimize.h"
#include "cli/commands.h"
#include "cli/transport.h"
#include "models/seeding.h"

#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine/output.h"
#include "cli/progress.h"
#include "analysis/sweep.h"


static const char *const choose_files[] = {"seeds.csv", "baselines.csv", "seeds.yaml", "gain.png",
                                           "optimized.yaml", "report.html", NULL};
static const char *const budget_files[] = {"allocation.csv", "response.csv", "response.png",
                                           "allocated.yaml", "report.html", NULL};
static const cs_outdir_kind choose_kind = {"seeds.csv", "earlier optimization", choose_files,
                                           NULL, NULL, NULL};
static const cs_outdir_kind budget_kind = {"allocation.csv", "earlier budget allocation",
                                           budget_files, NULL, NULL, NULL};

int64_t cs_optimizer_seed(const cs_optimizer *z, int64_t r, int fresh)
{
    return cs_replicate_seed(z->base_seed, fresh ? z->replicates + r : r);
}

int cs_cmd_optimize(int argc, char **argv, cs_diag *d)
{
    cs_catch_stop_signals();
    options o;
    if (cs_parse_options(argc, argv, &o, &cs_cmd_optimize_def, d))
        return EXIT_USAGE;
    if (o.npositional > 1) {
        cs_usage_error(d, "optimize takes one scenario, found another: '%s'", o.positional[1]);
        return EXIT_USAGE;
    }
    if (o.choose && o.budget) {
        cs_usage_error(d, "optimize takes --choose K or --budget YUAN, not both: they are two "
                          "questions%s", "");
        return EXIT_USAGE;
    }
    if (!o.choose && !o.budget) {
        cs_usage_error(d, "optimize needs either --choose K (which users to seed) or --budget "
                          "YUAN with --channels LIST (how to split a budget)%s", "");
        return EXIT_USAGE;
    }
    if (o.budget && !o.channels) {
        cs_usage_error(d, "--budget needs --channels LIST (koc,kol,livestream,feed,dm,group)%s", "");
        return EXIT_USAGE;
    }
    if (o.choose && (o.channels || o.max_evals)) {
        cs_usage_error(d, "--channels and --max-evals belong to --budget, not --choose%s", "");
        return EXIT_USAGE;
    }
    if (o.budget && (o.pool || o.screen || o.epsilon || o.ell)) {
        cs_usage_error(d, "--pool, --screen, --epsilon and --ell belong to --choose, not "
                          "--budget%s", "");
        return EXIT_USAGE;
    }
    if (!o.out) {
        cs_usage_error(d, "optimize needs --out DIR%s", "");
        return EXIT_USAGE;
    }
    long long replicates = 8, jobs = omp_get_num_procs(), threads = 1;
    if ((o.replicates && cs_parse_count("--replicates", o.replicates, 2, 100000, &replicates, d)) ||
        (o.jobs && cs_parse_count("--jobs", o.jobs, 1, 1024, &jobs, d)) ||
        (o.threads && cs_parse_count("--threads", o.threads, 1, 1024, &threads, d)))
        return EXIT_USAGE;
    cs_optimizer z = {.o = &o, .replicates = replicates, .quiet = o.quiet};
    z.command = cs_command_line("optimize", argc, argv);
    if (!z.command)
        return EXIT_RUNTIME;
    int code = cs_source_read_everywhere(&z.src, o.npositional ? o.positional[0] : NULL, d);
    if (!code)
        code = cs_prepare_scenario_from(&z.base, &z.src, &o, d);
    int objective = -1;
    if (!code) {
        int platform = cs_model_has_brand(cs_scenario_model(z.base));
        objective = platform ? CS_OBJ_BRAND_GMV : CS_OBJ_BUYERS;
        if (o.objective) {
            objective = -1;
            for (int i = 0; i < CS_OBJ_COUNT; i++)
                if (!strcmp(o.objective, cs_objective_names[i]))
                    objective = i;
            if (objective < 0) {
                cs_usage_error(d, "--objective expects buyers, gmv, brand_gmv or brand_profit, "
                                  "found '%s'",
                               o.objective);
                code = EXIT_USAGE;
            } else if ((objective == CS_OBJ_BRAND_GMV || objective == CS_OBJ_BRAND_PROFIT) &&
                       !platform) {
                cs_diag_error(d, "--objective %s: the %s model has no brand; use buyers or gmv",
                              o.objective, cs_model_name(cs_scenario_model(z.base)));
                code = EXIT_USAGE;
            }
        }
    }
    const cs_taskfarm_transport *transport = cs_transport();
    if (!code) {
        z.base_seed = cs_scenario_seed(z.base);
        z.objective = objective;
        cs_option_assignments(&o, &z.sets);
        z.farm = (cs_batch){.src = &z.src, .sets = z.sets.v, .nsets = z.sets.n,
                            .stop = &cs_stop_signal, .transport = transport,
                            .nvalues = CS_BATCH_OBJECTIVE_VALUES,
                           .measure = cs_batch_objective,
                           .measure_ctx = &z.objective, .fix_world = 1,
                           .world_seed = cs_world_seed(z.base), .threads = (int)threads,
                           .jobs = (int)jobs};
        /* The memory the runs at once take, before any starts (under MPI
         * each rank runs one at a time). */
        long long j = jobs;
        if (!transport || transport->workers < 1)
            code = cs_fit_jobs_source(&z.src, &o, replicates, &j, d);
        z.farm.jobs = (int)j;
        cs_batch_share(&z.farm.run_memory, &z.farm.run_memory_flags);
    }
    cs_chooser *chooser = NULL;
    cs_budget *budget = NULL;
    if (!code && o.choose)
        code = cs_choose_setup(&z, &chooser, d);
    else if (!code)
        code = cs_budget_setup(&z, &budget, d);
    int worst = cs_transport_agree(code);
    if (worst && !code) {
        cs_diag_error(d, "another rank could not set up the optimization (its message is above)");
        code = worst;
    }
    const int worker = transport && transport->rank != 0;
    if (worker && !code)
        cs_batch_serve(&z.farm); /* runs what rank 0 hands out */
    if (worker)
        goto done;
    if (!code)
        code = cs_take_folder(o.out, o.choose ? &choose_kind : &budget_kind, CS_OUTDIR_CLEAR, d);
    if (!code) {
        code = o.choose ? cs_choose_run(chooser, d) : cs_budget_run(budget, d);
        if (!code)
            cs_say_wrote(o.quiet, o.out, o.choose ? choose_files : budget_files);
        /* Stopped before anything was written: no empty folder left behind
         * (only one this command made, and only when empty). */
        cs_drop_folder(code > 128);
    }
    if (worst == 0)
        cs_batch_release(&z.farm);
done:
    cs_choose_free(chooser);
    cs_budget_free(budget);
    cs_scenario_close(z.base);
    cs_source_free(&z.src);
    free(z.command);
    return code;
}

/* ---- the command (cli/command.h) ---- */

static const cs_option_use optimize_options[] = {
    {"choose", NULL, NULL},
    {"pool", NULL, NULL},
    {"objective", NULL, NULL},
    {"budget", NULL, NULL},
    {"channels", NULL, NULL},
    {"epsilon", NULL, NULL},
    {"ell", NULL, NULL},
    {"screen", NULL, NULL},
    {"replicates", NULL, "runs of each candidate, on the same seeds\n"
     "(default 8)"},
    {"jobs", NULL, NULL},
    {"max-evals", NULL, "evaluations of a budget split at most"},
    {"out", NULL, NULL},
    CS_OPTIONS_SCENARIO,
    CS_OPTIONS_BATCH,
    CS_OPTIONS_END,
};

const cs_command cs_cmd_optimize_def = {
    "circlesim", "optimize", "choose whom to seed (--choose K), or split a budget over channels (--budget)",
    "circlesim optimize [SCENARIO] --choose K [--pool kocs|all|FILE]\n"
    "                          [--objective buyers|gmv|brand_gmv|brand_profit] [--replicates R]\n"
    "                          [--screen M] [--epsilon E] [--ell L] [--jobs J] --out DIR\n"
    "       circlesim optimize [SCENARIO] --budget YUAN --channels LIST\n"
    "                          [--objective ...] [--replicates R] [--max-evals N] [--jobs J]\n"
    "                          --out DIR\n"
    "       both also take [--seed N] [--days N] [--set KEY=VALUE]... [--threads N] [--quiet]\n"
    "       and [--max-memory SIZE] (the memory the runs at once may take; default:\n"
    "       the memory available now)\n",
    optimize_options,
    "  --choose K: the K users of the pool to seed for the largest objective.\n"
    "    model cascade: IMM (Tang, Shi & Xiao 2015) over reverse-reachable sets;\n"
    "      with probability 1 - 1/n^L the seeds' expected spread is at least\n"
    "      (1 - 1/e - E) of the best K users' (defaults E 0.1, L 1).\n"
    "    model bass (bass.seeds) and platform (brand.seed_list: the brand gives\n"
    "      its product to the seeds on brand.seed_day): greedy with lazy\n"
    "      evaluation (CELF) over the mean objective of R runs (default 8), all\n"
    "      on the same seeds, among M candidates screened from the pool by\n"
    "      degree, trust and group or circle ownership, in turn (default M = 5K).\n"
    "      The first round runs M x R scenarios, each later pick a few x R.\n"
    "    Pool: kocs (platform: KOCs registered at day 0; the default there), all\n"
    "    (every user registered at day 0; the default of bass and cascade) or a\n"
    "    file of user ids (0-based, one per line, # comments).\n"
    "    Objective: buyers (the last day's), gmv (the run's, both places, yuan) or\n"
    "    brand_gmv (the brand's, platform only; the default there).\n"
    "    Every run shares the scenario's world (world_seed: its network and\n"
    "    users), only the runs' seeds differ, so the users chosen are the same\n"
    "    people in every run. Then the choice and the baselines (random, highest\n"
    "    degree, highest trust, circle owners, no seeding) run on R fresh seeds.\n"
    "    Writes DIR/seeds.csv (rank,user,role,tier,degree,gain: the marginal gain\n"
    "    of the objective), DIR/baselines.csv (each strategy's mean, sd, 95%\n"
    "    interval, and the paired difference of the optimizer from it),\n"
    "    DIR/seeds.yaml (the seeds as scenario keys, ready to paste) and\n"
    "    DIR/gain.png (marginal gain by rank).\n"
    "  --budget YUAN --channels LIST: splits YUAN over the channels (koc, kol,\n"
    "    livestream, feed, dm, group; platform model) by Nelder-Mead over the\n"
    "    shares, each split run R times on the same seeds (default 8), at most N\n"
    "    splits (default 40 per channel). A channel's units are what its spend\n"
    "    buys at the scenario's prices (brand.koc_cost, brand.kol_cost, ...),\n"
    "    spread over the run. The best split and the runner-ups are run on R\n"
    "    fresh seeds. Writes DIR/allocation.csv (every split tried; the best\n"
    "    ones' figures on fresh seeds and what the brand really spent),\n"
    "    DIR/response.csv and DIR/response.png (the objective against each\n"
    "    channel's spend alone, with 95% intervals) and DIR/allocated.yaml (the\n"
    "    scenario with the best split). docs/OPTIMIZE.md has the details.\n"
    "  Ctrl-C stops after the runs under way; seeds.csv keeps the seeds chosen,\n"
    "  allocation.csv the splits tried.\n",
    cs_cmd_optimize,
};
