/* The runtime version calls (the macros are in hippain/version.h). */
#include "hippain/version.h"

int hp_version_number(void) { return HP_VERSION_NUMBER; }

const char *hp_version_string(void) { return HP_VERSION_STRING; }
