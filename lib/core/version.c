/* The library's version string. */
#include "hippain/version.h"

int hp_version_number(void) { return HP_VERSION_NUMBER; }

const char *hp_version_string(void) { return HP_VERSION_STRING; }
