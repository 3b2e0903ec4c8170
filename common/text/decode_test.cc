#include "common/text/decode.h"
#include <gtest/gtest.h>
