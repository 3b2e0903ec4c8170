#!/usr/bin/env python3
"""Tests of api_lint: small protos, compiled by the real protoc, each breaking one rule.

Run: PROTOC=/usr/bin/protoc python3 -m unittest tests/proto/api_lint_test.py
"""

import os
import subprocess
import sys
import tempfile
import textwrap
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import api_lint  # noqa: E402

PROTOC = os.environ.get("PROTOC", "protoc")

# A tiny API that follows every rule; each test changes one thing.
GOOD = """
// A tiny API.
syntax = "proto3";

package shop.v1;

// Sells things.
service ShopService {
  // Returns one item (a standard Get returns the resource).
  rpc GetItem(GetItemRequest) returns (Item);
  // Buys an item.
  rpc BuyItem(BuyItemRequest) returns (BuyItemResponse);
}

// Something for sale.
message Item {
  // `items/{id}`.
  string name = 1;
  // Price in cents.
  int64 price_cents = 2;
  // Its colour.
  Colour colour = 3;
  // Tags.
  repeated string tags = 4;
}

// A colour.
enum Colour {
  // Not given.
  COLOUR_UNSPECIFIED = 0;
  // Red.
  COLOUR_RED = 1;
}

// Request of GetItem.
message GetItemRequest {
  // The item.
  string name = 1;
}

// Request of BuyItem.
message BuyItemRequest {
  // The item.
  string name = 1;
}

// Response of BuyItem.
message BuyItemResponse {
  // The order.
  string order = 1;
}
"""


def compile_proto(source):
    """The descriptor set (with comments) of one proto file's text."""
    with tempfile.TemporaryDirectory() as folder:
        os.makedirs(os.path.join(folder, "shop", "v1"))
        with open(os.path.join(folder, "shop", "v1", "shop.proto"), "w") as file:
            file.write(textwrap.dedent(source))
        out = os.path.join(folder, "shop.binpb")
        subprocess.run([PROTOC, f"-I{folder}", "--include_source_info", f"--descriptor_set_out={out}",
                        "shop/v1/shop.proto"], check=True, capture_output=True)
        return api_lint.load_descriptor_set(out)


def edit(old, new, source=GOOD):
    assert old in source, old
    return source.replace(old, new, 1)


class StyleTest(unittest.TestCase):
    def violations(self, source):
        return api_lint.check_style(compile_proto(source))

    def assertViolation(self, source, expected):
        violations = self.violations(source)
        self.assertTrue(any(expected in v for v in violations), f"{expected!r} not in {violations}")

    def test_a_conforming_api_has_no_violations(self):
        self.assertEqual(self.violations(GOOD), [])

    def test_unversioned_package_is_reported(self):
        self.assertViolation(edit("package shop.v1;", "package shop;"), "package 'shop' is not versioned")

    def test_rpc_without_its_own_request_is_reported(self):
        source = edit("rpc BuyItem(BuyItemRequest)", "rpc BuyItem(GetItemRequest)")
        self.assertViolation(source, "rpc-shape: ShopService.BuyItem takes GetItemRequest, not BuyItemRequest")

    def test_rpc_without_its_own_response_is_reported(self):
        source = edit("returns (BuyItemResponse)", "returns (Item)")
        self.assertViolation(source, "rpc-shape: ShopService.BuyItem returns Item, not BuyItemResponse")

    def test_get_returning_another_message_is_reported(self):
        source = edit("returns (Item);", "returns (BuyItemResponse);")
        self.assertViolation(source, "ShopService.GetItem returns BuyItemResponse, not GetItemResponse")

    def test_enum_zero_value_must_be_unspecified(self):
        source = edit("COLOUR_UNSPECIFIED = 0;", "COLOUR_NONE = 0;")
        self.assertViolation(source, "enum-zero: zero value of Colour is COLOUR_NONE, not COLOUR_UNSPECIFIED")

    def test_enum_value_without_enum_prefix_is_reported(self):
        self.assertViolation(edit("COLOUR_RED = 1;", "RED = 1;"), "enum value RED does not start with COLOUR_")

    def test_missing_comments_are_reported_for_every_kind(self):
        cases = {
            "// Sells things.\n": "service ShopService has no leading comment",
            "  // Buys an item.\n": "rpc ShopService.BuyItem has no leading comment",
            "// Something for sale.\n": "message Item has no leading comment",
            "  // Price in cents.\n": "field Item.price_cents has no leading comment",
            "// A colour.\n": "enum Colour has no leading comment",
            "  // Red.\n": "enum value COLOUR_RED has no leading comment",
        }
        for comment, expected in cases.items():
            with self.subTest(expected):
                self.assertViolation(edit(comment, ""), expected)

    def test_trailing_comment_does_not_count_as_leading(self):
        source = edit("  // Price in cents.\n  int64 price_cents = 2;", "  int64 price_cents = 2;  // cents")
        self.assertViolation(source, "field Item.price_cents has no leading comment")

    def test_field_names_must_be_lower_snake_case(self):
        self.assertViolation(edit("price_cents = 2", "priceCents = 2"), "field Item.priceCents is not lower_snake_case")

    def test_message_names_must_be_upper_camel_case(self):
        source = edit("message Item {", "message item_record {").replace("(Item)", "(item_record)")
        self.assertViolation(source, "message item_record is not UpperCamelCase")

    def test_nested_messages_are_checked_too(self):
        source = edit("  repeated string tags = 4;\n", "  repeated string tags = 4;\n  message Part { string sku = 1; }\n")
        violations = self.violations(source)
        self.assertIn("message Item.Part has no leading comment", " ".join(violations))
        self.assertIn("field Item.Part.sku has no leading comment", " ".join(violations))

    def test_violations_name_file_and_line(self):
        violations = self.violations(edit("package shop.v1;", "package shop;"))
        self.assertTrue(violations[0].startswith("shop/v1/shop.proto:5: package:"), violations)


class BreakingTest(unittest.TestCase):
    def violations(self, new_source):
        return api_lint.check_breaking(compile_proto(GOOD), compile_proto(new_source))

    def assertBreaking(self, new_source, expected):
        violations = self.violations(new_source)
        self.assertTrue(any(expected in v for v in violations), f"{expected!r} not in {violations}")

    def test_unchanged_api_is_not_breaking(self):
        self.assertEqual(self.violations(GOOD), [])

    def test_adding_fields_values_and_rpcs_is_not_breaking(self):
        source = edit("  repeated string tags = 4;\n", "  repeated string tags = 4;\n  // New.\n  bool sold = 5;\n")
        source = edit("  COLOUR_RED = 1;\n", "  COLOUR_RED = 1;\n  // Blue.\n  COLOUR_BLUE = 2;\n", source)
        self.assertEqual(self.violations(source), [])

    def test_field_number_change_is_breaking(self):
        self.assertBreaking(edit("price_cents = 2", "price_cents = 7"), "field shop.v1.Item.price_cents changed number 2 -> 7")

    def test_field_type_change_is_breaking(self):
        self.assertBreaking(edit("int64 price_cents", "int32 price_cents"),
                            "field shop.v1.Item.price_cents changed type int64 -> int32")

    def test_field_message_type_change_is_breaking(self):
        self.assertBreaking(edit("Colour colour = 3;", "Item colour = 3;"),
                            "field shop.v1.Item.colour changed type enum shop.v1.Colour -> message shop.v1.Item")

    def test_field_label_change_is_breaking(self):
        self.assertBreaking(edit("repeated string tags", "string tags"),
                            "field shop.v1.Item.tags changed label repeated -> optional")

    def test_a_scalar_becoming_proto3_optional_is_not_breaking(self):
        self.assertEqual(self.violations(edit("  int64 price_cents", "  optional int64 price_cents")), [])

    def test_a_proto3_optional_scalar_losing_its_presence_is_breaking(self):
        old = compile_proto(edit("  int64 price_cents", "  optional int64 price_cents"))
        violations = api_lint.check_breaking(old, compile_proto(GOOD))
        self.assertTrue(any("field shop.v1.Item.price_cents changed label proto3 optional -> optional" in v
                            for v in violations), violations)

    def test_removed_field_without_reserved_is_breaking(self):
        self.assertBreaking(edit("  // Price in cents.\n  int64 price_cents = 2;\n", ""),
                            "field shop.v1.Item.price_cents = 2 removed without reserving")

    def test_removed_field_reserving_only_the_number_is_breaking(self):
        source = edit("  // Price in cents.\n  int64 price_cents = 2;\n", "  reserved 2;\n")
        self.assertBreaking(source, "field shop.v1.Item.price_cents = 2 removed without reserving")

    def test_removed_field_with_reserved_number_and_name_is_not_breaking(self):
        source = edit("  // Price in cents.\n  int64 price_cents = 2;\n", '  reserved 2;\n  reserved "price_cents";\n')
        self.assertEqual(self.violations(source), [])

    def test_removed_rpc_is_breaking(self):
        source = edit("  // Buys an item.\n  rpc BuyItem(BuyItemRequest) returns (BuyItemResponse);\n", "")
        self.assertBreaking(source, "rpc shop.v1.ShopService.BuyItem removed")

    def test_rpc_request_change_is_breaking(self):
        self.assertBreaking(edit("rpc BuyItem(BuyItemRequest)", "rpc BuyItem(GetItemRequest)"),
                            "rpc shop.v1.ShopService.BuyItem changed input_type")

    def test_rpc_becoming_streaming_is_breaking(self):
        self.assertBreaking(edit("returns (BuyItemResponse)", "returns (stream BuyItemResponse)"),
                            "rpc shop.v1.ShopService.BuyItem changed server_streaming False -> True")

    def test_enum_value_number_change_is_breaking(self):
        self.assertBreaking(edit("COLOUR_RED = 1;", "COLOUR_RED = 2;"),
                            "enum value shop.v1.Colour.COLOUR_RED changed number 1 -> 2")

    def test_removed_enum_value_without_reserved_is_breaking(self):
        self.assertBreaking(edit("  // Red.\n  COLOUR_RED = 1;\n", ""), "enum value shop.v1.Colour.COLOUR_RED = 1 removed")

    def test_removed_enum_value_with_reserved_is_not_breaking(self):
        source = edit("  // Red.\n  COLOUR_RED = 1;\n", '  reserved 1;\n  reserved "COLOUR_RED";\n')
        self.assertEqual(self.violations(source), [])

    def test_removed_message_is_breaking(self):
        source = edit("  // Buys an item.\n  rpc BuyItem(BuyItemRequest) returns (BuyItemResponse);\n", "")
        source = edit("// Response of BuyItem.\nmessage BuyItemResponse {\n  // The order.\n  string order = 1;\n}\n", "", source)
        self.assertBreaking(source, "message shop.v1.BuyItemResponse removed")


if __name__ == "__main__":
    unittest.main()
