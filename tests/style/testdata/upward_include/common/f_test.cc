// A test beside the code including a tool: refused (tests beside code never include tools/).
#include "tools/corpus_generator/corpus_generator.h"
