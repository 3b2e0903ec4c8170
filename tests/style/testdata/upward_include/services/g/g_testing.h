// A test helper beside the code including test support: allowed.
#include "tests/testing/test_database.h"
