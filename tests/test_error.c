#include <string.h>

#include "test_util.h"

TestSuite(error, .fini = hp_test_leak_check);

Test(error, strerror_names_every_status) {
    for (int s = HP_E_INTERNAL; s <= HP_OK; s++) {
        const char *m = hp_strerror((hp_status)s);
        cr_assert_not_null(m);
        cr_assert_neq(strcmp(m, "unknown status"), 0, "status %d has no message", s);
    }
    cr_assert_str_eq(hp_strerror((hp_status)42), "unknown status");
}

Test(error, clear_and_format) {
    hp_error e;
    memset(&e, 0x55, sizeof e);
    hp_error_clear(&e);
    cr_assert_eq(e.code, HP_OK);
    cr_assert_str_eq(e.message, "");
    hp_error_clear(NULL);

    char buf[128];
    e.code = HP_E_PARSE;
    strcpy(e.message, "bad thing");
    cr_assert_eq(hp_error_format(&e, buf, sizeof buf), strlen("bad thing"));
    cr_assert_str_eq(buf, "bad thing");
    strcpy(e.file, "a.xml");
    hp_error_format(&e, buf, sizeof buf);
    cr_assert_str_eq(buf, "a.xml: bad thing");
    e.line = 3;
    hp_error_format(&e, buf, sizeof buf);
    cr_assert_str_eq(buf, "a.xml:3: bad thing");
    e.column = 7;
    size_t need = hp_error_format(&e, buf, sizeof buf);
    cr_assert_str_eq(buf, "a.xml:3:7: bad thing");
    char small[5];
    cr_assert_eq(hp_error_format(&e, small, sizeof small), need, "returns the full length");
    cr_assert_str_eq(small, "a.xm");
    e.message[0] = '\0';
    e.file[0] = '\0';
    hp_error_format(&e, buf, sizeof buf);
    cr_assert_str_eq(buf, "parse error", "falls back to hp_strerror");
}

Test(error, version_matches_header) {
    cr_assert_eq(hp_version_number(), HP_VERSION_NUMBER);
    cr_assert_str_eq(hp_version_string(), HP_VERSION_STRING);
    char expect[32];
    snprintf(expect, sizeof expect, "%d.%d.%d", HP_VERSION_MAJOR, HP_VERSION_MINOR,
             HP_VERSION_PATCH);
    cr_assert_str_eq(hp_version_string(), expect);
}

Test(error, enum_names_round_trip) {
    static const int counts[HP_ENUM_TYPE_COUNT] = {7, 3, 4, 8, 4, 3, 4, 6, 4, 7, 8, 4, 7, 8, 4};
    for (int t = 0; t < HP_ENUM_TYPE_COUNT; t++) {
        int first = t == HP_ENUM_ANSWER ? -1 : 0;
        for (int v = first; v < first + counts[t]; v++) {
            const char *name = hp_enum_name((hp_enum_type)t, v);
            cr_assert_not_null(name, "type %d value %d", t, v);
            int back = -99;
            cr_assert_eq(hp_enum_parse((hp_enum_type)t, name, &back), HP_OK);
            cr_assert_eq(back, v);
        }
        cr_assert_null(hp_enum_name((hp_enum_type)t, first + counts[t]));
        cr_assert_null(hp_enum_name((hp_enum_type)t, first - 1));
    }
    int v;
    cr_assert_eq(hp_enum_parse(HP_ENUM_TRIAGE, "urgent", &v), HP_OK);
    cr_assert_eq(v, HP_TRIAGE_URGENT);
    cr_assert_eq(hp_enum_parse(HP_ENUM_TRIAGE, "Urgent", &v), HP_E_NOT_FOUND);
    cr_assert_eq(hp_enum_parse(HP_ENUM_TRIAGE, NULL, &v), HP_E_INVALID);
    cr_assert_eq(hp_enum_parse(HP_ENUM_TYPE_COUNT, "x", &v), HP_E_INVALID);
    cr_assert_null(hp_enum_name(HP_ENUM_TYPE_COUNT, 0));
}

Test(error, string_free_accepts_null) { hp_string_free(NULL); }
