// A ground-floor test including test support: allowed.
#include "tests/testing/test_database.h"
