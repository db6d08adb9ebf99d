/* Text intake internals: the result, shared by the matcher (text.c) and the number
   patterns (text_numbers.c); the tokens are ontology/lexicon.h's. */
#ifndef HP_TEXT_INTERNAL_H
#define HP_TEXT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "hippain/alloc.h"
#include "hippain/text.h"
#include "ontology/lexicon.h"

struct hp_text_result {
    hp_ontology *onto;
    hp_text_finding *f;
    size_t nf;
    hp_text_number num[HP_RUNNER_FIELD_COUNT];
    size_t nn;
    hp_sex sex;
    char langs[64];
    char *text; /* a copy of the text */
    size_t size;
};

/* The runner numbers and the sex of the text into r. */
void hp__text_numbers(hp_text_result *r, const hp__toks *tt);

#endif
