#!/usr/bin/env python3
"""API checks on the protos: Google API style rules, and breaking changes against a release.

Reads descriptor sets that protoc wrote (`--include_source_info` for the style check, which reads
comments), so it sees exactly what the compiler sees:

    protoc -I proto --include_imports --include_source_info \
        --descriptor_set_out=api.binpb proto/fazhi/v1/*.proto
    python3 tests/proto/api_lint.py --descriptor-set api.binpb \
        --released proto/released/fazhi_v1.binpb
    # fazhi/v1/query.proto:40: rpc-shape: QueryService.Foo returns Bar, not FooResponse

Style (only files of our own packages, not google/*): versioned package (`fazhi.v1`), every RPC
takes `XxxRequest` and returns `XxxResponse` (except a standard `GetXxx` returning the resource
`Xxx`, AIP-131, and the RPCs of RPC_SHAPE_EXCEPTIONS), enum zero values `<ENUM>_UNSPECIFIED`,
enum values prefixed by their enum, a leading comment on every service, rpc, message, field,
enum and enum value, lower_snake_case fields, UpperCamel messages, enums, services and rpcs.

Breaking (old release against the new protos): a message, enum, service or rpc removed; a field
removed without `reserved` (its number and name); a field's number, type or label changed (a
singular scalar becoming proto3 `optional` is not: the same wire and JSON, readers gain has_x()); an
rpc's request, response or streaming changed; an enum value removed without `reserved` or its
number changed.

Exit code 1 and one line per violation when anything is wrong; 0 and a summary line otherwise.
"""

import argparse
import re
import sys

from google.protobuf import descriptor_pb2

FieldDescriptorProto = descriptor_pb2.FieldDescriptorProto

# RPCs whose request or response is deliberately not their own XxxRequest/XxxResponse, and why.
# The one place to add an exception; each must say why in the proto too.
RPC_SHAPE_EXCEPTIONS = {
    "fazhi.v1.IngestionService.StreamIngestDocuments":
        "the streaming form of IngestDocument: each stream message is an IngestDocumentRequest",
}

VERSIONED_PACKAGE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*\.v[1-9][0-9]*((alpha|beta)[0-9]*)?$")
LOWER_SNAKE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
UPPER_CAMEL = re.compile(r"^[A-Z][a-zA-Z0-9]*$")
UPPER_SNAKE = re.compile(r"^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$")

# Paths into FileDescriptorProto used by SourceCodeInfo (descriptor.proto's field numbers).
MESSAGE_TYPE, ENUM_TYPE, SERVICE = 4, 5, 6
MESSAGE_FIELD, MESSAGE_NESTED, MESSAGE_ENUM, MESSAGE_ONEOF = 2, 3, 4, 8
ENUM_VALUE, SERVICE_METHOD = 2, 2


def load_descriptor_set(path):
    descriptor_set = descriptor_pb2.FileDescriptorSet()
    with open(path, "rb") as file:
        descriptor_set.ParseFromString(file.read())
    return descriptor_set


def own_files(descriptor_set):
    """The files that are ours to check: everything but google/*."""
    return [f for f in descriptor_set.file if not f.name.startswith("google/")]


def upper_snake(camel):
    """ReportState -> REPORT_STATE."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", camel).upper()


class _StyleChecker:
    """Walks one file's declarations with their source paths and collects violations."""

    def __init__(self, file):
        self.file = file
        self.violations = []
        self.locations = {tuple(l.path): l for l in file.source_code_info.location}

    def report(self, path, rule, message):
        location = self.locations.get(tuple(path))
        line = location.span[0] + 1 if location else 0
        self.violations.append(f"{self.file.name}:{line}: {rule}: {message}")

    def require_comment(self, path, what):
        location = self.locations.get(tuple(path))
        if location is None or not location.leading_comments.strip():
            self.report(path, "comment", f"{what} has no leading comment")

    def require_name(self, path, pattern, kind, qualified, style):
        if not pattern.match(qualified.rsplit(".", 1)[-1]):
            self.report(path, "naming", f"{kind} {qualified} is not {style}")

    def run(self):
        if not VERSIONED_PACKAGE.match(self.file.package):
            self.report([2], "package", f"package '{self.file.package}' is not versioned (like fazhi.v1)")
        for i, message in enumerate(self.file.message_type):
            self.check_message([MESSAGE_TYPE, i], message, message.name)
        for i, enum in enumerate(self.file.enum_type):
            self.check_enum([ENUM_TYPE, i], enum, enum.name)
        for i, service in enumerate(self.file.service):
            self.check_service([SERVICE, i], service)
        return self.violations

    def check_message(self, path, message, qualified):
        if message.options.map_entry:
            return  # synthesized by protoc for map<,> fields
        self.require_comment(path, f"message {qualified}")
        self.require_name(path, UPPER_CAMEL, "message", qualified, "UpperCamelCase")
        for i, field in enumerate(message.field):
            field_path = path + [MESSAGE_FIELD, i]
            self.require_comment(field_path, f"field {qualified}.{field.name}")
            self.require_name(field_path, LOWER_SNAKE, "field", f"{qualified}.{field.name}", "lower_snake_case")
        for i, nested in enumerate(message.nested_type):
            self.check_message(path + [MESSAGE_NESTED, i], nested, f"{qualified}.{nested.name}")
        for i, enum in enumerate(message.enum_type):
            self.check_enum(path + [MESSAGE_ENUM, i], enum, f"{qualified}.{enum.name}")

    def check_enum(self, path, enum, qualified):
        self.require_comment(path, f"enum {qualified}")
        self.require_name(path, UPPER_CAMEL, "enum", qualified, "UpperCamelCase")
        prefix = upper_snake(enum.name) + "_"
        for i, value in enumerate(enum.value):
            value_path = path + [ENUM_VALUE, i]
            self.require_comment(value_path, f"enum value {value.name}")
            self.require_name(value_path, UPPER_SNAKE, "enum value", value.name, "UPPER_SNAKE_CASE")
            if not value.name.startswith(prefix):
                self.report(value_path, "enum-prefix", f"enum value {value.name} does not start with {prefix}")
            if value.number == 0 and value.name != prefix + "UNSPECIFIED":
                self.report(value_path, "enum-zero", f"zero value of {qualified} is {value.name}, not {prefix}UNSPECIFIED")

    def check_service(self, path, service):
        self.require_comment(path, f"service {service.name}")
        self.require_name(path, UPPER_CAMEL, "service", service.name, "UpperCamelCase")
        for i, method in enumerate(service.method):
            method_path = path + [SERVICE_METHOD, i]
            qualified = f"{service.name}.{method.name}"
            self.require_comment(method_path, f"rpc {qualified}")
            self.require_name(method_path, UPPER_CAMEL, "rpc", qualified, "UpperCamelCase")
            full_name = f"{self.file.package}.{qualified}"
            if full_name in RPC_SHAPE_EXCEPTIONS:
                continue
            request = method.input_type.rsplit(".", 1)[-1]
            response = method.output_type.rsplit(".", 1)[-1]
            if request != method.name + "Request":
                self.report(method_path, "rpc-shape", f"{qualified} takes {request}, not {method.name}Request")
            standard_get = method.name.startswith("Get") and response == method.name[3:]
            if response != method.name + "Response" and not standard_get:
                self.report(method_path, "rpc-shape", f"{qualified} returns {response}, not {method.name}Response")


def check_style(descriptor_set):
    violations = []
    for file in own_files(descriptor_set):
        violations += _StyleChecker(file).run()
    return violations


# ---- Breaking changes ----

LABELS = {FieldDescriptorProto.LABEL_OPTIONAL: "optional", FieldDescriptorProto.LABEL_REPEATED: "repeated",
          FieldDescriptorProto.LABEL_REQUIRED: "required"}


def _declarations(descriptor_set):
    """Full name -> (kind, descriptor, file name) of every message, enum and service we own."""
    declarations = {}

    def add_message(prefix, message, file_name):
        name = f"{prefix}.{message.name}"
        declarations[name] = ("message", message, file_name)
        for nested in message.nested_type:
            add_message(name, nested, file_name)
        for enum in message.enum_type:
            declarations[f"{name}.{enum.name}"] = ("enum", enum, file_name)

    for file in own_files(descriptor_set):
        for message in file.message_type:
            add_message(file.package, message, file.name)
        for enum in file.enum_type:
            declarations[f"{file.package}.{enum.name}"] = ("enum", enum, file.name)
        for service in file.service:
            declarations[f"{file.package}.{service.name}"] = ("service", service, file.name)
    return declarations


def _reserved(descriptor, number, name):
    # Message reserved ranges are [start, end); enum reserved ranges are [start, end].
    inclusive = isinstance(descriptor, descriptor_pb2.EnumDescriptorProto)
    in_range = any(r.start <= number < r.end + inclusive for r in descriptor.reserved_range)
    return in_range and name in descriptor.reserved_name


def _field_type(field):
    type_name = FieldDescriptorProto.Type.Name(field.type)[len("TYPE_"):].lower()
    return f"{type_name} {field.type_name.lstrip('.')}".strip()


def _field_label(field):
    return "proto3 optional" if field.proto3_optional else LABELS[field.label]


def _gains_presence(old, new):
    """A singular scalar that becomes proto3 `optional` (in the synthetic oneof protoc makes for it).

    The same bytes on the wire and the same JSON; readers only gain has_x() to tell a value that
    was never set from 0. Losing presence is breaking: a reader's has_x() would go.
    """
    return (not old.proto3_optional and new.proto3_optional and not old.HasField("oneof_index")
            and old.label == new.label == FieldDescriptorProto.LABEL_OPTIONAL
            and old.type != FieldDescriptorProto.TYPE_MESSAGE)


def _compare_message(name, old, new):
    problems = []
    new_by_name = {f.name: f for f in new.field}
    new_by_number = {f.number: f for f in new.field}
    for field in old.field:
        moved = new_by_name.get(field.name)
        if moved is not None and moved.number != field.number:
            problems.append(f"field {name}.{field.name} changed number {field.number} -> {moved.number}")
            continue
        current = new_by_number.get(field.number)
        if current is None:
            if not _reserved(new, field.number, field.name):
                problems.append(f"field {name}.{field.name} = {field.number} removed without reserving "
                                f"its number and name")
            continue
        if current.name != field.name:
            problems.append(f"field {name} = {field.number} renamed {field.name} -> {current.name} "
                            f"(breaks JSON)")
        if _field_type(current) != _field_type(field):
            problems.append(f"field {name}.{field.name} changed type {_field_type(field)} -> {_field_type(current)}")
        if _gains_presence(field, current):
            continue
        if _field_label(current) != _field_label(field):
            problems.append(f"field {name}.{field.name} changed label {_field_label(field)} -> {_field_label(current)}")
        if current.HasField("oneof_index") != field.HasField("oneof_index"):
            problems.append(f"field {name}.{field.name} moved into or out of a oneof")
    return problems


def _compare_enum(name, old, new):
    problems = []
    new_by_name = {v.name: v for v in new.value}
    for value in old.value:
        current = new_by_name.get(value.name)
        if current is None:
            if not _reserved(new, value.number, value.name):
                problems.append(f"enum value {name}.{value.name} = {value.number} removed without "
                                f"reserving its number and name")
        elif current.number != value.number:
            problems.append(f"enum value {name}.{value.name} changed number {value.number} -> {current.number}")
    return problems


def _compare_service(name, old, new):
    problems = []
    new_methods = {m.name: m for m in new.method}
    for method in old.method:
        current = new_methods.get(method.name)
        if current is None:
            problems.append(f"rpc {name}.{method.name} removed")
            continue
        for part in ("input_type", "output_type", "client_streaming", "server_streaming"):
            if getattr(current, part) != getattr(method, part):
                problems.append(f"rpc {name}.{method.name} changed {part} {getattr(method, part)} -> "
                                f"{getattr(current, part)}")
    return problems


COMPARERS = {"message": _compare_message, "enum": _compare_enum, "service": _compare_service}


def check_breaking(released_set, current_set):
    released = _declarations(released_set)
    current = _declarations(current_set)
    violations = []
    for name, (kind, old, file_name) in sorted(released.items()):
        if name not in current or current[name][0] != kind:
            violations.append(f"{file_name}: breaking: {kind} {name} removed")
            continue
        for problem in COMPARERS[kind](name, old, current[name][1]):
            violations.append(f"{current[name][2]}: breaking: {problem}")
    return violations


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--descriptor-set", required=True,
                        help="protoc --include_imports --include_source_info output for the protos")
    parser.add_argument("--released", help="descriptor set of the last release, for the breaking-change check")
    args = parser.parse_args(argv)
    current = load_descriptor_set(args.descriptor_set)
    violations = check_style(current)
    if args.released:
        violations += check_breaking(load_descriptor_set(args.released), current)
    for violation in violations:
        print(violation)
    files = len(own_files(current))
    checks = "style and breaking changes" if args.released else "style"
    print(f"api_lint: {files} files, {checks}: {len(violations)} violations")
    return 1 if violations else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
