// A service header including a tool: check_floors.py must refuse it.
#include "tools/corpus_generator/corpus_generator.h"
