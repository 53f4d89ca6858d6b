/* SPDX-License-Identifier: MIT */
/* first_run.c - a program over the installed circlesim library: runs a
 * scenario (the built-in default, or the file named first), prints the last
 * day's sales and writes the run's folder when a second argument names one.
 * README.md's "Use from C" builds it with pkg-config; CMakeLists.txt here
 * builds it with find_package(circlesim). */
#include <circlesim/circlesim.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    cs_diag d;
    cs_diag_init(&d, stderr);
    cs_scenario *sc = cs_scenario_open(argc > 1 && argv[1][0] ? argv[1] : NULL, &d);
    if (!sc || cs_scenario_set(sc, "population.size=2000", &d) ||
        cs_scenario_validate(sc, &d)) {
        cs_scenario_close(sc);
        return 2; /* every problem was reported as FILE:LINE:COL: error: ... */
    }
    cs_run *r = cs_run_open(sc, 0, &d);
    while (r && cs_run_day(r) < cs_run_days(r))
        if (cs_run_step(r) != 0)
            break;
    int rc = r && cs_run_day(r) == cs_run_days(r) ? 0 : 1;
    if (rc == 0) {
        double row[128];
        size_t n = cs_run_row(r, cs_run_day(r), row, 128);
        for (size_t i = 0; i < n && i < 128; i++)
            if (strcmp(cs_run_column_name(r, i), "gmv") == 0)
                printf("circlesim %s: day %lld, sales %.2f yuan\n", cs_version(),
                       (long long)cs_run_day(r), row[i]);
        if (argc > 2 && cs_run_write(r, argv[2], &d) != 0)
            rc = 1;
    }
    cs_run_close(r);
    cs_scenario_close(sc);
    return rc;
}
