// Test support in a production folder named testing: refused (it belongs in tests/testing).
#include "tests/testing/extraction/gold_documents.h"
