/* SPDX-License-Identifier: MIT */
/* mpi_main.c - circlesim-mpi: `sweep`, `calibrate` and `optimize` spread
 * over MPI ranks. Its own program, so the main circlesim never initializes MPI.
 * Rank 0 checks, coordinates and writes; the other ranks run what it hands
 * out. The files are the same bytes as circlesim's. */
#include <mpi.h>
#include <stdio.h>
#include <string.h>

#include "circlesim/diag.h"
#include "cli/calibrate.h"
#include "cli/optimize.h"
#include "cli/commands.h"
#include "cli/manual.h"
#include "cli/options.h"
#include "cli/sweep.h"

const char *cs_program = "circlesim-mpi";

/* Its table (cli/command.h): the help and its page, circlesim-mpi(1); the
 * options are those of the circlesim command it runs. */
static const cs_option_use mpi_options[] = {CS_OPTIONS_END};

static const cs_command mpi_command = {
    "circlesim-mpi", NULL, "run circlesim's sweep, calibrate or optimize over MPI ranks",
    "mpirun -n N circlesim-mpi sweep [SCENARIO] --vary KEY=VALUES... [--replicates R]\n"
    "                                 --out DIR [...the options of circlesim sweep]\n"
    "       mpirun -n N circlesim-mpi calibrate [SCENARIO] --free KEY=LO:HI... --out DIR\n"
    "                                 [...the options of circlesim calibrate]\n"
    "       mpirun -n N circlesim-mpi optimize [SCENARIO] --choose K | --budget YUAN\n"
    "                                 --channels LIST --out DIR [...circlesim optimize's]\n",
    mpi_options,
    "  The sweep of `circlesim sweep --help`, the calibration of `circlesim\n"
    "  calibrate --help` or the optimization of `circlesim optimize --help`, its\n"
    "  runs spread over the MPI ranks: rank 0 coordinates and writes, the others\n"
    "  run (so N >= 2). The files are the same bytes as circlesim writes. A\n"
    "  calibration runs one point's replicates at a time, so more ranks than\n"
    "  --replicates + 1 wait; optimize --choose runs a batch of candidates at a\n"
    "  time (the first round: every candidate), --budget one split at a time.\n",
    NULL,
};

static const cs_command *const mpi_commands[] = {&mpi_command};
static const cs_program_doc mpi_doc = {
    "circlesim-mpi", CIRCLESIM_VERSION, NULL, mpi_commands, 1, NULL, NULL, NULL,
};

static int program(int argc, char **argv)
{
    cs_diag_program = cs_program;
    if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        cs_command_help(stdout, &mpi_command);
        return 0;
    }
    if (argc >= 2 && (!strcmp(argv[1], "--man") || !strcmp(argv[1], "--completion"))) {
        /* Before MPI starts: the build writes the page without mpirun. */
        cs_diag d;
        cs_diag_init(&d, stderr);
        return cs_finish_stdout(cs_manual_main(argc - 1, argv + 1, &mpi_doc, &d), &d);
    }
    int sweep = argc >= 2 && !strcmp(argv[1], "sweep");
    int calibrate = argc >= 2 && !strcmp(argv[1], "calibrate");
    int optimize = argc >= 2 && !strcmp(argv[1], "optimize");
    for (int i = 2; (sweep || calibrate || optimize) && i < argc; i++)
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            cs_command_help(stdout, sweep ? &cs_cmd_sweep_def : calibrate ? &cs_cmd_calibrate_def : &cs_cmd_optimize_def);
            return 0;
        }
    if (argc >= 2 && !strcmp(argv[1], "--version")) {
        printf("circlesim-mpi %s\n", CIRCLESIM_VERSION);
        return 0;
    }
    int provided;
    MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
    int rank;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    /* Every rank checks the arguments; only rank 0 speaks. */
    FILE *quiet = rank == 0 ? NULL : fopen("/dev/null", "w");
    cs_diag d;
    cs_diag_init(&d, rank == 0 ? stderr : quiet);
    int code;
    if (!sweep && !calibrate && !optimize) {
        if (rank == 0) {
            fputs("circlesim-mpi: error: expected 'sweep', 'calibrate' or 'optimize'\n", stderr);
            cs_command_help(stderr, &mpi_command);
        }
        code = EXIT_USAGE;
    } else {
        if (rank != 0) /* progress and summary lines are rank 0's */
            freopen("/dev/null", "w", stdout);
        code = sweep       ? cs_cmd_sweep(argc - 2, argv + 2, &d)
               : calibrate ? cs_cmd_calibrate(argc - 2, argv + 2, &d)
                           : cs_cmd_optimize(argc - 2, argv + 2, &d);
        code = cs_finish_stdout(code, &d);
    }
    if (quiet)
        fclose(quiet);
    /* Rank 0's exit code is the program's: workers agree on validation,
     * and only rank 0 touches the files. */
    MPI_Bcast(&code, 1, MPI_INT, 0, MPI_COMM_WORLD);
    MPI_Finalize();
    return code;
}

int main(int argc, char **argv)
{
    cs_process_start(argv);
    return cs_process_end(program(argc, argv));
}
