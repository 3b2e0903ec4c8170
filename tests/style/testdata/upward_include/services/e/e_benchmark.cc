// A benchmark beside the code including test support: allowed.
#include "tests/testing/extraction/gold_documents.h"
