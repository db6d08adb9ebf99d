/**
 * @file hippain.h
 * @brief Umbrella header of libhippain: include this one.
 */
#ifndef HIPPAIN_HIPPAIN_H
#define HIPPAIN_HIPPAIN_H

#include "hippain/alloc.h"
#include "hippain/assessment.h"
#include "hippain/batch.h"
#include "hippain/checkin.h"
#include "hippain/enums.h"
#include "hippain/error.h"
#include "hippain/export.h"
#include "hippain/interview.h"
#include "hippain/ontology.h"
#include "hippain/plan.h"
#include "hippain/profile.h"
#include "hippain/revise.h"
#include "hippain/text.h"
#include "hippain/version.h"

#endif /* HIPPAIN_HIPPAIN_H */
