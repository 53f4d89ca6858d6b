/* SPDX-License-Identifier: MIT */
/* manual.c - manual pages and bash completion from the command tables
 * (cli/manual.h). The help text of a table is plain text laid out for a
 * terminal; a page re-reads that layout (indentation, a line ending in ':'
 * before an indented block) to find its paragraphs, so the text is written
 * once, for --help. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "cli/manual.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/options.h"
#include "scenario/scenario.h"

const cs_exit_code_doc cs_exit_codes[] = {
    {"0", "success"},
    {"1", "runtime failure"},
    {"2", "usage or scenario error"},
    {"129/130/143", "stopped by SIGHUP, Ctrl-C or SIGTERM (what was done is written)"},
};
const size_t cs_exit_code_count = sizeof cs_exit_codes / sizeof cs_exit_codes[0];

/* The family's first program: every other page refers to its page. */
#define FAMILY "circlesim"

/* ---- examples: the pages' EXAMPLES, checked against the tables -------- */

typedef struct example {
    const char *page;    /* "circlesim-run", "circlesim-viz" */
    const char *what;    /* one sentence */
    const char *command; /* as typed */
} example;

static const example examples[] = {
    {"circlesim", "Run the built-in scenario at 5 000 people for 90 days.",
     "circlesim run --set population.size=5000 --days 90 --out out/small"},
    {"circlesim", "List every scenario key.", "circlesim params"},
    {"circlesim-run", "Run a classroom scenario into out/wom.",
     "circlesim run scenarios/classroom/word-of-mouth.yaml --out out/wom"},
    {"circlesim-run", "The built-in scenario, smaller and shorter, without progress or summary.",
     "circlesim run --set population.size=5000 --days 90 --quiet"},
    {"circlesim-run", "A long run that can be continued with circlesim resume out/long.",
     "circlesim run --checkpoint-every 30 --out out/long"},
    {"circlesim-resume", "Continue a run started with --checkpoint-every.",
     "circlesim resume out/long"},
    {"circlesim-check", "Check every what-if scenario.", "circlesim check scenarios/whatif/*.yaml"},
    {"circlesim-params", "The Bass model's keys.", "circlesim params --model bass"},
    {"circlesim-params", "The keys alone, one a line.", "circlesim params --format keys"},
    {"circlesim-graph", "The network of 2 000 people, for Gephi.",
     "circlesim graph --set population.size=2000 --format gexf --out network.gexf"},
    {"circlesim-render", "The end of a lesson's third step.",
     "circlesim render scenarios/classroom/word-of-mouth.yaml --step 3 --png step3.png"},
    {"circlesim-render", "The run as a small animated GIF.",
     "circlesim render scenarios/classroom/word-of-mouth.yaml --gif run.gif --width 960 "
     "--height 540"},
    {"circlesim-lesson", "A lesson's handout in Chinese.",
     "circlesim lesson scenarios/classroom/word-of-mouth.yaml --handout handout --lang zh"},
    {"circlesim-sweep", "The ad load from 0 to 0.3, with and without invite-only circles.",
     "circlesim sweep --vary feed.ad_load=0:0.3:0.05 --vary circles.invite_only=true,false "
     "--replicates 20 --out out/adload"},
    {"circlesim-compare", "Two what-if scenarios on 20 paired seeds.",
     "circlesim compare scenarios/whatif/inverted-funnel-a.yaml "
     "scenarios/whatif/broadcast-b.yaml --replicates 20 --out out/funnel"},
    {"circlesim-calibrate", "Fit the Bass model's p and q to the scenario's targets.",
     "circlesim calibrate scenarios/validation/bass-fit.yaml --free bass.p=0.001:0.1 "
     "--free bass.q=0.05:0.9 --out out/bass-fit"},
    {"circlesim-optimize", "The 20 users to seed.",
     "circlesim optimize --choose 20 --out out/seeds"},
    {"circlesim-optimize", "A budget of 100 000 yuan over three channels.",
     "circlesim optimize --budget 100000 --channels koc,kol,feed --out out/split"},
    {"circlesim-validate", "The quick subset of the evidence (seconds).",
     "circlesim validate --quick --out out/validation"},
    {"circlesim-viz", "A lesson in Chinese, for a projector.",
     "circlesim-viz scenarios/classroom/word-of-mouth.yaml --lang zh --projector"},
    {"circlesim-viz", "Day 90 to a PNG, without a window.",
     "circlesim-viz --render day90.png --day 90"},
    {"circlesim-mpi", "A sweep over 8 ranks.",
     "mpirun -n 8 circlesim-mpi sweep --vary feed.ad_load=0:0.3:0.05 --out out/adload"},
};
#define N_EXAMPLES (sizeof examples / sizeof examples[0])

/* Whether command c takes option name (len bytes). */
static int takes(const cs_command *c, const char *name, size_t len)
{
    for (const cs_option_use *u = c->options; u->name; u++)
        if (strlen(u->name) == len && !strncmp(u->name, name, len))
            return 1;
    return 0;
}

/* An example of c's page must use only c's options and real scenario keys:
 * the check that keeps the examples as current as the tables. Returns 0 or
 * -1 (reported). */
static int check_example(const example *e, const cs_command *c, cs_diag *d)
{
    const char *s = e->command;
    size_t plen = strlen(c->program);
    /* Only a line that runs this command is checked (not mpirun's). */
    if (strncmp(s, c->program, plen) || s[plen] != ' ')
        return 0;
    for (const char *p = s; (p = strstr(p, " --")) != NULL;) {
        p += 3;
        size_t n = strcspn(p, " =");
        if (!takes(c, p, n)) {
            cs_diag_error(d, "the example '%s' of %s(1) uses --%.*s, which the command does "
                             "not take",
                          s, e->page, (int)n, p);
            return -1;
        }
        static const char *const keyed[] = {"set", "vary", "free", "across", "pin"};
        for (size_t k = 0; k < sizeof keyed / sizeof keyed[0]; k++) {
            if (strlen(keyed[k]) != n || strncmp(p, keyed[k], n) || p[n] != ' ')
                continue;
            const char *key = p + n + 1;
            size_t klen = strcspn(key, "= ");
            char buf[128];
            snprintf(buf, sizeof buf, "%.*s", (int)klen, key);
            if (cs_param_find(buf) < 0) {
                cs_diag_error(d, "the example '%s' of %s(1) names the scenario key '%s', "
                                 "which does not exist",
                              s, e->page, buf);
                return -1;
            }
        }
    }
    return 0;
}

/* ---- roff ---------------------------------------------------------------- */

/* Styles of inline text. */
enum {
    ST_OPTIONS = 1,  /* --options bold, `code` bold */
    ST_SYNOPSIS = 2, /* also literal words bold and PLACEHOLDERS italic */
};

static void put_char(FILE *o, char ch)
{
    if (ch == '\\')
        fputs("\\e", o);
    else if (ch == '-')
        fputs("\\-", o); /* a minus that copies and searches as one */
    else
        fputc(ch, o);
}

static int word_char(char ch)
{
    return isalnum((unsigned char)ch) || ch == '-' || ch == '_';
}

/* n bytes of s as the rest of a text line, escaped for roff, in the style
 * given. at_start: s begins the output line (where '.' and '\'' would be
 * requests). */
static void put_inline(FILE *o, const char *s, size_t n, int style, int at_start)
{
    int code = 0;         /* inside `...` */
    int literal_ok = 1;   /* ST_SYNOPSIS: lowercase words are literal until a '(' */
    int depth = 0;        /* ST_SYNOPSIS: inside [...] */
    int after_option = 0; /* ST_SYNOPSIS: an option just written, its value next */
    if (at_start && n && (s[0] == '.' || s[0] == '\''))
        fputs("\\&", o);
    for (size_t i = 0; i < n;) {
        char ch = s[i];
        if (i == 0 || s[i - 1] == ' ') {
            /* A name, a path or an option is not hyphenated at a line's
             * end: "cir-clesim-run(1)" would be copied as two words. */
            size_t t = strcspn(s + i, " ");
            if (t > n - i)
                t = n - i;
            int name = ch == '-' || !strncmp(s + i, FAMILY, t < strlen(FAMILY) ? t : strlen(FAMILY));
            for (size_t k = 0; k + 1 < t && !name; k++)
                name = strchr("./_=", s[i + k]) != NULL;
            if (name && t > 1)
                fputs("\\%", o);
        }
        if ((style & ST_SYNOPSIS) && ch == ' ') {
            /* A synopsis is filled: one space, unbreakable within brackets
             * and between an option and its value. */
            size_t sp = 1;
            while (i + sp < n && s[i + sp] == ' ')
                sp++;
            char next = i + sp < n ? s[i + sp] : ' ';
            int keep = depth > 0 || (after_option && next != '[' && next != '-' && next != '|' &&
                                     next != '(');
            fputs(keep ? "\\ " : " ", o);
            after_option = 0;
            i += sp;
            continue;
        }
        if (ch == '[')
            depth++;
        else if (ch == ']' && depth > 0)
            depth--;
        if (ch != ' ' && ch != '-')
            after_option = 0;
        char before = i ? s[i - 1] : ' ';
        /* "KEY=VALUE" is two placeholders; "feed.ad_load" one name. */
        int boundary = !word_char(before) && before != '.' && (before != '=' || style & ST_SYNOPSIS);
        if (style && ch == '`') {
            fputs(code ? "\\fR" : "\\fB", o);
            code = !code;
            i++;
            continue;
        }
        if (ch == '(')
            literal_ok = 0;
        size_t w = 0;
        while (i + w < n && word_char(s[i + w]))
            w++;
        if (style && !code && boundary && ch == '-' && w >= 2 &&
            (s[i + 1] == '-' ? w >= 3 && isalpha((unsigned char)s[i + 2])
                             : isalpha((unsigned char)s[i + 1]))) {
            fputs("\\fB", o);
            for (size_t k = 0; k < w; k++)
                put_char(o, s[i + k]);
            fputs("\\fR", o);
            i += w;
            after_option = 1;
            continue;
        }
        if ((style & ST_SYNOPSIS) && boundary && w > 0 && isalpha((unsigned char)ch)) {
            int upper = 1, lower = 0;
            for (size_t k = 0; k < w; k++) {
                if (islower((unsigned char)s[i + k]))
                    upper = 0, lower = 1;
            }
            if (upper || (lower && literal_ok)) {
                fputs(upper ? "\\fI" : "\\fB", o);
                for (size_t k = 0; k < w; k++)
                    put_char(o, s[i + k]);
                fputs("\\fR", o);
                i += w;
                continue;
            }
        }
        if (w > 0) {
            for (size_t k = 0; k < w; k++)
                put_char(o, s[i + k]);
            i += w;
            continue;
        }
        put_char(o, ch);
        i++;
    }
    if (code)
        fputs("\\fR", o);
}

static void put_line(FILE *o, const char *s, size_t n, int style)
{
    put_inline(o, s, n, style, 1);
    fputc('\n', o);
}

static void put_str(FILE *o, const char *s, int style)
{
    put_inline(o, s, strlen(s), style, 0);
}

/* A text line of the help as the roff paragraphs it belongs to. */
typedef struct layout {
    FILE *o;
    int started;
    int base;        /* the text's indentation */
    int para;        /* the current paragraph's first line's indentation */
    int indented;    /* inside .RS for a paragraph deeper than base */
    int literal;     /* inside .nf for a block introduced by ':' */
    int literal_at;  /* that block's indentation */
    int blank;       /* a blank line came before */
    char prev_end;   /* the previous line's last character */
    size_t prev_len; /* and its length, indentation included */
} layout;

/* Lines much shorter than the help's width (about 78) that end a sentence
 * end a paragraph: the help wraps its lines, so only a short one is a
 * deliberate end. */
#define SHORT_LINE 64

static void layout_line(layout *l, const char *line, size_t len)
{
    FILE *o = l->o;
    int i = 0;
    while ((size_t)i < len && line[i] == ' ')
        i++;
    const char *s = line + i;
    size_t n = len - (size_t)i;
    if (n == 0) {
        l->blank = 1;
        return;
    }
    if (l->literal) {
        if (i > l->para && !l->blank) {
            for (int k = l->literal_at; k < i; k++)
                fputc(' ', o);
            put_line(o, s, n, 0);
            goto done;
        }
        fputs(".fi\n.RE\n", o);
        l->literal = 0;
        l->blank = 1;
    }
    if (!l->started) {
        l->started = 1;
        l->base = l->para = i;
        fputs(".PP\n", o);
    } else if (i > l->para && !l->blank) {
        if (l->prev_end == ':') {
            /* "...on a curve:" before an indented block: an example, kept
             * as laid out. */
            fputs(".RS\n.PP\n.nf\n", o);
            l->literal = 1;
            l->literal_at = i;
            put_line(o, s, n, 0);
            goto done;
        }
        if (l->prev_end == '.' && !l->indented) {
            fputs(".RS\n.PP\n", o);
            l->indented = 1;
            l->para = i;
        }
        /* else: a hanging line of the paragraph */
    } else if (i <= l->base) {
        if (l->indented) {
            fputs(".RE\n", o);
            l->indented = 0;
        }
        int ends = l->prev_end == '.' || l->prev_end == ':';
        if (l->blank || i < l->para ||
            (ends && ((n > 1 && s[0] == '-' && s[1] == '-') || l->prev_len < SHORT_LINE)))
            fputs(".PP\n", o);
        l->para = i;
    } else if (i < l->para || l->blank || l->prev_end == '.') {
        /* A new item of an indented list. */
        fputs(".PP\n", o);
        l->para = i;
    }
    put_line(o, s, n, ST_OPTIONS);
done:
    l->blank = 0;
    l->prev_end = s[n - 1];
    l->prev_len = len;
}

static void layout_end(layout *l)
{
    if (l->literal)
        fputs(".fi\n.RE\n", l->o);
    if (l->indented)
        fputs(".RE\n", l->o);
}

/* Indented help paragraphs as roff. */
static void put_text(FILE *o, const char *text)
{
    layout l = {.o = o};
    for (const char *t = text; *t;) {
        size_t len = strcspn(t, "\n");
        layout_line(&l, t, len);
        t += len + (t[len] == '\n');
    }
    layout_end(&l);
}

/* "circlesim-run" as a .TH title: upper case, '-' as \-. */
static void put_title(FILE *o, const char *page)
{
    for (const char *p = page; *p; p++)
        put_char(o, (char)toupper((unsigned char)*p));
}

static void page_head(FILE *o, const cs_program_doc *p, const char *page, const char *made_by,
                      const char *summary)
{
    char date[32] = "";
    /* A page's bytes depend on nothing but the tables, unless a packager
     * asks for a date (reproducible builds' convention). */
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    if (epoch && *epoch) {
        time_t t = (time_t)strtoll(epoch, NULL, 10);
        struct tm tm;
        if (gmtime_r(&t, &tm))
            strftime(date, sizeof date, "%Y-%m-%d", &tm);
    }
    fprintf(o, ".\\\" Generated by %s from the option tables of apps/ (the same as --help's).\n",
            made_by);
    fputs(".\\\" Edit those tables, not this page.\n.TH ", o);
    put_title(o, page);
    fprintf(o, " 1 \"%s\" \"%s %s\" \"User Commands\"\n", date, FAMILY, p->version);
    fputs(".SH NAME\n", o);
    put_str(o, page, 0);
    fputs(" \\- ", o);
    put_str(o, summary, 0);
    fputc('\n', o);
}

/* The synopsis: each form as .SY (the command, then its arguments filled
 * with a hanging indent, an option never parted from its value); a line of
 * the help's synopsis that is not a form ("both also take ...") as text. */
static void put_synopsis(FILE *o, const cs_command *c)
{
    fputs(".SH SYNOPSIS\n", o);
    char lead[96];
    if (c->name)
        snprintf(lead, sizeof lead, "%s %s ", c->program, c->name);
    else
        snprintf(lead, sizeof lead, "%s ", c->program);
    int in_form = 0, in_text = 0;
    for (const char *t = c->forms; *t;) {
        size_t len = strcspn(t, "\n");
        size_t i = 0;
        while (i < len && t[i] == ' ')
            i++;
        const char *s = t + i;
        size_t n = len - i;
        size_t ll = strlen(lead);
        if (n > ll && !strncmp(s, lead, ll)) {
            fprintf(o, "%s.SY \"", in_form ? ".YS\n" : "");
            put_inline(o, s, ll - 1, 0, 0);
            fputs("\"\n", o);
            put_line(o, s + ll, n - ll, ST_SYNOPSIS | ST_OPTIONS);
            in_form = 1;
            in_text = 0;
        } else if (n > 7 && !strncmp(s, "mpirun ", 7)) {
            fprintf(o, "%s.SY mpirun\n", in_form ? ".YS\n" : "");
            put_line(o, s + 7, n - 7, ST_SYNOPSIS | ST_OPTIONS);
            in_form = 1;
            in_text = 0;
        } else if (n && in_form && (s[0] == '[' || s[0] == '-' || s[0] == '(')) {
            put_line(o, s, n, ST_SYNOPSIS | ST_OPTIONS);
        } else if (n) {
            if (in_form)
                fputs(".YS\n", o);
            if (!in_text)
                fputs(".PP\n", o);
            put_line(o, s, n, ST_OPTIONS);
            in_form = 0;
            in_text = 1;
        }
        t += len + (t[len] == '\n');
    }
    if (in_form)
        fputs(".YS\n", o);
}

static void put_option_heading(FILE *o, const char *name, const char *value)
{
    fputs(".TP\n", o);
    char head[160];
    snprintf(head, sizeof head, "--%s%s%s", name, value ? " " : "", value ? value : "");
    put_line(o, head, strlen(head), ST_SYNOPSIS | ST_OPTIONS);
}

static void put_options(FILE *o, const cs_command *c)
{
    fputs(".SH OPTIONS\n", o);
    for (const cs_option_use *u = c->options; u->name; u++) {
        const char *value, *help;
        cs_option_describe(u, &value, &help);
        put_option_heading(o, u->name, value);
        for (const char *h = help; *h;) {
            size_t len = strcspn(h, "\n");
            size_t i = 0;
            while (i < len && h[i] == ' ')
                i++;
            if (len > i)
                put_line(o, h + i, len - i, ST_OPTIONS);
            h += len + (h[len] == '\n');
        }
    }
    fputs(".TP\n\\fB\\-h\\fR, \\fB\\-\\-help\\fR\nprint this help as text and exit\n", o);
}

static void put_exit_status(FILE *o)
{
    fputs(".SH EXIT STATUS\n", o);
    for (size_t i = 0; i < cs_exit_code_count; i++) {
        fputs(".TP\n", o);
        put_str(o, cs_exit_codes[i].code, 0);
        fputc('\n', o);
        put_line(o, cs_exit_codes[i].meaning, strlen(cs_exit_codes[i].meaning), ST_OPTIONS);
    }
}

/* The page's examples, each checked against the command it runs: check,
 * or on the program's page the command its second word names. */
static int put_examples(FILE *o, const char *page, const cs_program_doc *p,
                        const cs_command *check, cs_diag *d)
{
    int any = 0;
    for (size_t i = 0; i < N_EXAMPLES; i++) {
        const example *e = &examples[i];
        if (strcmp(e->page, page))
            continue;
        const cs_command *c = check;
        for (size_t k = 0; !c && k < p->ncommands; k++) {
            const char *name = p->commands[k]->name;
            size_t plen = strlen(p->program), n = name ? strlen(name) : 0;
            if (n && !strncmp(e->command, p->program, plen) && e->command[plen] == ' ' &&
                !strncmp(e->command + plen + 1, name, n) &&
                (e->command[plen + 1 + n] == ' ' || e->command[plen + 1 + n] == '\0'))
                c = p->commands[k];
        }
        if (c && check_example(e, c, d))
            return -1;
        fputs(any ? ".PP\n" : ".SH EXAMPLES\n.PP\n", o);
        any = 1;
        put_line(o, e->what, strlen(e->what), ST_OPTIONS);
        fputs(".PP\n.RS\n.nf\n", o);
        put_line(o, e->command, strlen(e->command), 0);
        fputs(".fi\n.RE\n", o);
    }
    return 0;
}

/* The pages a text refers to: "circlesim NAME" for one of the family's
 * commands, wherever the text mentions one (across a line break too). */
static int mentions(const char *text, const char *command)
{
    for (const char *p = text; (p = strstr(p, FAMILY)) != NULL; p += strlen(FAMILY)) {
        const char *q = p + strlen(FAMILY);
        if (p > text && (word_char(p[-1]) || p[-1] == '/'))
            continue;
        if (*q != ' ' && *q != '\n')
            continue;
        while (*q == ' ' || *q == '\n')
            q++;
        size_t n = strlen(command);
        if (!strncmp(q, command, n) && !word_char(q[n]))
            return 1;
    }
    return 0;
}

static void see_also_item(FILE *o, int *first, const char *page)
{
    fputs(*first ? "" : ",\n", o);
    fputs("\\%\\fB", o);
    put_str(o, page, 0);
    fputs("\\fR(1)", o);
    *first = 0;
}

/* Pages that belong together beyond what a text names: the programs that
 * run a command another way, and the commands a program without commands
 * of its own does the work of. A program's page is listed only where that
 * program is built (the doc's others), a command's always. */
static const struct {
    const char *page, *related;
} relations[] = {
    {"circlesim-sweep", "circlesim-mpi"},     {"circlesim-calibrate", "circlesim-mpi"},
    {"circlesim-optimize", "circlesim-mpi"},  {"circlesim-render", "circlesim-viz"},
    {"circlesim-lesson", "circlesim-viz"},    {"circlesim-viz", "circlesim-render"},
    {"circlesim-viz", "circlesim-lesson"},    {"circlesim-mpi", "circlesim-sweep"},
    {"circlesim-mpi", "circlesim-calibrate"}, {"circlesim-mpi", "circlesim-optimize"},
    {"circlesim-mpi", "mpirun"},
};

static int is_other_program(const cs_program_doc *p, const char *page)
{
    for (const char *const *q = p->others; q && *q; q++)
        if (!strcmp(*q, page))
            return 1;
    return 0;
}

/* SEE ALSO of a command's page: the family's page, the commands its text
 * and its options' help name, `params` for a command that takes --set, and
 * the related pages above. */
static void put_see_also(FILE *o, const cs_program_doc *p, const cs_command *c, const char *page)
{
    fputs(".SH SEE ALSO\n", o);
    int first = 1;
    see_also_item(o, &first, FAMILY);
    if (takes(c, "set", 3) && (!c->name || strcmp(c->name, "params")))
        see_also_item(o, &first, FAMILY "-params");
    for (size_t k = 0; c->name && k < p->ncommands; k++) {
        const char *name = p->commands[k]->name;
        if (!strcmp(name, c->name) || !strcmp(name, "params"))
            continue;
        int named = mentions(c->text, name) || mentions(c->forms, name);
        for (const cs_option_use *u = c->options; u->name && !named; u++) {
            const char *value, *help;
            cs_option_describe(u, &value, &help);
            named = mentions(help, name);
        }
        if (named) {
            char other[64];
            snprintf(other, sizeof other, FAMILY "-%s", name);
            see_also_item(o, &first, other);
        }
    }
    for (size_t k = 0; k < sizeof relations / sizeof relations[0]; k++) {
        const char *r = relations[k].related;
        int program = !strcmp(r, "circlesim-viz") || !strcmp(r, "circlesim-mpi");
        if (!strcmp(relations[k].page, page) && (!program || is_other_program(p, r)))
            see_also_item(o, &first, r);
    }
    fputc('\n', o);
}

static int page_command(FILE *o, const cs_program_doc *p, const cs_command *c, cs_diag *d)
{
    char page[64], made_by[96];
    if (c->name) {
        snprintf(page, sizeof page, "%s-%s", c->program, c->name);
        snprintf(made_by, sizeof made_by, "%s --man %s", p->program, c->name);
    } else {
        snprintf(page, sizeof page, "%s", c->program);
        snprintf(made_by, sizeof made_by, "%s --man", p->program);
    }
    page_head(o, p, page, made_by, c->summary);
    put_synopsis(o, c);
    fputs(".SH DESCRIPTION\n", o);
    put_text(o, c->text);
    put_options(o, c);
    put_exit_status(o);
    if (put_examples(o, page, p, c, d))
        return EXIT_RUNTIME;
    put_see_also(o, p, c, page);
    return 0;
}

static const char environment[] =
    ".SH ENVIRONMENT\n"
    ".TP\n"
    ".B GOMP_SPINCOUNT\n"
    "How long a waiting thread spins before it sleeps. Unless it or\n"
    ".B OMP_WAIT_POLICY\n"
    "is set, the program runs itself again with 1000, which gives the cores back\n"
    "to other work at once and loses no speed.\n"
    ".TP\n"
    ".B OMP_WAIT_POLICY\n"
    "The OpenMP runtime's waiting policy; when set, the program leaves the\n"
    "spinning to it.\n"
    ".TP\n"
    ".B SOURCE_DATE_EPOCH\n"
    "The date \\fB\\-\\-man\\fR writes in a page's footer (none when unset).\n"
    ".TP\n"
    ".B CIRCLESIM_PROGRESS_SECONDS\n"
    "When standard error is not a terminal, the longest gap in seconds between\n"
    "two progress lines (default 30; the shortest is a tenth of it; 0 writes a\n"
    "line at every 5% of the work).\n";

static int page_program(FILE *o, const cs_program_doc *p, cs_diag *d)
{
    char made_by[96];
    snprintf(made_by, sizeof made_by, "%s --man", p->program);
    page_head(o, p, p->program, made_by, p->summary);
    fputs(".SH SYNOPSIS\n.nf\n", o);
    fprintf(o, "\\fB%s\\fR \\fICOMMAND\\fR [\\fIARGS\\fR]\n", p->program);
    fprintf(o, "\\fB%s\\fR \\fICOMMAND\\fR \\fB\\-\\-help\\fR\n", p->program);
    fprintf(o, "\\fB%s \\-\\-version\\fR\n", p->program);
    fprintf(o, "\\fB%s \\-\\-man\\fR [\\fICOMMAND\\fR]\n", p->program);
    fprintf(o, "\\fB%s \\-\\-completion bash\\fR\n", p->program);
    fputs(".fi\n.SH DESCRIPTION\n", o);
    if (p->about)
        put_text(o, p->about);
    fputs(".SH COMMANDS\n", o);
    for (size_t i = 0; i < p->ncommands; i++) {
        const cs_command *c = p->commands[i];
        fputs(".TP\n\\fB", o);
        put_str(o, c->name, 0);
        fputs("\\fR\n", o);
        put_str(o, c->summary, ST_OPTIONS);
        fputs(";\nsee \\%\\fB", o);
        put_str(o, c->program, 0);
        fputs("\\-", o);
        put_str(o, c->name, 0);
        fputs("\\fR(1).\n", o);
    }
    fputs(".SH OPTIONS\n", o);
    fputs(".TP\n\\fB\\-h\\fR, \\fB\\-\\-help\\fR\nlist the commands and exit\n"
          ".TP\n\\fB\\-\\-version\\fR\nprint the version and exit\n"
          ".TP\n\\fB\\-\\-man\\fR [\\fICOMMAND\\fR]\n"
          "print this manual page, or the command's, in roff (for \\fBman \\-l \\-\\fR)\n"
          ".TP\n\\fB\\-\\-completion bash\\fR\n"
          "print the bash completion script: commands, options, option values and\n"
          "scenario keys\n",
          o);
    put_exit_status(o);
    fputs(environment, o);
    if (p->files) {
        fputs(".SH FILES\n", o);
        for (const char *t = p->files; *t;) {
            size_t len = strcspn(t, "\n");
            size_t tab = strcspn(t, "\t");
            if (tab < len) {
                fputs(".TP\n\\fI", o);
                put_inline(o, t, tab, 0, 0);
                fputs("\\fR\n", o);
                put_line(o, t + tab + 1, len - tab - 1, ST_OPTIONS);
            }
            t += len + (t[len] == '\n');
        }
    }
    if (put_examples(o, p->program, p, NULL, d))
        return EXIT_RUNTIME;
    fputs(".SH SEE ALSO\n", o);
    int first = 1;
    for (size_t i = 0; i < p->ncommands; i++) {
        char page[64];
        snprintf(page, sizeof page, "%s-%s", p->program, p->commands[i]->name);
        see_also_item(o, &first, page);
    }
    for (const char *const *q = p->others; q && *q; q++)
        see_also_item(o, &first, *q);
    fputc('\n', o);
    return 0;
}

/* ---- bash completion ------------------------------------------------------ */

enum { V_NONE, V_WORDS, V_DIR, V_FILE, V_KEY, V_KEY_EQ };

/* What option name's value completes to: a fixed set where its value's name
 * is one (text|markdown|json) or the synopsis gives one
 * ([--design factorial|lhs:N|morris:R]), its words into words ("lhs:N" as
 * "lhs:", a FILE alternative as *files); else by the value's name. */
static int value_kind(const cs_command *c, const char *name, const char *value, char *words,
                      size_t cap, int *files)
{
    *files = 0;
    words[0] = '\0';
    if (!value)
        return V_NONE;
    const char *set = strchr(value, '|') ? value : NULL;
    size_t setlen = set ? strlen(set) : 0;
    char pat[80];
    snprintf(pat, sizeof pat, "--%s ", name);
    for (const char *f = c->forms; !set && (f = strstr(f, pat)) != NULL; f += strlen(pat)) {
        const char *v = f + strlen(pat);
        size_t n = strcspn(v, " ]\n");
        if (memchr(v, '|', n)) {
            set = v;
            setlen = n;
        }
    }
    if (set) {
        size_t k = 0;
        for (const char *a = set; a < set + setlen;) {
            size_t n = strcspn(a, "|");
            if (a + n > set + setlen)
                n = (size_t)(set + setlen - a);
            size_t lit = 0; /* the literal part: "lhs:" of "lhs:N" */
            while (lit < n && !isupper((unsigned char)a[lit]))
                lit++;
            if (lit == 0) {
                *files = 1;
            } else if (k + lit + 2 < cap) {
                if (k)
                    words[k++] = ' ';
                memcpy(words + k, a, lit);
                k += lit;
                words[k] = '\0';
            }
            a += n + 1;
        }
        return V_WORDS;
    }
    if (!strcmp(value, "DIR"))
        return V_DIR;
    if (!strcmp(value, "FILE"))
        return V_FILE;
    if (!strncmp(value, "KEY=", 4))
        return V_KEY_EQ;
    if (!strcmp(value, "KEY") || !strcmp(value, "KEY[=VALUE]"))
        return V_KEY; /* the key, its value optional */
    return V_NONE;
}

/* What the command's operands are, from the first word of its synopsis
 * after the command: scenario files, a folder, or nothing. */
static const char *operand_action(const cs_command *c)
{
    size_t skip = strlen(c->program) + 1 + (c->name ? strlen(c->name) + 1 : 0);
    if (strlen(c->forms) < skip)
        return "";
    const char *w = c->forms + skip;
    size_t n = strcspn(w, " \n");
    char word[64];
    snprintf(word, sizeof word, "%.*s", (int)n, w);
    if (word[0] == '-')
        return "";
    if (strstr(word, "SCENARIO"))
        return "_filedir '@(yaml|yml)'";
    if (strstr(word, "DIR"))
        return "_filedir -d";
    if (strstr(word, "FILE"))
        return "_filedir";
    return "";
}

/* The case arms of one command: its options' values, its options, its
 * operands. fn: the script's function prefix ("_circlesim"). */
static void put_command_completion(FILE *o, const char *fn, const cs_command *c,
                                   const char *indent)
{
    fprintf(o, "%scase $prev in\n", indent);
    static const int order[] = {V_KEY_EQ, V_KEY, V_DIR, V_FILE, V_WORDS, V_NONE};
    static const char *const action[] = {
        [V_KEY_EQ] = "_key '='", [V_KEY] = "_key ''", [V_DIR] = "_filedir -d",
        [V_FILE] = "_filedir", [V_NONE] = "",
    };
    for (size_t k = 0; k < sizeof order / sizeof order[0]; k++) {
        int kind = order[k], any = 0;
        for (const cs_option_use *u = c->options; u->name; u++) {
            const char *value, *help;
            char words[256];
            int files;
            if (!cs_option_describe(u, &value, &help) ||
                value_kind(c, u->name, value, words, sizeof words, &files) != kind)
                continue;
            if (kind == V_WORDS) {
                fprintf(o, "%s    --%s)\n%s        %s_words '%s'\n", indent, u->name, indent, fn,
                        words);
                if (files)
                    fprintf(o, "%s        _filedir\n", indent);
                fprintf(o, "%s        return\n%s        ;;\n", indent, indent);
                continue;
            }
            if (any)
                fprintf(o, "|--%s", u->name);
            else
                fprintf(o, "%s    --%s", indent, u->name);
            any = 1;
        }
        if (!any)
            continue;
        if (kind == V_NONE) /* a number or a name: nothing to offer, not even files */
            fprintf(o, ")\n%s        return\n%s        ;;\n", indent, indent);
        else
            fprintf(o, ")\n%s        %s%s\n%s        return\n%s        ;;\n", indent,
                    kind == V_KEY_EQ || kind == V_KEY ? fn : "", action[kind], indent, indent);
    }
    fprintf(o, "%sesac\n", indent);
    fprintf(o, "%s[[ $split == true ]] && return\n", indent);
    fprintf(o, "%sif [[ $cur == -* ]]; then\n%s    %s_words '", indent, indent, fn);
    for (const cs_option_use *u = c->options; u->name; u++)
        fprintf(o, "--%s ", u->name);
    fprintf(o, "--help'\n%s    return\n%sfi\n", indent, indent);
    const char *operands = operand_action(c);
    if (*operands)
        fprintf(o, "%s%s\n", indent, operands);
}

/* The values a scenario key takes from a fixed set, or "FILE". */
static void key_values(const cs_param *p, char *buf, size_t cap)
{
    buf[0] = '\0';
    if (p->type == CS_T_BOOL)
        snprintf(buf, cap, "true false");
    else if (p->type == CS_T_PATH)
        snprintf(buf, cap, "FILE");
    else if (p->type == CS_T_ENUM && p->choices) {
        snprintf(buf, cap, "%s", p->choices);
        for (char *q = buf; *q; q++)
            if (*q == '|')
                *q = ' ';
    }
}

static void put_key_helpers(FILE *o, const char *fn)
{
    fprintf(o, "%s_keys='", fn);
    size_t n = cs_param_count();
    for (size_t i = 0; i < n; i++)
        fprintf(o, "%s%s", i == 0 ? "" : i % 6 == 0 ? "\n" : " ", cs_param_at(i)->key);
    fputs("'\n\n", o);
    fprintf(o,
            "# %s_key SUFFIX: a scenario key (then, after KEY=, its value where\n"
            "# the key takes a fixed set or a file).\n"
            "%s_key()\n{\n"
            "    local suffix=$1\n"
            "    if [[ $suffix == = && $cur == *=* ]]; then\n"
            "        local key=${cur%%%%=*} value=${cur#*=} values\n"
            "        case $key in\n",
            fn, fn);
    for (size_t i = 0; i < n; i++) {
        char vi[512], vj[512];
        key_values(cs_param_at(i), vi, sizeof vi);
        int earlier = 0;
        for (size_t j = 0; j < i && !earlier && vi[0]; j++) {
            key_values(cs_param_at(j), vj, sizeof vj);
            earlier = !strcmp(vi, vj);
        }
        if (!vi[0] || earlier)
            continue;
        fputs("            ", o);
        int first = 1;
        for (size_t j = i; j < n; j++) {
            key_values(cs_param_at(j), vj, sizeof vj);
            if (strcmp(vi, vj))
                continue;
            fprintf(o, "%s%s", first ? "" : "|", cs_param_at(j)->key);
            first = 0;
        }
        fprintf(o, ") values='%s' ;;\n", vi);
    }
    fprintf(o,
            "            *) return ;;\n"
            "        esac\n"
            "        if [[ $values == FILE ]]; then\n"
            "            COMPREPLY=($(compgen -f -- \"$value\"))\n"
            "        else\n"
            "            COMPREPLY=($(compgen -W \"$values\" -- \"$value\"))\n"
            "        fi\n"
            "        # Where '=' breaks words (bash's default), readline replaces only\n"
            "        # what follows it; elsewhere the whole word.\n"
            "        [[ $COMP_WORDBREAKS == *=* ]] || COMPREPLY=(\"${COMPREPLY[@]/#/$key=}\")\n"
            "        return\n"
            "    fi\n"
            "    COMPREPLY=($(compgen -W \"$%s_keys\" -S \"$suffix\" -- \"$cur\"))\n"
            "    [[ $suffix ]] && compopt -o nospace\n"
            "}\n\n"
            "# %s_words WORDS: those of WORDS that begin with the word; \"lhs:\" is\n"
            "# followed by its number, so no space after it.\n"
            "%s_words()\n{\n"
            "    COMPREPLY=($(compgen -W \"$1\" -- \"$cur\"))\n"
            "    [[ ${#COMPREPLY[@]} == 1 && ${COMPREPLY[0]} == *: ]] && compopt -o nospace\n"
            "    __ltrim_colon_completions \"$cur\"\n"
            "}\n\n",
            fn, fn, fn);
}

static int completion_bash(FILE *o, const cs_program_doc *p)
{
    char fn[64] = "_";
    size_t k = 1;
    for (const char *q = p->program; *q && k < sizeof fn - 1; q++)
        fn[k++] = *q == '-' ? '_' : *q;
    fn[k] = '\0';
    fprintf(o,
            "# bash completion for %s                     -*- shell-script -*-\n"
            "# Generated by `%s --completion bash` from the program's option tables\n"
            "# and scenario keys (the same as --help's and `circlesim params`'s); edit\n"
            "# those, not this file. Needs bash-completion (its _init_completion).\n\n",
            p->program, p->program);
    put_key_helpers(o, fn);
    fprintf(o,
            "%s()\n{\n"
            "    local cur prev words cword split\n"
            "    _init_completion -s -n =: || return\n\n",
            fn);
    int single = p->ncommands == 1 && !p->commands[0]->name;
    if (single) {
        put_command_completion(o, fn, p->commands[0], "    ");
    } else {
        fprintf(o, "    if ((cword == 1)); then\n        %s_words '", fn);
        for (size_t i = 0; i < p->ncommands; i++)
            fprintf(o, "%s ", p->commands[i]->name);
        fprintf(o, "--help --version --man --completion'\n        return\n    fi\n"
                   "    case ${words[1]} in\n"
                   "        --man)\n"
                   "            ((cword == 2)) && %s_words '",
                fn);
        for (size_t i = 0; i < p->ncommands; i++)
            fprintf(o, "%s%s", i ? " " : "", p->commands[i]->name);
        fprintf(o, "'\n            ;;\n"
                   "        --completion)\n"
                   "            ((cword == 2)) && %s_words bash\n"
                   "            ;;\n",
                fn);
        for (size_t i = 0; i < p->ncommands; i++) {
            fprintf(o, "        %s)\n", p->commands[i]->name);
            put_command_completion(o, fn, p->commands[i], "            ");
            fputs("            ;;\n", o);
        }
        fputs("    esac\n", o);
    }
    fprintf(o, "} &&\n    complete -F %s %s\n\n# ex: filetype=sh\n", fn, p->program);
    return 0;
}

/* ---- the options -------------------------------------------------------- */

int cs_manual_main(int argc, char **argv, const cs_program_doc *p, cs_diag *d)
{
    if (!strcmp(argv[0], "--completion")) {
        if (argc < 2) {
            cs_usage_error(d, "--completion needs the shell: %s", "bash");
            return EXIT_USAGE;
        }
        if (strcmp(argv[1], "bash")) {
            cs_usage_error(d, "--completion writes bash's only, found '%s'", argv[1]);
            return EXIT_USAGE;
        }
        if (argc > 2) {
            cs_usage_error(d, "--completion bash takes nothing more, found '%s'", argv[2]);
            return EXIT_USAGE;
        }
        return completion_bash(stdout, p);
    }
    int single = p->ncommands == 1 && !p->commands[0]->name;
    if (argc > (single ? 1 : 2)) {
        cs_usage_error(d, single ? "--man takes no arguments, found '%s'"
                                 : "--man takes one command at most, found another: '%s'",
                       argv[single ? 1 : 2]);
        return EXIT_USAGE;
    }
    if (single)
        return page_command(stdout, p, p->commands[0], d);
    if (argc == 1)
        return page_program(stdout, p, d);
    for (size_t i = 0; i < p->ncommands; i++)
        if (!strcmp(argv[1], p->commands[i]->name))
            return page_command(stdout, p, p->commands[i], d);
    cs_usage_error(d, "--man: unknown command '%s'", argv[1]);
    return EXIT_USAGE;
}
