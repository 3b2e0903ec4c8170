"""The generated protobuf and gRPC modules of fazhi.v1, generated from proto/ (never committed).

    from fazhi_client import stubs
    query_pb2, query_pb2_grpc = stubs.module("query_pb2"), stubs.module("query_pb2_grpc")

Where the modules come from, first match wins:
  1. FAZHI_PYTHON_STUBS: a folder the build generated (CMake target fazhi_python_stubs writes
     build/clients/python), holding fazhi/v1/*_pb2.py.
  2. A cache folder ($XDG_CACHE_HOME or ~/.cache)/fazhi_client/<hash of the protos>, generated on
     first use with protoc and grpc_python_plugin (Debian: protobuf-compiler,
     protobuf-compiler-grpc) from FAZHI_PROTO_DIR or the repository's proto/.
The HTTP annotations the protos import (google/api/annotations.proto) come from
FAZHI_GOOGLEAPIS_DIR, by default where Debian's golang-github-gogo-googleapis-dev puts them.

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
_DEBIAN_GOOGLEAPIS_DIR = "/usr/share/gocode/src/github.com/gogo/googleapis"
_REPOSITORY_PROTO_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "proto")


def proto_dir():
    return os.path.abspath(os.environ.get("FAZHI_PROTO_DIR", _REPOSITORY_PROTO_DIR))


def googleapis_dir():
    return os.environ.get("FAZHI_GOOGLEAPIS_DIR", _DEBIAN_GOOGLEAPIS_DIR)


def generate(out_dir, source_dir=None):
    """Runs protoc on the fazhi.v1 protos, writing fazhi/v1/*_pb2.py and *_pb2_grpc.py (and the
    google/api modules they import)."""
    source_dir = source_dir or proto_dir()
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


_stub_dir = None


def module(name):
    """fazhi.v1.<name>, e.g. module("query_pb2_grpc")."""
    global _stub_dir
    if _stub_dir is None:
        _stub_dir = os.environ.get("FAZHI_PYTHON_STUBS") or _cached_stub_dir()
        sys.path.insert(0, _stub_dir)
    return importlib.import_module(f"fazhi.v1.{name}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python3 -m fazhi_client.stubs OUT_DIR")
    generate(sys.argv[1])
