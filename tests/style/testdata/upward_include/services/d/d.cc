// Production code including test support: refused.
#include "tests/testing/test_database.h"
