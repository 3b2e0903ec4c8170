"""The generated protobuf and gRPC modules of fazhi.v1 (never committed), and how they are made.

    from fazhi_client import stubs
    query_pb2, query_pb2_grpc = stubs.module("query_pb2"), stubs.module("query_pb2_grpc")

Where the modules come from, first match wins:
  1. FAZHI_PYTHON_STUBS: a folder holding fazhi/v1/*_pb2.py (CMake's fazhi_python_stubs target
     writes build/clients/python).
  2. fazhi_client/_generated: the modules an installed package carries, generated when it was
     built (setup.py) from the .proto files it carries in fazhi_client/proto.
  3. A cache folder ($XDG_CACHE_HOME or ~/.cache)/fazhi_client/<hash of the protos>, generated on
     first use, for a checkout used without installing.
Generation runs protoc and grpc_python_plugin (Debian: protobuf-compiler, protobuf-compiler-grpc)
on the protos of proto_dir():
FAZHI_PROTO_DIR, the package's own copy, or the repository's proto/. The HTTP annotations they
import (google/api/annotations.proto) come from the package's copy or FAZHI_GOOGLEAPIS_DIR, by
default where Debian's golang-github-gogo-googleapis-dev puts them.

    python3 -m fazhi_client.stubs OUT_DIR      # generate into OUT_DIR (what CMake runs)
"""

import hashlib
import importlib
import os
import shutil
import subprocess
import sys

PROTO_FILES = ("fazhi/v1/report.proto", "fazhi/v1/ingestion.proto", "fazhi/v1/extraction.proto",
               "fazhi/v1/query.proto")
GOOGLEAPIS_FILES = ("google/api/http.proto", "google/api/annotations.proto")
_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))
BUNDLED_PROTO_DIR = os.path.join(_PACKAGE_DIR, "proto")
BUNDLED_STUB_DIR = os.path.join(_PACKAGE_DIR, "_generated")
_REPOSITORY_PROTO_DIR = os.path.join(_PACKAGE_DIR, "..", "..", "..", "proto")
_DEBIAN_GOOGLEAPIS_DIR = "/usr/share/gocode/src/github.com/gogo/googleapis"


def proto_dir():
    if "FAZHI_PROTO_DIR" in os.environ:
        return os.path.abspath(os.environ["FAZHI_PROTO_DIR"])
    if os.path.exists(os.path.join(BUNDLED_PROTO_DIR, PROTO_FILES[0])):
        return BUNDLED_PROTO_DIR
    return os.path.abspath(_REPOSITORY_PROTO_DIR)


def googleapis_dir():
    if os.path.exists(os.path.join(BUNDLED_PROTO_DIR, GOOGLEAPIS_FILES[1])):
        return BUNDLED_PROTO_DIR
    return os.environ.get("FAZHI_GOOGLEAPIS_DIR", _DEBIAN_GOOGLEAPIS_DIR)


def copy_protos(out_dir, source_dir=None):
    """Copies the .proto files the client is generated from (fazhi.v1 and google.api) into out_dir."""
    sources = [(source_dir or proto_dir(), PROTO_FILES), (googleapis_dir(), GOOGLEAPIS_FILES)]
    for folder, names in sources:
        for name in names:
            os.makedirs(os.path.join(out_dir, os.path.dirname(name)), exist_ok=True)
            shutil.copyfile(os.path.join(folder, name), os.path.join(out_dir, name))


def generate(out_dir, source_dir=None):
    """Runs protoc with grpc_python_plugin on the fazhi.v1 protos, writing fazhi/v1/*_pb2.py and
    *_pb2_grpc.py (and the google/api modules they import). Not grpc_tools.protoc: Debian's
    python3-grpc-tools is 1.14, whose protoc predates proto3 `optional` fields."""
    source_dir = os.path.abspath(source_dir or proto_dir())
    out_dir = os.path.abspath(out_dir)
    plugin = shutil.which("grpc_python_plugin")
    if plugin is None:
        raise RuntimeError("grpc_python_plugin not found (Debian package protobuf-compiler-grpc)")
    if not os.path.exists(os.path.join(googleapis_dir(), GOOGLEAPIS_FILES[1])):
        raise RuntimeError(f"google/api/annotations.proto not found in {googleapis_dir()} (Debian package "
                           "golang-github-gogo-googleapis-dev, or set FAZHI_GOOGLEAPIS_DIR)")
    os.makedirs(out_dir, exist_ok=True)
    protoc = os.environ.get("PROTOC", "protoc")
    paths = [f"--proto_path={source_dir}", f"--proto_path={googleapis_dir()}"]
    subprocess.run([protoc, *paths, f"--python_out={out_dir}", f"--grpc_python_out={out_dir}",
                    f"--plugin=protoc-gen-grpc_python={plugin}", *PROTO_FILES], check=True, cwd=source_dir)
    subprocess.run([protoc, *paths, f"--python_out={out_dir}", *GOOGLEAPIS_FILES], check=True,
                   cwd=source_dir)


def _cached_stub_dir():
    digest = hashlib.sha256()
    for name in PROTO_FILES:
        with open(os.path.join(proto_dir(), name), "rb") as file:
            digest.update(file.read())
    cache = os.environ.get("XDG_CACHE_HOME", os.path.join(os.path.expanduser("~"), ".cache"))
    folder = os.path.join(cache, "fazhi_client", digest.hexdigest()[:16])
    if not os.path.exists(os.path.join(folder, "fazhi", "v1", "query_pb2_grpc.py")):
        staging = f"{folder}.{os.getpid()}"
        generate(staging)
        os.makedirs(os.path.dirname(folder), exist_ok=True)
        try:
            os.rename(staging, folder)
        except OSError:  # another process generated it first
            shutil.rmtree(staging, ignore_errors=True)
    return folder


def stub_dir():
    """The folder the modules are imported from (see the module comment)."""
    if os.environ.get("FAZHI_PYTHON_STUBS"):
        return os.environ["FAZHI_PYTHON_STUBS"]
    if os.path.exists(os.path.join(BUNDLED_STUB_DIR, "fazhi", "v1", "query_pb2_grpc.py")):
        return BUNDLED_STUB_DIR
    return _cached_stub_dir()


_stub_dir = None


def module(name):
    """fazhi.v1.<name>, e.g. module("query_pb2_grpc")."""
    global _stub_dir
    if _stub_dir is None:
        _stub_dir = stub_dir()
        sys.path.insert(0, _stub_dir)  # the generated modules import each other as fazhi.v1.*
    return importlib.import_module(f"fazhi.v1.{name}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python3 -m fazhi_client.stubs OUT_DIR")
    generate(sys.argv[1])
