/*
 * Calendar dates as days since 1970-01-01 in the proleptic Gregorian calendar, with no
 * dependence on time.h, time zones or the locale (Howard Hinnant's civil algorithms).
 */
#include <stddef.h>

#include "hippain/profile.h"

/* Years hp_date_parse() accepts. */
#define PARSE_YEAR_MIN 1900
#define PARSE_YEAR_MAX 2199

/* Days of 0000-01-01 and 9999-12-31: the range hp_date_format() can write in 4 digits. */
#define FORMAT_DAYS_MIN (-719528)
#define FORMAT_DAYS_MAX 2932896

/* Days since 1970-01-01 of y-m-d (m 1-12, d 1-31), for years 0-9999. */
static int days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;                                   /* [0, 399] */
    const int doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1; /* [0, 365] */
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;           /* [0, 146096] */
    return era * 146097 + doe - 719468;
}

/* The date of days since 1970-01-01 (within the format range, so nothing overflows). */
static void civil_from_days(int z, int *y, int *m, int *d) {
    z += 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const int doe = z - era * 146097;                                      /* [0, 146096] */
    const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* [0, 399] */
    const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);               /* [0, 365] */
    const int mp = (5 * doy + 2) / 153;                                    /* [0, 11] */
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + (*m <= 2);
}

static int is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int days_in_month(int y, int m) {
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* The value of n ASCII digits at s, or -1 if one is not a digit. */
static int digits(const char *s, int n) {
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

hp_status hp_date_parse(const char *text, int *days) {
    if (!text || !days)
        return HP_E_INVALID;
    /* Exactly "YYYY-MM-DD": the digit checks stop at a NUL before any read past it. */
    int y = digits(text, 4);
    if (y < 0 || text[4] != '-')
        return HP_E_INVALID;
    int m = digits(text + 5, 2);
    if (m < 0 || text[7] != '-')
        return HP_E_INVALID;
    int d = digits(text + 8, 2);
    if (d < 0 || text[10] != '\0')
        return HP_E_INVALID;
    if (y < PARSE_YEAR_MIN || y > PARSE_YEAR_MAX || m < 1 || m > 12 || d < 1 ||
        d > days_in_month(y, m))
        return HP_E_INVALID;
    *days = days_from_civil(y, m, d);
    return HP_OK;
}

hp_status hp_date_format(int days, char *buf, size_t size) {
    if (!buf || size < 11 || days < FORMAT_DAYS_MIN || days > FORMAT_DAYS_MAX) {
        if (buf && size > 0)
            buf[0] = '\0';
        return HP_E_INVALID;
    }
    int y, m, d;
    civil_from_days(days, &y, &m, &d);
    const int parts[3][2] = {{y, 4}, {m, 2}, {d, 2}};
    char *p = buf;
    for (int i = 0; i < 3; i++) {
        if (i > 0)
            *p++ = '-';
        int v = parts[i][0];
        for (int k = parts[i][1] - 1; k >= 0; k--) {
            p[k] = (char)('0' + v % 10);
            v /= 10;
        }
        p += parts[i][1];
    }
    *p = '\0';
    return HP_OK;
}
