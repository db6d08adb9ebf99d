/*
 * Text intake: the runner numbers and the sex a description states (grammar, not
 * vocabulary, so it lives here rather than in the lexicon), in English, German and
 * Spanish, on the folded tokens of text_tokens.c:
 * - weekly distance: NUMBER UNIT [a|per|pro|por|each] WEEK ("30 km a week", "20 mpw",
 *   "40k pw", "50 km pro Woche", "30 km semanales", "30 Wochenkilometer"), or WEEK ... NUMBER UNIT
 * ("Wochenumfang 40 km", "weekly mileage is 30 miles"); UNIT km, k, kms, kilometres (km), mi,
 * miles, meilen, millas (1 mile = 1.609344 km);
 * - a change: [from|von|de] X [to|->|auf|bis|a|hasta] Y UNIT -> previous_weekly_km X,
 *   weekly_km Y (X takes Y's unit); a weekly X then "now Y" or, after "from", "to Y" in
 *   the sentence ("30 mi a week before, now 10", "from about 35km a week to 50km"; Y takes
 *   X's unit); "(was 19ish)" after a weekly distance;
 * - NUMBER UNIT NUMBER times WEEK: their product ("10k three times a week" = 30 km);
 *   NUMBER UNIT "in total"/"en total"/"insgesamt" with a week word earlier in the sentence
 *   ("3 días por semana, unos 25 km en total");
 * - longest run: "long run(s) of 25 km", "longest run 18 miles", "a 30k long run", "langer
 *   Lauf", "tirada larga", "a 20 miler";
 * - shoes: NUMBER UNIT within 4 words of shoe, trainers, Schuh*, zapatilla*;
 * - cadence: NUMBER spm, or "cadence [is|of|about|liegt bei ...] NUMBER";
 * - run days: NUMBER (x|times|runs|days|mal|tage|veces|dias) [a|per|pro|por|a la] WEEK
 *   ("3x a week", "4 mal pro Woche", "5 veces por semana"); "every day", "daily",
 *   "jeden Tag", "todos los dias", "cada dia" -> 7; small number words count ("three times a
 * week");
 * - age: "I'm 34", "I am 34", "age 34", "aged 34", "34 yo", "34 years old", "34-year-old",
 *   "34M", "34 F", "bin 34", "34 Jahre alt", "tengo 34 (años)", "34 años de edad"; "34
 *   años" / "39 J." alone between punctuation ("Corredora, 34 años."); a number first in
 *   the text before a comma ("17, footballer"); "my son is 13";
 * - sex: female, woman, Frau, weiblich, Läuferin, mujer, chica, daughter, Tochter, hija
 *   ... / male, guy, Mann, Sohn, hijo, "my son",
 *   männlich, hombre, chico ...; F or M (W in German) only next to an age or first in
 *   the text before a comma ("M, cadence 162"); "my 7 y/o son".
 * The first mention of each field counts; values out of range are ignored.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "profile/text_internal.h"

static const char *const KM[] = {"km",         "kms",        "k",          "kilometer",
                                 "kilometers", "kilometre",  "kilometres", "kilometro",
                                 "kilometros", "kilometern", "klicks",     NULL};
static const char *const MILES[] = {"mi",     "mile",  "miles", "mls", "meilen",
                                    "millas", "milla", "miler", NULL};
static const char *const MILEAGE[] = {"mileage", NULL};
static const char *const WEEK[] = {"week",     "weekly",    "wk",           "wks",
                                   "pw",       "woche",     "wochentlich",  "semana",
                                   "semanal",  "semanales", "wochenumfang", "wochenkilometer",
                                   "wochenkm", NULL};
static const char *const PER[] = {"a",    "per", "pro", "por", "each", "every",
                                  "cada", "la",  "in",  "der", "die",  NULL};
static const char *const RANGE_TO[] = {"to", "bis", "auf", "a", "hasta", "up", "into", NULL};
static const char *const RANGE_FROM[] = {"from", "von", "de", "desde", NULL};
static const char *const DAYS[] = {"x",     "times", "runs", "days", "mal",      "tage",
                                   "laufe", "veces", "dias", "run",  "sessions", NULL};
static const char *const DAILY[] = {"everyday", "daily", "taglich", NULL};
static const char *const LONG_RUN[] = {"long",   "longest", "langer", "langen", "langster", "lange",
                                       "tirada", "tiradas", "larga",  "largas", "longrun",  NULL};
static const char *const SHOES[] = {"shoe",      "shoes",  "trainers",   "sneakers",
                                    "schuh",     "schuhe", "laufschuhe", "zapatillas",
                                    "zapatilla", "zapas",  NULL};
static const char *const AGE_BEFORE[] = {"im",    "am",   "age",   "aged", "bin",
                                         "tengo", "edad", "alter", NULL};
static const char *const AGE_AFTER[] = {"yo", "yrs", "yr", "y", NULL};
static const char *const YEARS[] = {"years",   "year", "jahre", "jahrig", "jahriger",
                                    "jahrige", "anos", "ano",   "j",      NULL};
static const char *const FEMALE[] = {
    "female", "woman",     "lady", "girl", "frau", "weiblich", "lauferin", "mujer", "femenino",
    "chica",  "corredora", "mum",  "mom",  "mama", "daughter", "tochter",  "hija",  NULL};
static const char *const MALE[] = {"male",      "guy",   "mann",     "mannlich", "hombre",
                                   "masculino", "chico", "corredor", "dad",      "bloke",
                                   "sohn",      "hijo",  "boy",      NULL};
static const char *const SMALL[] = {"one",  "two",  "three", "four",   "five",  "six",   "seven",
                                    "ein",  "zwei", "drei",  "vier",   "funf",  "sechs", "sieben",
                                    "uno",  "dos",  "tres",  "cuatro", "cinco", "seis",  "siete",
                                    "eins", "una",  "twice", NULL};
static const double SMALL_VALUE[] = {1, 2, 3, 4, 5, 6, 7, 1, 2, 3, 4, 5,
                                     6, 7, 1, 2, 3, 4, 5, 6, 7, 1, 1, 2};

/* Token i as a number: 1 and *v, or 0. */
static int num_at(const hp__toks *tt, size_t i, double *v) {
    if (i >= tt->n)
        return 0;
    if (tt->v[i].type == HP__T_NUM) {
        *v = tt->v[i].num;
        return 1;
    }
    for (size_t k = 0; SMALL[k]; k++)
        if (hp__tok_is(tt, i, SMALL[k])) {
            *v = SMALL_VALUE[k];
            return 1;
        }
    return 0;
}

static int is_end(const hp__toks *tt, size_t i) {
    return i >= tt->n || tt->v[i].type >= HP__T_STOP;
}

/* Km per unit at token i (0: not a distance unit). */
static double unit_at(const hp__toks *tt, size_t i) {
    return hp__tok_in(tt, i, KM) ? 1.0 : hp__tok_in(tt, i, MILES) ? 1.609344 : 0.0;
}

/* A week word after token j (with "a", "per", "pro" ... between) in the clause: the
   token after it, or 0. "mpw" counts as miles and week at once. */
static size_t week_after(const hp__toks *tt, size_t j) {
    for (size_t k = j + 1; k < tt->n && k <= j + 3 && !is_end(tt, k); k++) {
        if (hp__tok_in(tt, k, WEEK))
            return k + 1;
        if (!hp__tok_in(tt, k, PER))
            return 0;
    }
    return 0;
}

static void set_num(hp_text_result *r, hp_runner_field f, double v, const hp__toks *tt, size_t i,
                    size_t j, double lo, double hi) {
    if (!(v >= lo && v <= hi))
        return;
    for (size_t k = 0; k < r->nn; k++)
        if (r->num[k].field == f)
            return;
    r->num[r->nn++] =
        (hp_text_number){f, round(v * 10.0) / 10.0, tt->v[i].off, tt->v[j].end - tt->v[i].off};
}

/* A word of list within n tokens before i in the clause. */
static int word_before(const hp__toks *tt, size_t i, size_t n, const char *const *list) {
    for (size_t k = i; k > 0 && i - k < n && !is_end(tt, k - 1); k--)
        if (hp__tok_in(tt, k - 1, list))
            return 1;
    return 0;
}

/* A word of list within n tokens before i or after j in the clause. */
static int near_word(const hp__toks *tt, size_t i, size_t j, size_t n, const char *const *list) {
    if (word_before(tt, i, n, list))
        return 1;
    for (size_t k = j + 1; k <= j + n && !is_end(tt, k); k++)
        if (hp__tok_in(tt, k, list))
            return 1;
    return 0;
}

/* "from X to Y UNIT": X at i, Y at y, the unit at y + 1. */
static int range_at(hp_text_result *r, const hp__toks *tt, size_t i) {
    double x, y, u;
    size_t k = i + 1;
    if (!num_at(tt, i, &x))
        return 0;
    if (unit_at(tt, k) > 0 && hp__tok_in(tt, k + 1, RANGE_TO))
        k++; /* "20 km to 30 km" */
    if (!hp__tok_in(tt, k, RANGE_TO) || !num_at(tt, k + 1, &y))
        return 0;
    size_t last = k + 2;
    int from = i > 0 && hp__tok_in(tt, i - 1, RANGE_FROM);
    if ((u = unit_at(tt, k + 2)) <= 0) {
        /* "upped my miles from 20 to 28 a week": the unit before "from" */
        last = k + 1;
        for (size_t b = i - (i > 0); u <= 0 && b > 0 && i - b < 4 && !is_end(tt, b - 1); b--)
            u = unit_at(tt, b - 1) > 0           ? unit_at(tt, b - 1)
                : hp__tok_in(tt, b - 1, MILEAGE) ? 1.609344
                                                 : 0;
        if (u <= 0 || !from)
            return 0;
    }
    if (!from && !week_after(tt, last))
        return 0;
    set_num(r, HP_RUNNER_PREVIOUS_WEEKLY_KM, x * u, tt, i, i, 0.5, 500);
    set_num(r, HP_RUNNER_WEEKLY_KM, y * u, tt, k + 1, last, 0.5, 500);
    return 1;
}

static const char *const TIMES[] = {"times", "x", "mal", "veces", NULL};
static const char *const ABOUT[] = {"about", "around", "approx", "roughly", "ca",
                                    "etwa",  "circa",  "unos",   "unas",    NULL};
static const char *const NOW[] = {"now", "jetzt", "nun", "ahora", NULL};
/* words after a number that make it no distance ("now 4 days", "now 10 weeks later") */
static const char *const NOT_KM[] = {
    "days", "weeks", "months",  "years", "times", "x",     "tage", "wochen",  "monate", "jahre",
    "mal",  "dias",  "semanas", "meses", "anos",  "veces", "min",  "minutes", NULL};

/* "10k three times a week": NUMBER TIMES WEEK at i (after a distance's unit); the count. */
static double times_a_week(const hp__toks *tt, size_t i) {
    double n;
    return num_at(tt, i, &n) && hp__tok_in(tt, i + 1, TIMES) && week_after(tt, i + 1) ? n : 0;
}

/* "25 km in total" / "en total" / "insgesamt" at i, with a week word earlier in the
   sentence ("3 días por semana, unos 25 km en total"). */
static int total_of_week(const hp__toks *tt, size_t at, size_t i) {
    int total =
        hp__tok_is(tt, i, "total") || hp__tok_is(tt, i, "insgesamt") ||
        ((hp__tok_is(tt, i, "in") || hp__tok_is(tt, i, "en")) && hp__tok_is(tt, i + 1, "total"));
    for (size_t k = at; total && k > 0 && tt->v[k - 1].type != HP__T_STOP; k--)
        if (hp__tok_in(tt, k - 1, WEEK))
            return 1;
    return 0;
}

/* A weekly distance X (the number at i, unit u) then "now Y" or, after "from X", "to Y"
   in the sentence from token j ("30 mi a week before, now 10", "from about 35km a week to
   50km"): 1 and both set (Y in X's unit unless it has its own), or 0. */
static int weekly_change(hp_text_result *r, const hp__toks *tt, size_t i, size_t j, double u) {
    size_t b = i;
    while (b > 0 && i - b < 2 && hp__tok_in(tt, b - 1, ABOUT))
        b--;
    int from = b > 0 && hp__tok_in(tt, b - 1, RANGE_FROM);
    for (size_t k = j; k < tt->n && k < j + 6 && tt->v[k].type != HP__T_STOP; k++) {
        if (!hp__tok_in(tt, k, NOW) && !(from && hp__tok_in(tt, k, RANGE_TO)))
            continue;
        size_t y = k + 1;
        while (y < tt->n && y < k + 3 && hp__tok_in(tt, y, ABOUT))
            y++;
        double x, v, uy = unit_at(tt, y + 1);
        if (y >= tt->n || tt->v[y].type != HP__T_NUM || hp__tok_in(tt, y + 1, NOT_KM) ||
            !num_at(tt, i, &x))
            return 0;
        v = tt->v[y].num;
        set_num(r, HP_RUNNER_PREVIOUS_WEEKLY_KM, x * u, tt, i, i, 0.5, 500);
        set_num(r, HP_RUNNER_WEEKLY_KM, v * (uy > 0 ? uy : u), tt, y, y, 0.5, 500);
        return 1;
    }
    return 0;
}

/* NUMBER UNIT at i: weekly, long run ("a 20 miler"), shoes. */
static void distance_at(hp_text_result *r, const hp__toks *tt, size_t i) {
    double v, u = unit_at(tt, i + 1), n;
    if (!num_at(tt, i, &v))
        return;
    int mpw = hp__tok_is(tt, i + 1, "mpw") || hp__tok_is(tt, i + 1, "kpw") ||
              hp__tok_is(tt, i + 1, "wochenkilometer") || hp__tok_is(tt, i + 1, "wochenkm");
    if (mpw)
        u = hp__tok_is(tt, i + 1, "mpw") ? 1.609344 : 1.0;
    if (range_at(r, tt, i) || u <= 0)
        return;
    size_t w = mpw ? i + 2 : week_after(tt, i + 1);
    if (!mpw && (n = times_a_week(tt, i + 2)) > 0)
        set_num(r, HP_RUNNER_WEEKLY_KM, v * u * n, tt, i, i + 3, 0.5, 500);
    else if (hp__tok_is(tt, i + 1, "miler"))
        set_num(r, HP_RUNNER_LONGEST_RUN_KM_30D, v * u, tt, i, i + 1, 0.5, 250);
    else if (w || (word_before(tt, i, 3, WEEK) && !near_word(tt, i, i + 1, 3, LONG_RUN))) {
        if (!weekly_change(r, tt, i, w ? w : i + 2, u))
            set_num(r, HP_RUNNER_WEEKLY_KM, v * u, tt, i, i + 1, 0.5, 500);
    } else if (total_of_week(tt, i, i + 2))
        set_num(r, HP_RUNNER_WEEKLY_KM, v * u, tt, i, i + 1, 0.5, 500);
    else if (near_word(tt, i, i + 1, 3, LONG_RUN))
        set_num(r, HP_RUNNER_LONGEST_RUN_KM_30D, v * u, tt, i, i + 1, 0.5, 250);
    else if (near_word(tt, i, i + 1, 4, SHOES))
        set_num(r, HP_RUNNER_SHOE_KM, v * u, tt, i, i + 1, 1, 10000);
}

/* NUMBER x/times/days WEEK at i, or "every day", "each day", "cada día". */
static void days_at(hp_text_result *r, const hp__toks *tt, size_t i) {
    static const char *const EACH[] = {"every", "each", NULL};
    double v;
    if (hp__tok_in(tt, i, DAILY) || (hp__tok_in(tt, i, EACH) && hp__tok_is(tt, i + 1, "day")) ||
        (hp__tok_is(tt, i, "jeden") && hp__tok_is(tt, i + 1, "tag")) ||
        (hp__tok_is(tt, i, "cada") && hp__tok_is(tt, i + 1, "dia")) ||
        (hp__tok_is(tt, i, "todos") && hp__tok_is(tt, i + 1, "los") &&
         hp__tok_is(tt, i + 2, "dias"))) {
        set_num(r, HP_RUNNER_RUN_DAYS_PER_WEEK, 7, tt, i, i, 0, 7);
        return;
    }
    size_t j = i + 1;
    if (!num_at(tt, i, &v) || !hp__tok_in(tt, j, DAYS))
        return;
    if (hp__tok_is(tt, j + 1, "a") && hp__tok_in(tt, j + 2, WEEK))
        j++; /* "a la semana" */
    size_t w = week_after(tt, j);
    if (w)
        set_num(r, HP_RUNNER_RUN_DAYS_PER_WEEK, v, tt, i, w - 1, 1, 7);
}

/* NUMBER spm, or "cadence [is|of|about ...] NUMBER" (up to three words between). */
static void cadence_at(hp_text_result *r, const hp__toks *tt, size_t i) {
    static const char *const CADENCE[] = {"cadence", "kadenz", "cadencia", "schrittfrequenz", NULL};
    static const char *const BETWEEN[] = {"is",   "of",      "about", "around", "approx", "ca",
                                          "etwa", "de",      "ist",   "es",     "von",    "unos",
                                          "my",   "roughly", "liegt", "bei",    NULL};
    double v;
    if (!num_at(tt, i, &v))
        return;
    int named = 0;
    for (size_t k = i; !named && k > 0 && i - k < 4 && !is_end(tt, k - 1); k--)
        if (hp__tok_in(tt, k - 1, CADENCE))
            named = 1;
        else if (!hp__tok_in(tt, k - 1, BETWEEN))
            break;
    if (named || hp__tok_is(tt, i + 1, "spm") || hp__tok_is(tt, i + 1, "ppm") ||
        (hp__tok_is(tt, i + 1, "steps") && hp__tok_is(tt, i + 2, "per")))
        set_num(r, HP_RUNNER_CADENCE_SPM, v, tt, i, i, 100, 250);
}

static hp_sex sex_at(const hp__toks *tt, size_t i, int letters);
static int is_punct(const hp__toks *tt, size_t i, double cp);

/* "my son", "our son", "my 7 y/o son" (not Spanish "son", "are"): "my" or "our" up to
   four words before. */
static int son_at(const hp__toks *tt, size_t i) {
    if (!hp__tok_is(tt, i, "son"))
        return 0;
    for (size_t k = i; k > 0 && i - k < 4 && !is_end(tt, k - 1); k--)
        if (hp__tok_is(tt, k - 1, "my") || hp__tok_is(tt, k - 1, "our"))
            return 1;
    return 0;
}

static void sex_word(hp_text_result *r, const hp__toks *tt, size_t i) {
    if (r->sex != HP_SEX_UNKNOWN)
        return;
    if (i > 0 && is_punct(tt, i - 1, '(') && is_punct(tt, i + 1, ')')) {
        r->sex = sex_at(tt, i, 1); /* "(m)" */
        return;
    }
    if (hp__tok_in(tt, i, FEMALE))
        r->sex = HP_SEX_FEMALE;
    else if (hp__tok_in(tt, i, MALE) || son_at(tt, i))
        r->sex = HP_SEX_MALE;
}

/* Age at the number at i ("I'm 34", "34yo", "34 years old", "34F"). */
static void age_at(hp_text_result *r, const hp__toks *tt, size_t i) {
    if (i >= tt->n || tt->v[i].type != HP__T_NUM)
        return;
    double v = tt->v[i].num;
    size_t j = i + 1;
    int f = hp__tok_is(tt, j, "f") || hp__tok_is(tt, j, "w"), m = hp__tok_is(tt, j, "m");
    int years = hp__tok_in(tt, j, YEARS);
    int old = years && (hp__tok_is(tt, j + 1, "old") || hp__tok_is(tt, j + 1, "alt") ||
                        (hp__tok_is(tt, j + 1, "de") && hp__tok_is(tt, j + 2, "edad")));
    int before = i > 0 && hp__tok_in(tt, i - 1, AGE_BEFORE) &&
                 (is_end(tt, j) || years || f || m || hp__tok_is(tt, j, "and") ||
                  hp__tok_is(tt, j, "y") || hp__tok_is(tt, j, "und"));
    int age = old || hp__tok_in(tt, j, AGE_AFTER) || before || ((f || m) && is_end(tt, j + 1));
    if (!age)
        return;
    size_t last = old ? j + 1 : (years || f || m || hp__tok_in(tt, j, AGE_AFTER)) ? j : i;
    set_num(r, HP_RUNNER_AGE, v, tt, i, last, 5, 100);
    if (r->sex == HP_SEX_UNKNOWN && (f || m) && (v >= 5 && v <= 100))
        r->sex = f ? HP_SEX_FEMALE : HP_SEX_MALE;
}

/* The sex a word or a letter next to a number says: HP_SEX_UNKNOWN if none. */
static hp_sex sex_at(const hp__toks *tt, size_t i, int letters) {
    if (hp__tok_in(tt, i, FEMALE) ||
        (letters && (hp__tok_is(tt, i, "f") || hp__tok_is(tt, i, "w"))))
        return HP_SEX_FEMALE;
    if (hp__tok_in(tt, i, MALE) || (letters && hp__tok_is(tt, i, "m")))
        return HP_SEX_MALE;
    return HP_SEX_UNKNOWN;
}

static int is_punct(const hp__toks *tt, size_t i, double cp) {
    return i < tt->n && tt->v[i].type >= HP__T_STOP && tt->v[i].num == cp;
}

/* An age beside a sex ("51F", "M, 28", "(w, 34)", "38, männlich", "chica de 22"), or a
   number alone in brackets after a person ("mein Sohn (14)"). */
static void age_beside_sex(hp_text_result *r, const hp__toks *tt, size_t i) {
    if (i >= tt->n || tt->v[i].type != HP__T_NUM || tt->v[i].num < 5 || tt->v[i].num > 100)
        return;
    hp_sex s = HP_SEX_UNKNOWN;
    size_t a = i, z = i;
    if (i + 1 < tt->n && tt->v[i + 1].off == tt->v[i].end)
        s = sex_at(tt, z = i + 1, 1); /* "51F" */
    size_t k = i + 1 + (i + 1 < tt->n && tt->v[i + 1].type == HP__T_COMMA);
    if (!s && k < tt->n && (s = sex_at(tt, k, 1)) && (k == i + 2 || is_end(tt, k + 1)))
        z = k; /* "38, männlich", "34 F." */
    else if (!s)
        s = HP_SEX_UNKNOWN;
    for (size_t b = 1; !s && b <= 2 && b <= i; b++) {
        hp__tok p = tt->v[i - b];
        if (b == 2 && !(p.type == HP__T_WORD && tt->v[i - 1].type == HP__T_COMMA) &&
            !hp__tok_is(tt, i - 1, "de") && !hp__tok_is(tt, i - 1, "is") &&
            !hp__tok_is(tt, i - 1, "ist"))
            break; /* "M, 28", "chica de 22", "my daughter is 10" */
        s = son_at(tt, i - b) ? HP_SEX_MALE : sex_at(tt, i - b, 1); /* "my son is 13" */
        a = i - b;
    }
    int bracket = !s && i > 1 && is_punct(tt, i - 1, '(') && is_punct(tt, i + 1, ')');
    if (!s && !bracket)
        return;
    set_num(r, HP_RUNNER_AGE, tt->v[i].num, tt, s ? a : i, z, 5, 100);
    if (r->sex == HP_SEX_UNKNOWN)
        r->sex = s;
}

/* An age standing alone between a clause's punctuation: "Corredora popular, 34 años.",
   "39 J., w", "atleta, 20 años, corro"; or a number first in the text before a comma
   ("17, right-footed footballer"). */
static void age_alone(hp_text_result *r, const hp__toks *tt, size_t i) {
    if (tt->v[i].type != HP__T_NUM || (i > 0 && tt->v[i - 1].type < HP__T_STOP))
        return;
    if (hp__tok_in(tt, i + 1, YEARS) && is_end(tt, i + 2))
        set_num(r, HP_RUNNER_AGE, tt->v[i].num, tt, i, i + 1, 5, 100);
    else if (i == 0 && i + 2 < tt->n && tt->v[1].type == HP__T_COMMA &&
             tt->v[2].type == HP__T_WORD && unit_at(tt, 2) <= 0)
        set_num(r, HP_RUNNER_AGE, tt->v[0].num, tt, 0, 0, 5, 100);
}

/* A sex letter first in the text before a comma: "M, cadence is about 162". */
static void sex_first(hp_text_result *r, const hp__toks *tt) {
    if (r->sex == HP_SEX_UNKNOWN && tt->n > 2 && tt->v[1].type == HP__T_COMMA && tt->v[0].n == 1)
        r->sex = sex_at(tt, 0, 1);
}

/* "(was 19ish)" after a weekly distance: the previous week's, in the same unit. */
static int is_stop_not_bracket(const hp__toks *tt, size_t k) {
    return tt->v[k].type == HP__T_STOP && tt->v[k].num != '(';
}

static void previous_at(hp_text_result *r, const hp__toks *tt, size_t i) {
    static const char *const WAS[] = {"was",   "from", "war",    "vorher",
                                      "antes", "era",  "before", NULL};
    double v, u;
    if (!num_at(tt, i, &v) || (u = unit_at(tt, i + 1)) <= 0 || !week_after(tt, i + 1))
        return;
    for (size_t k = i + 2; k < tt->n && k < i + 7 && !is_stop_not_bracket(tt, k); k++)
        if (hp__tok_in(tt, k, WAS) && tt->v[k + 1 < tt->n ? k + 1 : k].type == HP__T_NUM) {
            set_num(r, HP_RUNNER_PREVIOUS_WEEKLY_KM, tt->v[k + 1].num * u, tt, k, k + 1, 0.5, 500);
            return;
        }
}

/* A Spanish speaker's own adjective or noun after "soy", "estoy", "me siento", "me noto",
   "quedé", "trabajo" ("estoy preocupada", "soy corredora", "soy un corredor", "trabajo todo
   el día sentado"), over words like "muy", "un poco": its ending gives the sex (-a female,
   -o male; not gerunds, nor "mucho", "como"). HP_SEX_UNKNOWN if none. */
static hp_sex spanish_gender_at(const hp__toks *tt, size_t i) {
    static const char *const BE[] = {"soy", "estoy", "siento", "noto", "quede", "trabajo", NULL};
    static const char *const SKIP[] = {"muy",  "bastante", "tan",        "super", "un",    "poco",
                                       "algo", "ya",       "todavia",    "aun",   "medio", "todo",
                                       "el",   "dia",      "totalmente", NULL};
    static const char *const NOT[] = {"mucho", "tanto", "nada", "solo", "como",  "para",
                                      "cada",  "esta",  "otra", "otro", "mejor", NULL};
    int reflexive = hp__tok_is(tt, i, "siento") || hp__tok_is(tt, i, "noto");
    if (!hp__tok_in(tt, i, BE) || (reflexive && (i == 0 || !hp__tok_is(tt, i - 1, "me"))))
        return HP_SEX_UNKNOWN;
    size_t k = i + 1;
    if (hp__tok_is(tt, i, "soy") && k + 1 < tt->n && !hp__tok_is(tt, k + 1, "poco") &&
        (hp__tok_is(tt, k, "una") || hp__tok_is(tt, k, "un")))
        return hp__tok_is(tt, k, "una") ? HP_SEX_FEMALE : HP_SEX_MALE; /* "soy una runner" */
    for (int n = 0; n < 4 && k < tt->n && hp__tok_in(tt, k, SKIP); n++)
        k++;
    if (k >= tt->n || tt->v[k].type != HP__T_WORD || hp__tok_in(tt, k, NOT))
        return HP_SEX_UNKNOWN;
    const char *w = tt->buf + tt->v[k].s;
    size_t n = tt->v[k].n;
    if (n < 4 || (n > 4 && (!memcmp(w + n - 4, "ando", 4) || !memcmp(w + n - 4, "endo", 4))))
        return HP_SEX_UNKNOWN;
    return w[n - 1] == 'a' ? HP_SEX_FEMALE : w[n - 1] == 'o' ? HP_SEX_MALE : HP_SEX_UNKNOWN;
}

void hp__text_numbers(hp_text_result *r, const hp__toks *tt) {
    for (size_t i = 0; i < tt->n; i++) {
        distance_at(r, tt, i);
        previous_at(r, tt, i);
        days_at(r, tt, i);
        cadence_at(r, tt, i);
        age_at(r, tt, i);
        age_beside_sex(r, tt, i);
        age_alone(r, tt, i);
        sex_word(r, tt, i);
    }
    sex_first(r, tt);
    for (size_t i = 0; i < tt->n && r->sex == HP_SEX_UNKNOWN; i++)
        r->sex = spanish_gender_at(tt, i);
}
