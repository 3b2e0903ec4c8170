#include "common/text/normalize.h"
#include <gtest/gtest.h>
namespace fazhi::text { namespace { TEST(X, Y) { EXPECT_EQ(NormalizeText("a"), "a"); } } }
